"""Bearer tokens, scopes and visibility on the sandbox API, as ORCID enforces them."""

from __future__ import annotations

import json

from flask import Request, Response

from orcid_hub.sandbox.errors import ApiError, TokenError
from orcid_hub.sandbox.store import Item, SandboxState, Token

READ_LIMITED = "/read-limited"
UPDATE = "/activities/update"
WEBHOOK = "/webhook"


class Unauthenticated(Exception):
    """No bearer token on a call that needs one."""

    def response(self) -> Response:
        body = {
            "error": "unauthorized",
            "error_description": "Full authentication is required to access this resource",
        }
        return Response(json.dumps(body), status=401, mimetype="application/json")


def bearer(request: Request, state: SandboxState, required: bool = True) -> Token | None:
    """The live token named by ``Authorization: Bearer``; raises for a bad one."""
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        if required:
            raise Unauthenticated()
        return None
    with state.lock:
        token = state.tokens.get(value.strip())
    if token is None or not token.live:
        raise TokenError(value.strip())
    return token


def check_record_token(token: Token, orcid: str) -> None:
    """A token issued for one iD must not be used on another (401/9017)."""
    if token.orcid is not None and token.orcid != orcid:
        raise ApiError(
            401,
            9017,
            f"The client application is not authorized for this ORCID record {orcid}: the"
            f" token was issued for {token.orcid}.",
            "The client application is not authorized for this ORCID record.",
        )


def require_scope(token: Token, scope: str) -> None:
    if scope not in token.scopes:
        raise ApiError(
            403,
            9038,
            f"The token does not have the required scope {scope} for this call (it has:"
            f" {' '.join(sorted(token.scopes)) or 'none'}).",
            "You do not have the required permissions.",
        )


def can_read_limited(token: Token | None, orcid: str) -> bool:
    return token is not None and token.orcid == orcid and READ_LIMITED in token.scopes


def visible(item: Item, token: Token | None, public_api: bool) -> bool:
    if item.visibility == "public":
        return True
    if public_api or token is None:
        return False
    if item.client_id == token.client_id:
        return True
    return item.visibility != "private" and can_read_limited(token, item.orcid)


def check_visible(item: Item, token: Token | None, public_api: bool) -> None:
    """Raise ORCID's error for an item the caller may not read."""
    if visible(item, token, public_api):
        return
    if public_api:
        raise ApiError(403, 9039, "The item is not public; read it with the Member API.")
    if item.visibility == "private":
        raise ApiError(
            403, 9013, "The item is private and you are not its source.", "The item is private."
        )
    raise ApiError(
        403,
        9038,
        f"Reading this {item.visibility} item needs the {READ_LIMITED} scope for the record.",
        "You do not have the required permissions.",
    )
