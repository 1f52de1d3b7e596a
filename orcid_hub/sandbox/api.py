"""The Member API v3.0 (``/v3.0``) and the read-only Public API (``/pub/v3.0``)."""

from __future__ import annotations

import json
import time
from typing import Any

from flask import Blueprint, Response, current_app, request
from lxml import etree

from orcid_hub.sandbox import access, documents, records, webhooks
from orcid_hub.sandbox.codec import XmlInputError, from_json, parse_xml, qname
from orcid_hub.sandbox.errors import JSON_TYPES, XML_TYPES, ApiError, negotiate, render
from orcid_hub.sandbox.kinds import KINDS, NS, PLURALS, Kind
from orcid_hub.sandbox.store import Item, SandboxState, Token
from orcid_hub.sandbox.validation import Schemas, check_item

BULK_LIMIT = 100


def state() -> SandboxState:
    found: SandboxState = current_app.extensions["orcid_sandbox"]
    return found


def schemas() -> Schemas:
    found: Schemas = current_app.extensions["orcid_sandbox_schemas"]
    return found


def _kind(name: str, table: dict[str, Kind]) -> Kind:
    if name not in table:
        raise ApiError(404, 9016, f"Unknown section {name!r}", "The resource was not found.")
    return table[name]


def record_owner(orcid: str) -> None:
    if state().user(orcid) is None:
        raise ApiError(404, 9016, f"ORCID iD {orcid} not found", "The ORCID record was not found.")


def find_item(orcid: str, kind: Kind, put_code: int) -> Item:
    item = state().items.get((orcid, put_code))
    if item is None or item.kind != kind.name:
        raise ApiError(
            404, 9016, f"No {kind.name} with put-code {put_code} on {orcid}", "Not found."
        )
    return item


def read_body(kind: Kind | None) -> tuple[etree._Element, bool]:
    """The request body as an element (``None``: a bulk); ``True`` when it came as JSON."""
    mimetype = request.mimetype
    body = request.get_data()
    try:
        if mimetype in XML_TYPES:
            return parse_xml(body), False
        if mimetype in JSON_TYPES:
            data = json.loads(body)
            if kind is None:
                return _bulk_from_json(data), True
            return from_json(kind, data), True
    except (XmlInputError, ValueError) as exc:
        raise ApiError(
            400, 9001, f"Invalid incoming message: {exc}", "The item could not be read."
        ) from None
    raise ApiError(
        415,
        9001,
        f"Unsupported media type {mimetype or '(none)'}; send one of "
        + ", ".join(XML_TYPES + JSON_TYPES),
        "Unsupported media type.",
    )


def _bulk_from_json(data: Any) -> etree._Element:
    root = etree.Element(qname("bulk", "bulk"), nsmap={"bulk": NS["bulk"]})
    slots = data.get("bulk") if isinstance(data, dict) else None
    if not isinstance(slots, list):
        raise XmlInputError('Expected {"bulk": [{"work": {…}}, …]}')
    for slot in slots:
        if not isinstance(slot, dict) or "work" not in slot:
            raise XmlInputError('Each bulk slot must be {"work": {…}}')
        root.append(from_json(KINDS["work"], slot["work"]))
    return root


def changed(orcid: str) -> None:
    webhooks.record_changed(state(), orcid, current_app.config["SANDBOX_WEBHOOK_DELAY"])


def writer(orcid: str, scope: str = access.UPDATE) -> Token:
    token = access.bearer(request, state())
    assert token is not None
    access.check_record_token(token, orcid)
    access.require_scope(token, scope)
    if token.orcid is None:
        raise ApiError(403, 9038, "Writing to a record needs the user's 3-legged token")
    return token


def validated(element: etree._Element, kind: Kind) -> etree._Element:
    # ORCID's own rules first: their specific codes (9022, 9049…) are what clients
    # branch on; the schema then catches everything else as 9001.
    check_item(element, kind)
    schemas().validate(element, kind.name)
    return element


def reader(orcid: str, public: bool) -> Token | None:
    """The caller's token for a read (optional on the Public API) after ORCID's checks."""
    token = access.bearer(request, state(), required=not public)
    if token is not None and not public:
        access.check_record_token(token, orcid)
    record_owner(orcid)
    return token


def visible_items(
    orcid: str, token: Token | None, public: bool, kind: str | None = None
) -> list[Item]:
    return [i for i in state().items_of(orcid, kind) if access.visible(i, token, public)]


def make_blueprint(public: bool) -> Blueprint:
    bp = Blueprint("pub_api" if public else "member_api", __name__)

    @bp.get("/<orcid>")
    @bp.get("/<orcid>/record")
    def record(orcid: str) -> Response:
        token = reader(orcid, public)
        user = state().user(orcid)
        assert user is not None
        element = documents.record(user, visible_items(orcid, token, public), request.host_url)
        return render(element, negotiate(request))

    @bp.get("/<orcid>/person")
    def person(orcid: str) -> Response:
        token = reader(orcid, public)
        user = state().user(orcid)
        assert user is not None
        items = visible_items(orcid, token, public)
        return render(documents.person(user, items, request.host_url), negotiate(request))

    @bp.get("/<orcid>/activities")
    def activities(orcid: str) -> Response:
        token = reader(orcid, public)
        element = documents.activities(orcid, visible_items(orcid, token, public), request.host_url)
        return render(element, negotiate(request))

    @bp.get("/<orcid>/<plural>")
    def section(orcid: str, plural: str) -> Response:
        kind = _kind(plural, PLURALS)
        token = reader(orcid, public)
        items = visible_items(orcid, token, public, kind.name)
        return render(records.group_list(items, kind, orcid, request.host_url), negotiate(request))

    @bp.get("/<orcid>/works/<codes>")
    def works_by_code(orcid: str, codes: str) -> Response:
        token = reader(orcid, public)
        try:
            wanted = [int(code) for code in codes.split(",")]
        except ValueError:
            raise ApiError(400, 9034, f"Invalid put-codes {codes!r}") from None
        if len(wanted) > BULK_LIMIT:
            raise ApiError(400, 9042, f"Too many put-codes: at most {BULK_LIMIT} per request")
        root = etree.Element(qname("bulk", "bulk"), nsmap={"bulk": NS["bulk"]})
        for put_code in wanted:
            try:
                item = find_item(orcid, KINDS["work"], put_code)
                access.check_visible(item, token, public)
                root.append(records.full_element(item, request.host_url))
            except ApiError as exc:
                root.append(exc.element())
        return render(root, negotiate(request))

    @bp.get("/<orcid>/<kind_name>/<int:put_code>")
    @bp.get("/<orcid>/<kind_name>/summary/<int:put_code>")
    def read_item(orcid: str, kind_name: str, put_code: int) -> Response:
        kind = _kind(kind_name, KINDS)
        token = reader(orcid, public)
        item = find_item(orcid, kind, put_code)
        access.check_visible(item, token, public)
        build = records.summary_element if "/summary/" in request.path else records.full_element
        return render(build(item, request.host_url), negotiate(request))

    if public:
        return bp

    @bp.post("/<orcid>/<kind_name>")
    def create(orcid: str, kind_name: str) -> Response:
        kind = _kind(kind_name, KINDS)
        token = writer(orcid)
        negotiate(request)
        element, _ = read_body(kind)
        if "put-code" in element.attrib:
            raise ApiError(400, 9024, "Put-code must not be sent when creating an item")
        validated(element, kind)
        records.strip_server_parts(element)
        client = state().client(token.client_id)
        assert client is not None
        item = records.create(state(), orcid, client, kind, element)
        changed(orcid)
        base = request.host_url.rstrip("/") + request.script_root
        location = f"{base}/v3.0/{orcid}/{kind.name}/{item.put_code}"
        return Response(b"", status=201, headers={"Location": location})

    @bp.post("/<orcid>/works")
    def bulk_create(orcid: str) -> Response:
        token = writer(orcid)
        media_type = negotiate(request)
        bulk, _ = read_body(None)
        works = [c for c in bulk if isinstance(c.tag, str)]
        if len(works) > BULK_LIMIT:
            raise ApiError(
                400, 9006, f"You are allowed to add up to {BULK_LIMIT} elements per request."
            )
        client = state().client(token.client_id)
        assert client is not None
        out = etree.Element(qname("bulk", "bulk"), nsmap={"bulk": NS["bulk"], "error": NS["error"]})
        for work in works:
            try:
                if "put-code" in work.attrib:
                    raise ApiError(400, 9024, "Put-code must not be sent when creating an item")
                validated(work, KINDS["work"])
                records.strip_server_parts(work)
                item = records.create(state(), orcid, client, KINDS["work"], work)
                out.append(records.full_element(item, request.host_url))
            except ApiError as exc:
                out.append(exc.element())
        changed(orcid)
        return render(out, media_type)

    @bp.put("/<orcid>/<kind_name>/<int:put_code>")
    def update(orcid: str, kind_name: str, put_code: int) -> Response:
        kind = _kind(kind_name, KINDS)
        token = writer(orcid)
        media_type = negotiate(request)
        element, _ = read_body(kind)
        sent = element.get("put-code")
        if sent is None:
            raise ApiError(409, 9031, "Put-code is required in the body to update an item")
        if sent != str(put_code):
            raise ApiError(
                400, 9019, f"Put-code {sent} in the body does not match {put_code} in the URL"
            )
        with state().lock:
            item = find_item(orcid, kind, put_code)
            check_source(item, token, kind)
            validated(element, kind)
            seen = records.strip_server_parts(element)
            if seen.get("visibility", item.visibility) != item.visibility:
                raise ApiError(403, 9035, "The visibility of an item cannot be changed by a client")
            clash = records.find_duplicate(state(), orcid, token.client_id, kind, element, put_code)
            if clash is not None:
                raise records.duplicate_error(kind, clash)
            item.element = element
            item.modified = time.time()
        changed(orcid)
        return render(records.full_element(item, request.host_url), media_type)

    @bp.delete("/<orcid>/<kind_name>/<int:put_code>")
    def delete(orcid: str, kind_name: str, put_code: int) -> Response:
        kind = _kind(kind_name, KINDS)
        token = writer(orcid)
        with state().lock:
            item = find_item(orcid, kind, put_code)
            check_source(item, token, kind)
            del state().items[(orcid, put_code)]
        changed(orcid)
        return Response(b"", status=204)

    return bp


def check_source(item: Item, token: Token, kind: Kind) -> None:
    if item.client_id != token.client_id:
        raise ApiError(
            403,
            9010,
            f"You are not the source of the {kind.name} with put-code {item.put_code}, so you"
            f" are not allowed to update or delete it (its source is {item.client_id}).",
            f"You are not the source of this {kind.name}.",
        )
