"""Following an invitation, consent with the institution's client, the callback, and
the researcher's dashboard. Sign-in alone lives in :mod:`orcid_hub.linking.signin`."""

from __future__ import annotations

from flask import Flask, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from orcid_hub import db
from orcid_hub.accounts import auth
from orcid_hub.institutions.models import Institution
from orcid_hub.invitations import services as invitations
from orcid_hub.invitations.models import Invitation, InvitationStatus
from orcid_hub.linking import flow, services
from orcid_hub.linking.models import OrcidToken
from orcid_hub.orcid import errors
from orcid_hub.web.views import add_nav_link


def _open_invitation(token: str) -> Invitation | tuple[str, int]:
    invitation = invitations.by_token(db.session(), token)
    if invitation is None:
        return flow.refusal("invitation_unknown", 404)
    status = invitation.status()
    if status != InvitationStatus.PENDING:
        return flow.refusal(f"invitation_{status.value}", 410)
    return invitation


@flow.bp.get("/invite/<token>")
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


@flow.bp.post("/invite/<token>")
def accept(token: str) -> Response | tuple[str, int]:
    opened = _open_invitation(token)
    if not isinstance(opened, Invitation):
        return opened
    institution = opened.institution
    if opened.role == "admin":
        try:
            client = services.hub_client()
        except services.LinkError:
            return flow.refusal("no_hub_client", 503)
        scopes = [services.AUTHENTICATE]
        purpose, endpoint = "signin", "linking.signin_callback"
    else:
        try:
            client = services.institution_client(institution)
        except services.LinkError:
            return flow.refusal("no_credentials", 503)
        scopes = services.link_scopes(institution)
        purpose, endpoint = "link", "linking.link_callback"
    with client:
        state = flow.begin(purpose, invitation_id=opened.id, institution_id=institution.id, next="")
        url = client.oauth.authorize_url(
            redirect_uri=flow.callback_url(endpoint),
            scopes=scopes,
            state=state,
            lang=flow.lang(),
            given_names=opened.given_names,
            family_names=opened.family_name,
            email=opened.email,
        )
    return redirect(url)


@flow.bp.get("/link/callback")
def link_callback() -> Response | tuple[str, int]:
    pending = flow.finish("link")
    store = db.session()
    institution = store.get(Institution, pending.get("institution_id"))
    invitation = store.get(Invitation, pending.get("invitation_id") or 0)
    if institution is None:
        abort(400)
    if request.args.get("error"):
        return flow.refusal("consent_denied", 200, institution=institution, invitation=invitation)
    if invitation is not None and invitation.status() != InvitationStatus.PENDING:
        return flow.refusal("invitation_invalid", 400)
    try:
        with services.institution_client(institution) as client:
            granted = client.oauth.exchange_code(
                request.args.get("code", ""), flow.callback_url("linking.link_callback")
            )
    except (errors.OrcidError, services.LinkError):
        return flow.refusal("exchange_failed", 502, institution=institution)
    try:
        outcome = services.complete_link(
            store, institution, granted, invitation=invitation, signed_in=auth.current_person()
        )
    except services.LinkError as exc:
        store.commit()  # keeps the conflict on the invitation for the admin to see
        if exc.reason == "wrong_account":
            _revoke_quietly(institution, granted.access_token)
        return flow.refusal(exc.reason, 409, institution=institution, invitation=invitation)
    store.commit()
    auth.login(outcome.person)
    item = services.write_affiliation(store, outcome.token, invitation)
    store.commit()
    if item is not None and item.state == "written":
        flash(
            _(
                "Linked. %(institution)s added your affiliation to your ORCID record.",
                institution=institution.name(flow.lang()),
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
                institution=institution.name(flow.lang()),
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


@flow.bp.get("/me")
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


@flow.bp.post("/me/links/<int:token_id>/sync")
@auth.login_required
def set_sync(token_id: int) -> Response:
    token = _own_token(token_id)
    token.sync_affiliations = request.form.get("sync_affiliations") == "on"
    token.sync_works = request.form.get("sync_works") == "on"
    token.sync_fundings = request.form.get("sync_fundings") == "on"
    db.session().commit()
    flash(_("Your choices are saved."))
    return redirect(url_for("linking.dashboard"))


@flow.bp.post("/me/links/<int:token_id>/unlink")
@auth.login_required
def unlink(token_id: int) -> Response:
    token = _own_token(token_id)
    name = token.institution.name(flow.lang())
    services.unlink(db.session(), token)
    db.session().commit()
    flash(_("%(institution)s no longer has access to your ORCID record.", institution=name))
    return redirect(url_for("linking.dashboard"))


def init_app(app: Flask) -> None:
    from orcid_hub.linking import signin  # noqa: F401  (registers its routes on the blueprint)

    app.register_blueprint(flow.bp)
    add_nav_link(app, "linking.dashboard", "My ORCID")
    app.register_error_handler(flow.StateMismatch, flow.state_mismatch)
