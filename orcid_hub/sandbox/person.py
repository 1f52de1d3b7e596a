"""Person-section items (other names, researcher URLs, addresses, keywords, external
identifiers): written with ``/person/update``, read like activities."""

from __future__ import annotations

import time

from flask import Blueprint, Response, request
from lxml import etree

from orcid_hub.sandbox import access, records
from orcid_hub.sandbox.api import (
    changed,
    check_source,
    find_item,
    read_body,
    reader,
    schemas,
    state,
    visible_items,
    writer,
)
from orcid_hub.sandbox.codec import children, local, qname
from orcid_hub.sandbox.documents import person_section
from orcid_hub.sandbox.errors import ApiError, negotiate, render
from orcid_hub.sandbox.kinds import PERSON_KINDS, PersonKind
from orcid_hub.sandbox.store import Item

PERSON_UPDATE = "/person/update"


def _key(kind: PersonKind, element: etree._Element) -> tuple[str, ...]:
    texts = {local(c): (c.text or "").strip() for c in children(element)}
    return tuple(texts.get(name, "").lower() for name in kind.key)


def _checked(kind: PersonKind, element: etree._Element) -> etree._Element:
    if element.tag != qname(kind.name, kind.name):
        raise ApiError(400, 9001, f"Expected a {kind.name}, got {local(element)}")
    missing = [name for name, value in zip(kind.key, _key(kind, element), strict=True) if not value]
    if missing:
        raise ApiError(400, 9001, f"The {kind.name} needs {', '.join(missing)}")
    schemas().validate(element, kind.schema)
    return element


def _duplicate(
    kind: PersonKind,
    orcid: str,
    client_id: str,
    element: etree._Element,
    exclude: int | None = None,
) -> None:
    key = _key(kind, element)
    for item in state().items_of(orcid, kind.name):
        if (
            item.client_id == client_id
            and item.put_code != exclude
            and _key(kind, item.element) == key
        ):
            raise ApiError(
                409,
                9030,
                f"You already added this {kind.name}: see the element with put-code"
                f" {item.put_code}. Use PUT to edit it.",
            )


def make_blueprint(public: bool) -> Blueprint:
    bp = Blueprint("pub_person" if public else "member_person", __name__)
    for kind in PERSON_KINDS.values():
        _routes(bp, kind, public)
    return bp


def _routes(bp: Blueprint, kind: PersonKind, public: bool) -> None:
    name = kind.name.replace("-", "_")

    def section(orcid: str) -> Response:
        token = reader(orcid, public)
        items = visible_items(orcid, token, public, kind.name)
        return render(person_section(kind, orcid, items, request.host_url), negotiate(request))

    def read(orcid: str, put_code: int) -> Response:
        token = reader(orcid, public)
        item = find_item(orcid, kind, put_code)
        access.check_visible(item, token, public)
        return render(records.full_element(item, request.host_url), negotiate(request))

    bp.add_url_rule(f"/<orcid>/{kind.path}", f"{name}_section", section, methods=["GET"])
    bp.add_url_rule(f"/<orcid>/{kind.path}/<int:put_code>", f"{name}_read", read, methods=["GET"])
    if public:
        return

    def create(orcid: str) -> Response:
        token = writer(orcid, PERSON_UPDATE)
        negotiate(request)
        element, _ = read_body(kind)
        if "put-code" in element.attrib:
            raise ApiError(400, 9024, "Put-code must not be sent when creating an item")
        records.strip_server_parts(_checked(kind, element))
        client = state().client(token.client_id)
        assert client is not None
        with state().lock:
            _duplicate(kind, orcid, token.client_id, element)
            item = records.create(state(), orcid, client, kind, element)
        changed(orcid)
        base = request.host_url.rstrip("/")
        location = f"{base}/v3.0/{orcid}/{kind.path}/{item.put_code}"
        return Response(b"", status=201, headers={"Location": location})

    def update(orcid: str, put_code: int) -> Response:
        token = writer(orcid, PERSON_UPDATE)
        media_type = negotiate(request)
        element, _ = read_body(kind)
        sent = element.get("put-code")
        if sent is None:
            raise ApiError(409, 9031, "Put-code is required in the body to update an item")
        if sent != str(put_code):
            raise ApiError(400, 9019, f"Put-code {sent} in the body does not match {put_code}")
        with state().lock:
            item: Item = find_item(orcid, kind, put_code)
            check_source(item, token, kind)
            seen = records.strip_server_parts(_checked(kind, element))
            if seen.get("visibility", item.visibility) != item.visibility:
                raise ApiError(403, 9035, "The visibility of an item cannot be changed by a client")
            _duplicate(kind, orcid, token.client_id, element, put_code)
            item.element, item.modified = element, time.time()
        changed(orcid)
        return render(records.full_element(item, request.host_url), media_type)

    def delete(orcid: str, put_code: int) -> Response:
        token = writer(orcid, PERSON_UPDATE)
        with state().lock:
            item = find_item(orcid, kind, put_code)
            check_source(item, token, kind)
            del state().items[(orcid, put_code)]
        changed(orcid)
        return Response(b"", status=204)

    bp.add_url_rule(f"/<orcid>/{kind.path}", f"{name}_create", create, methods=["POST"])
    rule = f"/<orcid>/{kind.path}/<int:put_code>"
    bp.add_url_rule(rule, f"{name}_update", update, methods=["PUT"])
    bp.add_url_rule(rule, f"{name}_delete", delete, methods=["DELETE"])
