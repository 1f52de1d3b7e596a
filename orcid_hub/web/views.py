from __future__ import annotations

from flask import Blueprint, Flask, render_template
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import func, select, text

from orcid_hub import db
from orcid_hub.accounts.models import Person
from orcid_hub.institutions.models import Institution

bp = Blueprint("web", __name__)
csrf = CSRFProtect()


@bp.get("/")
def index() -> str:
    session = db.session()
    institutions = session.scalars(select(Institution).order_by(Institution.name_lv)).all()
    people = session.scalar(select(func.count()).select_from(Person)) or 0
    return render_template("index.html", institutions=institutions, people=people)


@bp.get("/healthz")
def health() -> tuple[dict[str, str], int]:
    try:
        db.session().execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"; the log has the detail
        return {"status": "database unavailable"}, 503
    return {"status": "ok"}, 200


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.register_blueprint(bp)
