"""Institution admins invite researchers, one at a time or from a spreadsheet."""

from __future__ import annotations

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
from flask_babel import ngettext
from sqlalchemy import select
from werkzeug.wrappers import Response

from orcid_hub import db, mail, tabular
from orcid_hub.accounts import auth
from orcid_hub.config import Settings
from orcid_hub.db import utcnow
from orcid_hub.institutions.models import Institution
from orcid_hub.invitations import mail as invitation_mail
from orcid_hub.invitations import services
from orcid_hub.invitations.models import Invitation, InvitationBatch

bp = Blueprint("invitations", __name__, url_prefix="/institutions/<slug>/invitations")


def _settings() -> Settings:
    settings: Settings = current_app.config["SETTINGS"]
    return settings


def _creator_id() -> int | None:
    person = auth.current_person()
    return person.id if person else None


def deliver(pending: list[tuple[Invitation, str]]) -> int:
    """Send after the invitations are committed, so a mail failure loses none of them."""
    sent = 0
    for invitation, token in pending:
        try:
            invitation_mail.send(_settings(), invitation, token)
        except mail.MailError as exc:
            flash(
                _("Sending to %(email)s failed: %(error)s", email=invitation.email, error=exc),
                "error",
            )
            continue
        services.mark_sent(invitation)
        sent += 1
    db.session().commit()
    return sent


@bp.get("")
@auth.login_required
def index(slug: str) -> str:
    institution = auth.institution_from_slug(slug)
    store = db.session()
    return render_template(
        "invitations/index.html",
        institution=institution,
        invitations=services.for_institution(store, institution.id),
        columns=[*services.COLUMNS_REQUIRED, *services.COLUMNS_OPTIONAL],
        form={},
        errors=[],
    )


@bp.post("")
@auth.login_required
def invite(slug: str) -> Response | tuple[str, int]:
    institution = auth.institution_from_slug(slug)
    data = services.validate(services.InvitationData.from_mapping(request.form))
    if data.errors:
        store = db.session()
        page = render_template(
            "invitations/index.html",
            institution=institution,
            invitations=services.for_institution(store, institution.id),
            columns=[*services.COLUMNS_REQUIRED, *services.COLUMNS_OPTIONAL],
            form=request.form,
            errors=data.errors,
        )
        return page, 400
    pending = services.create(
        db.session(),
        institution,
        data,
        created_by_id=_creator_id(),
        ttl_days=_settings().invitations.ttl_days,
    )
    db.session().commit()
    if deliver([pending]):
        flash(_("Invitation sent to %(email)s.", email=data.email))
    return redirect(url_for("invitations.index", slug=slug))


@bp.post("/upload")
@auth.login_required
def upload(slug: str) -> Response | tuple[str, int]:
    institution = auth.institution_from_slug(slug)
    file = request.files.get("file")
    if file is None or not file.filename:
        flash(_("Choose a CSV or XLSX file first."), "error")
        return redirect(url_for("invitations.index", slug=slug))
    try:
        rows = services.read_batch(file.filename, file.read(tabular.MAX_BYTES + 1))
    except tabular.TableError as exc:
        return render_template(
            "invitations/preview.html",
            institution=institution,
            file_error=str(exc),
            rows=[],
            batch=None,
        ), 400
    batch = None
    if not any(row.errors for row in rows):
        batch = InvitationBatch(
            institution_id=institution.id,
            created_by_id=_creator_id(),
            filename=file.filename[:300],
            rows=[{k: getattr(row, k) for k in _FIELDS} for row in rows],
        )
        db.session().add(batch)
        db.session().commit()
    status = 200 if batch is not None else 400
    return render_template(
        "invitations/preview.html",
        institution=institution,
        rows=rows,
        batch=batch,
        file_error=None,
    ), status


_FIELDS = (*services.COLUMNS_REQUIRED, *services.COLUMNS_OPTIONAL)


@bp.post("/batches/<int:batch_id>")
@auth.login_required
def confirm(slug: str, batch_id: int) -> Response:
    institution = auth.institution_from_slug(slug)
    store = db.session()
    batch = store.get(InvitationBatch, batch_id)
    if batch is None or batch.institution_id != institution.id:
        abort(404)
    if batch.confirmed_at is not None:
        flash(_("These invitations were sent already."), "warning")
        return redirect(url_for("invitations.index", slug=slug))
    pending = []
    for row in batch.rows:
        data = services.validate(services.InvitationData.from_mapping(row))
        pending.append(
            services.create(
                store,
                institution,
                data,
                created_by_id=_creator_id(),
                ttl_days=_settings().invitations.ttl_days,
            )
        )
    batch.confirmed_at = utcnow()
    store.commit()
    sent = deliver(pending)
    flash(ngettext("%(num)d invitation sent.", "%(num)d invitations sent.", sent))
    return redirect(url_for("invitations.index", slug=slug))


def _own_invitation(institution: Institution, invitation_id: int) -> Invitation:
    invitation = (
        db.session()
        .scalars(
            select(Invitation).where(
                Invitation.id == invitation_id, Invitation.institution_id == institution.id
            )
        )
        .first()
    )
    if invitation is None:
        abort(404)
    return invitation


@bp.post("/<int:invitation_id>/resend")
@auth.login_required
def resend(slug: str, invitation_id: int) -> Response:
    institution = auth.institution_from_slug(slug)
    invitation = _own_invitation(institution, invitation_id)
    try:
        token = services.renew(invitation, _settings().invitations.ttl_days)
    except ValueError:
        flash(_("A used or withdrawn invitation cannot be resent."), "error")
        return redirect(url_for("invitations.index", slug=slug))
    db.session().commit()
    if deliver([(invitation, token)]):
        flash(
            _(
                "Invitation sent again to %(email)s; the old link no longer works.",
                email=invitation.email,
            )
        )
    return redirect(url_for("invitations.index", slug=slug))


@bp.post("/<int:invitation_id>/revoke")
@auth.login_required
def revoke(slug: str, invitation_id: int) -> Response:
    institution = auth.institution_from_slug(slug)
    invitation = _own_invitation(institution, invitation_id)
    services.revoke(invitation)
    db.session().commit()
    flash(_("The invitation to %(email)s is withdrawn.", email=invitation.email))
    return redirect(url_for("invitations.index", slug=slug))


@bp.get("/template.csv")
@auth.login_required
def template(slug: str) -> Response:
    auth.institution_from_slug(slug)
    example = [
        "anna.ozolina@example.lv",
        "Anna",
        "Ozoliņa",
        "LU-12345",
        "employment",
        "Fizikas, matemātikas un optometrijas fakultāte",
        "Pētniece",
        "2021-09",
        "",
    ]
    body = tabular.write_csv(_FIELDS, [example])
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=invitations-template.csv"},
    )


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
