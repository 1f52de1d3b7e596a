from __future__ import annotations

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from orcid_hub.accounts import auth

bp = Blueprint("auth", __name__)


@bp.get("/signin")
def signin() -> str:
    return render_template(
        "accounts/signin.html",
        next=request.args.get("next", ""),
        signin_available=bool(current_app.config["SETTINGS"].orcid.client_id),
    )


@bp.post("/signout")
def logout() -> Response:
    auth.logout()
    flash(_("You have signed out."))
    return redirect(url_for("web.index"))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
