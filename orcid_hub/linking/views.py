"""Sign-in with ORCID, following an invitation, consent, the callback, and the dashboard.

Every OAuth round trip stores a random ``state`` in the session and the callback
refuses anything that does not carry it back; the state is single-use.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest
from werkzeug.wrappers import Response

from orcid_hub import db
from orcid_hub.accounts import auth
from orcid_hub.accounts.models import InstitutionRole, Membership, Person
from orcid_hub.db import utcnow
from orcid_hub.institutions.models import Institution
from orcid_hub.invitations import services as invitations
from orcid_hub.invitations.models import Invitation, InvitationStatus
from orcid_hub.linking import services
from orcid_hub.linking.models import OrcidToken
from orcid_hub.orcid import errors
from orcid_hub.web.views import add_nav_link, safe_next

bp = Blueprint("linking", __name__)

OAUTH_KEY = "oauth"


def _callback_url(endpoint: str) -> str:
    base = services.settings().app.base_url.rstrip("/")
    return base + url_for(endpoint)


def _begin(purpose: str, **data: Any) -> str:
    state = secrets.token_urlsafe(24)
    session[OAUTH_KEY] = {"state": state, "purpose": purpose, **data}
    return state


class StateMismatch(BadRequest):
    """The callback's ``state`` is not the one this browser was sent with."""


def _finish(purpose: str) -> dict[str, Any]:
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


@bp.post("/signin/orcid")
def signin_orcid() -> Response:
    try:
        client = services.hub_client()
    except services.LinkError:
        flash(_("Sign-in with ORCID is not configured on this hub."), "error")
        return redirect(url_for("auth.signin"))
    with client:
        state = _begin("signin", next=safe_next(request.form.get("next"), ""))
        url = client.oauth.authorize_url(
            redirect_uri=_callback_url("linking.signin_callback"),
            scopes=[services.AUTHENTICATE],
            state=state,
            lang=_lang(),
        )
    return redirect(url)


@bp.get("/signin/callback")
def signin_callback() -> Response | tuple[str, int]:
    pending = _finish("signin")
    if request.args.get("error"):
        return _refusal("signin_denied", 200)
    try:
        with services.hub_client() as client:
            granted = client.oauth.exchange_code(
                request.args.get("code", ""), _callback_url("linking.signin_callback")
            )
    except errors.OrcidError:
        return _refusal("exchange_failed", 502)
    if not granted.orcid:
        return _refusal("exchange_failed", 502)
    store = db.session()
    person = services.person_by_orcid(store, granted.orcid)
    if person is None:
        person = Person(orcid=granted.orcid, name=granted.name or granted.orcid)
        store.add(person)
    invitation_id = pending.get("invitation_id")
    if invitation_id:
        invitation = store.get(Invitation, invitation_id)
        if invitation is None or invitation.status() != InvitationStatus.PENDING:
            return _refusal("invitation_invalid", 400)
        _accept_admin_invitation(invitation, person)
    store.commit()
    auth.login(person)
    flash(_("You are signed in as %(name)s.", name=person.name))
    return redirect(pending.get("next") or _home_for(person))


def _home_for(person: Person) -> str:
    """Where each role starts: the lead at the consortium, an admin at the institution."""
    if person.is_consortium_lead and "consortium.index" in current_app.view_functions:
        return url_for("consortium.index")
    if auth.admin_institutions(person):
        return url_for("institutions.mine")
    return url_for("linking.dashboard")


def _accept_admin_invitation(invitation: Invitation, person: Person) -> None:
    store = db.session()
    exists = any(
        m.institution_id == invitation.institution_id and m.role == InstitutionRole.ADMIN
        for m in person.memberships
    )
    if not exists:
        store.add(
            Membership(
                person=person, institution_id=invitation.institution_id, role=InstitutionRole.ADMIN
            )
        )
    if not person.email:
        person.email = invitation.email
    invitation.used_at = utcnow()
    invitation.person = person


# -- invitations -----------------------------------------------------------


def _open_invitation(token: str) -> Invitation | tuple[str, int]:
    invitation = invitations.by_token(db.session(), token)
    if invitation is None:
        return _refusal("invitation_unknown", 404)
    status = invitation.status()
    if status != InvitationStatus.PENDING:
        return _refusal(f"invitation_{status.value}", 410)
    return invitation


@bp.get("/invite/<token>")
def invitation(token: str) -> str | tuple[str, int]:
    opened = _open_invitation(token)
    if not isinstance(opened, Invitation):
        return opened
    institution = opened.institution
    return render_template(
        "linking/invitation.html",
        invitation=opened,
        institution=institution,
        token=token,
        scopes=services.link_scopes(institution),
        affiliation=services.affiliation_for(institution, opened),
    )


@bp.post("/invite/<token>")
def accept(token: str) -> Response | tuple[str, int]:
    opened = _open_invitation(token)
    if not isinstance(opened, Invitation):
        return opened
    institution = opened.institution
    if opened.role == "admin":
        try:
            client = services.hub_client()
        except services.LinkError:
            return _refusal("no_hub_client", 503)
        scopes = [services.AUTHENTICATE]
        purpose, endpoint = "signin", "linking.signin_callback"
    else:
        try:
            client = services.institution_client(institution)
        except services.LinkError:
            return _refusal("no_credentials", 503)
        scopes = services.link_scopes(institution)
        purpose, endpoint = "link", "linking.link_callback"
    with client:
        state = _begin(purpose, invitation_id=opened.id, institution_id=institution.id, next="")
        url = client.oauth.authorize_url(
            redirect_uri=_callback_url(endpoint),
            scopes=scopes,
            state=state,
            lang=_lang(),
            given_names=opened.given_names,
            family_names=opened.family_name,
            email=opened.email,
        )
    return redirect(url)


@bp.get("/link/callback")
def link_callback() -> Response | tuple[str, int]:
    pending = _finish("link")
    store = db.session()
    institution = store.get(Institution, pending.get("institution_id"))
    invitation = store.get(Invitation, pending.get("invitation_id") or 0)
    if institution is None:
        abort(400)
    if request.args.get("error"):
        return _refusal("consent_denied", 200, institution=institution, invitation=invitation)
    if invitation is not None and invitation.status() != InvitationStatus.PENDING:
        return _refusal("invitation_invalid", 400)
    try:
        with services.institution_client(institution) as client:
            granted = client.oauth.exchange_code(
                request.args.get("code", ""), _callback_url("linking.link_callback")
            )
    except (errors.OrcidError, services.LinkError):
        return _refusal("exchange_failed", 502, institution=institution)
    try:
        outcome = services.complete_link(
            store, institution, granted, invitation=invitation, signed_in=auth.current_person()
        )
    except services.LinkError as exc:
        store.commit()  # keeps the conflict on the invitation for the admin to see
        if exc.reason == "wrong_account":
            _revoke_quietly(institution, granted.access_token)
        return _refusal(exc.reason, 409, institution=institution, invitation=invitation)
    store.commit()
    auth.login(outcome.person)
    item = services.write_affiliation(store, outcome.token, invitation)
    store.commit()
    if item is not None and item.state == "written":
        flash(
            _(
                "Linked. %(institution)s added your affiliation to your ORCID record.",
                institution=institution.name(_lang()),
            )
        )
    elif item is not None:
        flash(
            _("Linked, but writing the affiliation to ORCID failed; the institution will retry."),
            "warning",
        )
    else:
        flash(
            _(
                "Your ORCID iD is linked with %(institution)s.",
                institution=institution.name(_lang()),
            )
        )
    return redirect(url_for("linking.dashboard"))


def _revoke_quietly(institution: Institution, access_token: str) -> None:
    try:
        with services.institution_client(institution) as client:
            client.oauth.revoke(access_token)
    except errors.OrcidError:
        pass  # an unused token for an account we refused; nothing else depends on it


# -- the researcher's dashboard ---------------------------------------------


@bp.get("/me")
@auth.login_required
def dashboard() -> str:
    person = auth.current_person()
    assert person is not None
    store = db.session()
    tokens = services.tokens_of(store, person)
    changed = False
    for token in tokens:
        if token.is_live and services.needs_check(token):
            services.check_token(token)
            changed = True
    if changed:
        store.commit()
    return render_template(
        "linking/dashboard.html",
        tokens=tokens,
        items=services.items_of(store, person),
    )


def _own_token(token_id: int) -> OrcidToken:
    person = auth.current_person()
    token = db.session().get(OrcidToken, token_id)
    if token is None or person is None or token.person_id != person.id:
        abort(403)
    return token


@bp.post("/me/links/<int:token_id>/sync")
@auth.login_required
def set_sync(token_id: int) -> Response:
    token = _own_token(token_id)
    token.sync_affiliations = request.form.get("sync_affiliations") == "on"
    token.sync_works = request.form.get("sync_works") == "on"
    token.sync_fundings = request.form.get("sync_fundings") == "on"
    db.session().commit()
    flash(_("Your choices are saved."))
    return redirect(url_for("linking.dashboard"))


@bp.post("/me/links/<int:token_id>/unlink")
@auth.login_required
def unlink(token_id: int) -> Response:
    token = _own_token(token_id)
    name = token.institution.name(_lang())
    services.unlink(db.session(), token)
    db.session().commit()
    flash(_("%(institution)s no longer has access to your ORCID record.", institution=name))
    return redirect(url_for("linking.dashboard"))


def _lang() -> str:
    from flask_babel import get_locale

    return str(get_locale() or "lv")


def _refusal(reason: str, status: int, **context: Any) -> tuple[str, int]:
    return render_template("linking/refusal.html", reason=reason, **context), status


def _state_mismatch(_error: StateMismatch) -> tuple[str, int]:
    return _refusal("state_mismatch", 400)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    add_nav_link(app, "linking.dashboard", "My ORCID")
    app.register_error_handler(StateMismatch, _state_mismatch)
