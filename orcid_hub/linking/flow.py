"""What every OAuth round trip of the hub shares: the blueprint, a single-use
``state`` kept in the session, and the pages that explain a refusal.

Every callback refuses anything that does not carry back the state this browser
was sent with.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, render_template, request, session, url_for
from werkzeug.exceptions import BadRequest

from orcid_hub.linking import services

bp = Blueprint("linking", __name__)

OAUTH_KEY = "oauth"


def callback_url(endpoint: str) -> str:
    base = services.settings().app.base_url.rstrip("/")
    return base + url_for(endpoint)


def begin(purpose: str, **data: Any) -> str:
    state = secrets.token_urlsafe(24)
    session[OAUTH_KEY] = {"state": state, "purpose": purpose, **data}
    return state


class StateMismatch(BadRequest):
    """The callback's ``state`` is not the one this browser was sent with."""


def finish(purpose: str) -> dict[str, Any]:
    """The pending round trip if ``state`` matches; otherwise a refusal page (400)."""
    pending = session.pop(OAUTH_KEY, None)
    returned = request.args.get("state", "")
    if (
        not pending
        or pending.get("purpose") != purpose
        or not returned
        or not secrets.compare_digest(str(pending.get("state", "")), returned)
    ):
        raise StateMismatch()
    result: dict[str, Any] = pending
    return result


# -- sign-in ---------------------------------------------------------------


def lang() -> str:
    from flask_babel import get_locale

    return str(get_locale() or "lv")


def refusal(reason: str, status: int, **context: Any) -> tuple[str, int]:
    return render_template("linking/refusal.html", reason=reason, **context), status


def state_mismatch(_error: StateMismatch) -> tuple[str, int]:
    return refusal("state_mismatch", 400)
