"""Permission notifications: a member asks, in the user's ORCID inbox, for permission."""

from __future__ import annotations

import copy
import time

from flask import Blueprint, Response, current_app, request
from lxml import etree

from orcid_hub.sandbox import access
from orcid_hub.sandbox.codec import XmlInputError, children, local, parse_xml, qname, xml_datetime
from orcid_hub.sandbox.errors import XML_TYPES, ApiError, negotiate, render
from orcid_hub.sandbox.kinds import NS
from orcid_hub.sandbox.records import source_element
from orcid_hub.sandbox.store import Item, Notification, SandboxState
from orcid_hub.sandbox.validation import Schemas

bp = Blueprint("sandbox_notifications", __name__)
PREMIUM_NOTIFICATION = "/premium-notification"
_SCHEMA = "notification-permission"
_CONTENT = ("notification-type", "authorization-url", "notification-subject", "notification-intro")
_READ_ONLY = frozenset(
    {"created-date", "sent-date", "read-date", "actioned-date", "archived-date", "source"}
)


def _state() -> SandboxState:
    found: SandboxState = current_app.extensions["orcid_sandbox"]
    return found


def _client_id(orcid: str) -> str:
    token = access.bearer(request, _state())
    assert token is not None
    access.require_scope(token, PREMIUM_NOTIFICATION)
    if _state().user(orcid) is None:
        raise ApiError(404, 9016, f"ORCID iD {orcid} not found")
    return token.client_id


def _own(orcid: str, put_code: int, client_id: str) -> Notification:
    found = _state().notifications.get((orcid, put_code))
    if found is None or found.client_id != client_id:
        # A client sees only the notifications it sent.
        raise ApiError(404, 9029, f"No notification {put_code} from you on {orcid}")
    return found


def _element(note: Notification) -> etree._Element:
    root = etree.Element(
        qname("notification", "notification"),
        nsmap={"notification": NS["notification"], "common": NS["common"]},
    )
    root.set("put-code", str(note.put_code))
    for child in children(note.element):
        root.append(copy.deepcopy(child))
    for name, moment in (
        ("created-date", note.created),
        ("sent-date", note.created),
        ("read-date", note.read),
        ("archived-date", note.archived),
    ):
        if moment is not None:
            etree.SubElement(root, qname("common", name)).text = xml_datetime(moment)
    owner = Item("work", 0, note.orcid, note.client_id, note.client_name, 0, 0, "", root)
    root.append(source_element(owner, request.host_url))
    return root


@bp.post("/<orcid>/notification-permission")
def create(orcid: str) -> Response:
    client_id = _client_id(orcid)
    negotiate(request)
    if request.mimetype not in XML_TYPES:
        raise ApiError(415, 9001, f"Send notifications as XML ({', '.join(XML_TYPES)})")
    try:
        element = parse_xml(request.get_data())
    except XmlInputError as exc:
        raise ApiError(400, 9001, f"Invalid incoming message: {exc}") from None
    if "put-code" in element.attrib:
        raise ApiError(400, 9024, "Put-code must not be sent when creating a notification")
    for child in children(element):
        if local(child) in _READ_ONLY:
            element.remove(child)
    found = {local(c): (c.text or "").strip() for c in children(element)}
    if found.get("notification-type") != "permission" or not all(k in found for k in _CONTENT):
        raise ApiError(400, 9001, "A permission notification needs type, URL, subject and intro")
    schemas: Schemas = current_app.extensions["orcid_sandbox_schemas"]
    schemas.validate(element, _SCHEMA)
    state = _state()
    if state.user_status(orcid).notifications_off:
        raise ApiError(409, 9032, f"The user {orcid} does not accept notifications")
    client = state.client(client_id)
    assert client is not None
    with state.lock:
        note = Notification(
            state.next_put_code(), orcid, client_id, client.name, element, time.time()
        )
        state.notifications[(orcid, note.put_code)] = note
    base = request.host_url.rstrip("/")
    location = f"{base}/v3.0/{orcid}/notification-permission/{note.put_code}"
    return Response(b"", status=201, headers={"Location": location})


@bp.get("/<orcid>/notification-permission/<int:put_code>")
def read(orcid: str, put_code: int) -> Response:
    note = _own(orcid, put_code, _client_id(orcid))
    return render(_element(note), negotiate(request))


@bp.delete("/<orcid>/notification-permission/<int:put_code>")
def archive(orcid: str, put_code: int) -> Response:
    media_type = negotiate(request)
    note = _own(orcid, put_code, _client_id(orcid))
    with _state().lock:
        if note.read is not None:
            raise ApiError(403, 9009, "The user has already read this notification")
        note.archived = note.archived or time.time()
    return render(_element(note), media_type)


def mark_read(state: SandboxState, orcid: str, put_code: int) -> bool:
    """The user opens the notification in their ORCID inbox."""
    with state.lock:
        note = state.notifications.get((orcid, put_code))
        if note is None:
            return False
        note.read = note.read or time.time()
        return True
