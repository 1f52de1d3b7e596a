from __future__ import annotations

import email
import email.policy
from collections.abc import Callable
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
)
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy import func, select, text
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from orcid_hub import db, mail
from orcid_hub.accounts import auth
from orcid_hub.accounts.models import Person
from orcid_hub.institutions.models import Institution
from orcid_hub.web import i18n

bp = Blueprint("web", __name__)
csrf = CSRFProtect()


@bp.get("/")
def index() -> str:
    session_ = db.session()
    institutions = session_.scalars(select(Institution).order_by(Institution.name_lv)).all()
    people = session_.scalar(select(func.count()).select_from(Person)) or 0
    return render_template("index.html", institutions=institutions, people=people)


@bp.get("/healthz")
def health() -> tuple[dict[str, str], int]:
    try:
        db.session().execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"; the log has the detail
        return {"status": "database unavailable"}, 503
    return {"status": "ok"}, 200


@bp.get("/outbox")
def outbox() -> str:
    """Development only: the e-mails the hub would have sent, so the demo can follow them.

    The messages hold live invitation links, so the page exists only against the local
    ORCID sandbox, where every account is a fake one; anywhere else it is not there.
    """
    settings = current_app.config["SETTINGS"]
    if settings.mail.backend != "outbox" or settings.orcid.environment != "local":
        abort(404)
    messages = []
    for path in mail.outbox()[:50]:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        messages.append(
            {
                "to": message["To"],
                "subject": message["Subject"],
                "date": message["Date"],
                "text": body.get_content() if body is not None else "",
            }
        )
    return render_template("outbox.html", messages=messages)


def safe_next(target: str | None, fallback: str = "/") -> str:
    """Only same-site paths: never an open redirect."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    if "\\" in target or any(ord(char) < 32 for char in target):
        return fallback  # browsers read "/\\host" as "//host"; control characters hide tricks
    return target


@bp.post("/language")
def set_language() -> Response:
    lang = request.form.get("lang", "")
    if lang in current_app.config["SETTINGS"].app.languages:
        session["lang"] = lang
        person = auth.current_person()
        if person is not None:
            person.language = lang
            db.session().commit()
    return redirect(safe_next(request.form.get("next")))


def _error(error: HTTPException) -> tuple[str, int]:
    messages = {
        400: _("The request could not be understood."),
        403: _("You do not have access to this page."),
        404: _("This page does not exist."),
        405: _("This action is not allowed here."),
    }
    code = error.code or 500
    message = messages.get(code, _("Something went wrong."))
    return render_template("error.html", code=code, message=message), code


def _csrf_error(error: CSRFError) -> tuple[str, int]:
    message = _(
        "The form expired or did not come from this site, so nothing was changed."
        " Go back, reload the page and try again."
    )
    return render_template("error.html", code=400, message=message), 400


def add_nav_link(
    app: Flask, endpoint: str, label: str, visible: Callable[[Person], bool] = lambda p: True
) -> None:
    """A feature adds its page to the top bar; ``label`` is translated when shown."""
    app.extensions.setdefault("nav", []).append((endpoint, label, visible))


# Invitation links carry a token in the path: no Referer may take it to another site.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'"
    ),
}


def _security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.after_request(_security_headers)
    i18n.init_app(app)
    app.before_request(auth.load_person)
    app.teardown_request(auth.forget_actor)
    app.register_blueprint(bp)
    app.register_error_handler(CSRFError, _csrf_error)
    for code in (400, 403, 404, 405):
        app.register_error_handler(code, _error)

    @app.context_processor
    def _globals() -> dict[str, object]:
        from flask_babel import get_locale

        person = g.get("person")
        nav_links = [
            (endpoint, _(label))
            for endpoint, label, visible in app.extensions.get("nav", [])
            if person is not None and visible(person)
        ]
        return {
            "orcid_site": current_app.config["SETTINGS"].orcid.endpoints.site,
            "nav_links": nav_links,
            "person": person,
            "lang": str(get_locale() or "lv"),
            "languages": current_app.config["SETTINGS"].app.languages,
        }
