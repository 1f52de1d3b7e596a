"""A person's record as a human page at ``/{orcid}``, like orcid.org shows it.

It lets someone running the demo see what the hub wrote, with each item's source.
"""

from __future__ import annotations

import re

from flask import Blueprint, abort, current_app, render_template
from lxml import etree

from orcid_hub.sandbox.store import Item, SandboxState

bp = Blueprint("sandbox_public", __name__)
ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")


def _text(element: etree._Element, *names: str) -> str:
    path = "/".join(f"*[local-name()='{name}']" for name in names)
    found = element.xpath(f"string({path})")
    return str(found).strip()


def describe(item: Item) -> str:
    element = item.element
    title = _text(element, "title", "title")
    if title:
        return title
    parts = [
        _text(element, "organization", "name"),
        _text(element, "department-name"),
        _text(element, "role-title"),
    ]
    return " · ".join(part for part in parts if part) or item.kind


@bp.get("/<orcid>")
def record_page(orcid: str) -> str:
    state: SandboxState = current_app.extensions["orcid_sandbox"]
    user = state.seed.user(orcid) if ORCID.fullmatch(orcid) else None
    if user is None:
        abort(404)
    with state.lock:
        items = [
            {
                "kind": item.kind,
                "what": describe(item),
                "source": item.client_name,
                "put_code": item.put_code,
                "visibility": item.visibility,
            }
            for item in state.items_of(orcid)
        ]
        trusted = sorted(
            {
                (token.client_id, " ".join(sorted(token.scopes)))
                for token in state.tokens.values()
                if token.orcid == orcid and token.client_id
            }
        )
    return render_template("record.html", user=user, items=items, trusted=trusted)
