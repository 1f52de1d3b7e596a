"""Sign-in with ORCID (``/authenticate`` through the hub's own client), and what an
admin invitation does once its invitee has signed in."""

from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from orcid_hub import db
from orcid_hub.accounts import auth
from orcid_hub.accounts.models import InstitutionRole, Membership, Person
from orcid_hub.db import utcnow
from orcid_hub.invitations.models import Invitation, InvitationStatus
from orcid_hub.linking import flow, services
from orcid_hub.orcid import errors
from orcid_hub.web.views import safe_next


@flow.bp.post("/signin/orcid")
def signin_orcid() -> Response:
    try:
        client = services.hub_client()
    except services.LinkError:
        flash(_("Sign-in with ORCID is not configured on this hub."), "error")
        return redirect(url_for("auth.signin"))
    with client:
        state = flow.begin("signin", next=safe_next(request.form.get("next"), ""))
        url = client.oauth.authorize_url(
            redirect_uri=flow.callback_url("linking.signin_callback"),
            scopes=[services.AUTHENTICATE],
            state=state,
            lang=flow.lang(),
        )
    return redirect(url)


@flow.bp.get("/signin/callback")
def signin_callback() -> Response | tuple[str, int]:
    pending = flow.finish("signin")
    if request.args.get("error"):
        return flow.refusal("signin_denied", 200)
    try:
        with services.hub_client() as client:
            granted = client.oauth.exchange_code(
                request.args.get("code", ""), flow.callback_url("linking.signin_callback")
            )
    except errors.OrcidError:
        return flow.refusal("exchange_failed", 502)
    if not granted.orcid:
        return flow.refusal("exchange_failed", 502)
    store = db.session()
    person = services.person_by_orcid(store, granted.orcid)
    if person is None:
        person = Person(orcid=granted.orcid, name=granted.name or granted.orcid)
        store.add(person)
    invitation_id = pending.get("invitation_id")
    if invitation_id:
        invitation = store.get(Invitation, invitation_id)
        if invitation is None or invitation.status() != InvitationStatus.PENDING:
            return flow.refusal("invitation_invalid", 400)
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
