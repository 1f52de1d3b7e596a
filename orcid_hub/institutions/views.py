"""Institution admins: overview of researchers, settings, and ORCID member credentials."""

from __future__ import annotations

import re

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from orcid_hub import db
from orcid_hub.accounts import auth
from orcid_hub.accounts.models import InstitutionRole, Membership, Person
from orcid_hub.config import Settings
from orcid_hub.institutions.models import OrcidCredentials
from orcid_hub.invitations import services as invitations
from orcid_hub.invitations.models import Invitation
from orcid_hub.invitations.views import deliver
from orcid_hub.linking.models import OrcidItem, OrcidToken
from orcid_hub.orcid import errors
from orcid_hub.orcid.client import OrcidClient
from orcid_hub.web.views import add_nav_link

bp = Blueprint("institutions", __name__, url_prefix="/institutions")

CLIENT_ID = re.compile(r"^APP-[A-Z0-9]{16}$")
ROR = re.compile(r"^0[a-z0-9]{6}\d{2}$")


def _settings() -> Settings:
    settings: Settings = current_app.config["SETTINGS"]
    return settings


@bp.get("/")
@bp.get("")
@auth.login_required
def mine() -> Response | str:
    person = auth.current_person()
    assert person is not None
    institutions = auth.admin_institutions(person)
    if not institutions:
        abort(403)
    if len(institutions) == 1:
        return redirect(url_for("institutions.overview", slug=institutions[0].slug))
    return render_template("institutions/mine.html", institutions=institutions)


@bp.get("/<slug>")
@auth.login_required
def overview(slug: str) -> str:
    institution = auth.institution_from_slug(slug)
    store = db.session()
    rows = store.execute(
        select(Membership, OrcidToken)
        .join(Person, Person.id == Membership.person_id)
        .outerjoin(
            OrcidToken,
            (OrcidToken.person_id == Membership.person_id)
            & (OrcidToken.institution_id == Membership.institution_id),
        )
        .where(
            Membership.institution_id == institution.id,
            Membership.role == InstitutionRole.RESEARCHER,
        )
        .order_by(Person.name)
    ).all()
    conflicts = store.scalars(
        select(Invitation).where(
            Invitation.institution_id == institution.id,
            Invitation.conflict_at.is_not(None),
            Invitation.used_at.is_(None),
        )
    ).all()
    failed = store.scalars(
        select(OrcidItem).where(
            OrcidItem.institution_id == institution.id, OrcidItem.state == "failed"
        )
    ).all()
    admins = store.scalars(
        select(Person)
        .join(Membership)
        .where(
            Membership.institution_id == institution.id, Membership.role == InstitutionRole.ADMIN
        )
    ).all()
    return render_template(
        "institutions/overview.html",
        institution=institution,
        rows=rows,
        conflicts=conflicts,
        failed=failed,
        admins=admins,
    )


@bp.route("/<slug>/settings", methods=["GET", "POST"])
@auth.login_required
def settings(slug: str) -> Response | str | tuple[str, int]:
    institution = auth.institution_from_slug(slug)
    problems: dict[str, str] = {}
    if request.method == "POST":
        form = request.form
        values = {
            "name_lv": form.get("name_lv", "").strip(),
            "name_en": form.get("name_en", "").strip(),
            "ror_id": form.get("ror_id", "").strip().removeprefix("https://ror.org/"),
            "city": form.get("city", "").strip(),
            "country": form.get("country", "").strip().upper(),
            "link_affiliation": form.get("link_affiliation", ""),
            "link_department": form.get("link_department", "").strip(),
            "link_role_title": form.get("link_role_title", "").strip(),
        }
        for key in ("name_lv", "name_en", "city"):
            if not values[key]:
                problems[key] = _("This field is required.")
        if values["ror_id"] and not ROR.match(values["ror_id"]):
            problems["ror_id"] = _("A ROR id looks like 05g3mes96.")
        if not re.fullmatch(r"[A-Z]{2}", values["country"]):
            problems["country"] = _("Two letters, ISO 3166 (LV).")
        if values["link_affiliation"] not in ("employment", "education", ""):
            problems["link_affiliation"] = _("Choose one of the options.")
        if not problems:
            optional = {"ror_id", "link_department", "link_role_title"}
            for key, value in values.items():
                setattr(institution, key, (value or None) if key in optional else value)
            institution.link_person_update = form.get("link_person_update") == "on"
            db.session().commit()
            flash(_("Settings saved."))
            return redirect(url_for("institutions.settings", slug=slug))
    page = render_template("institutions/settings.html", institution=institution, problems=problems)
    return (page, 400) if problems else page


@bp.route("/<slug>/credentials", methods=["GET", "POST"])
@auth.login_required
def credentials(slug: str) -> Response | str | tuple[str, int]:
    institution = auth.institution_from_slug(slug)
    problem = ""
    if request.method == "POST":
        client_id = request.form.get("client_id", "").strip().upper()
        secret = request.form.get("client_secret", "").strip()
        if not CLIENT_ID.match(client_id):
            problem = _("An ORCID client id looks like APP-ABCDEFGHIJKLMNOP.")
        elif not secret:
            problem = _("Enter the client secret.")
        else:
            problem = _check_credentials(client_id, secret)
        if not problem:
            if institution.credentials is None:
                institution.credentials = OrcidCredentials(
                    client_id=client_id, client_secret=secret
                )
            else:
                institution.credentials.client_id = client_id
                institution.credentials.client_secret = secret
            db.session().commit()
            flash(_("ORCID accepted the credentials; they are saved encrypted."))
            return redirect(url_for("institutions.overview", slug=slug))
    page = render_template(
        "institutions/credentials.html", institution=institution, problem=problem
    )
    return (page, 400) if problem else page


def _check_credentials(client_id: str, secret: str) -> str:
    """Ask ORCID for a client-credentials token: the credentials work, or say why not."""
    try:
        with OrcidClient.from_settings(_settings().orcid, client_id, secret) as client:
            client.oauth.client_credentials("/read-public")
    except errors.OAuthError as exc:
        return str(_("ORCID refused these credentials (%(error)s). Nothing was saved.", error=exc))
    except errors.OrcidError as exc:
        return str(_("ORCID could not be reached (%(error)s). Nothing was saved.", error=exc))
    return ""


@bp.post("/<slug>/admins")
@auth.lead_required
def invite_admin(slug: str) -> Response | tuple[str, int]:
    institution = auth.institution_from_slug(slug)
    data = invitations.validate(
        invitations.InvitationData(
            email=request.form.get("email", ""),
            given_names=request.form.get("given_names", ""),
            family_name=request.form.get("family_name", ""),
        )
    )
    if data.errors:
        flash("; ".join(str(e) for e in data.errors), "error")
        return redirect(url_for("institutions.overview", slug=slug))
    person = auth.current_person()
    pending = invitations.create(
        db.session(),
        institution,
        data,
        created_by_id=person.id if person else None,
        ttl_days=_settings().invitations.ttl_days,
        role="admin",
    )
    db.session().commit()
    if deliver([pending]):
        flash(_("Invitation sent to %(email)s.", email=data.email))
    return redirect(url_for("institutions.overview", slug=slug))


def _is_admin(person: Person) -> bool:
    return person.is_consortium_lead or any(
        m.role == InstitutionRole.ADMIN for m in person.memberships
    )


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    add_nav_link(app, "institutions.mine", "Institutions", _is_admin)
