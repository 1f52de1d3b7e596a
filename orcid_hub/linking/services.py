"""Linking an ORCID iD with an institution, and what the hub writes on link.

The OAuth round trip is made with the *institution's* member client, so the
institution is the visible source of everything written to the record. Services
never commit; calls to ORCID that change a record run after the caller committed
the token (``write_affiliation``), so a crash loses no granted token.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub.accounts.models import InstitutionRole, Membership, Person
from orcid_hub.config import Settings
from orcid_hub.institutions.models import Institution
from orcid_hub.invitations.models import Invitation
from orcid_hub.linking.models import ItemKind, ItemState, OrcidItem, OrcidToken
from orcid_hub.orcid import errors
from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.model import Affiliation, FuzzyDate, Organization, TokenResponse

log = logging.getLogger(__name__)

READ_LIMITED = "/read-limited"
ACTIVITIES_UPDATE = "/activities/update"
PERSON_UPDATE = "/person/update"
AUTHENTICATE = "/authenticate"


class LinkError(Exception):
    """Linking cannot go on; ``reason`` is a stable key the page explains."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


def settings() -> Settings:
    result: Settings = current_app.config["SETTINGS"]
    return result


def institution_client(institution: Institution) -> OrcidClient:
    if institution.credentials is None:
        raise LinkError("no_credentials", f"{institution.slug} has no ORCID member credentials")
    config = settings().orcid
    return OrcidClient.from_settings(
        config, institution.credentials.client_id, institution.credentials.client_secret
    )


def hub_client() -> OrcidClient:
    config = settings().orcid
    if not config.client_id:
        raise LinkError("no_hub_client", "orcid.client_id is not configured")
    return OrcidClient.from_settings(config, config.client_id, config.client_secret)


def link_scopes(institution: Institution) -> list[str]:
    scopes = [READ_LIMITED, ACTIVITIES_UPDATE]
    if institution.link_person_update:
        scopes.append(PERSON_UPDATE)
    return scopes


@dataclass(frozen=True)
class LinkOutcome:
    person: Person
    token: OrcidToken
    new_person: bool


def person_by_orcid(session: Session, orcid: str) -> Person | None:
    return session.scalars(select(Person).where(Person.orcid == orcid)).first()


def complete_link(
    session: Session,
    institution: Institution,
    granted: TokenResponse,
    *,
    invitation: Invitation | None,
    signed_in: Person | None,
) -> LinkOutcome:
    """Store what ORCID granted; refuse, without merging anyone, when identities disagree."""
    orcid = granted.orcid
    if not orcid:
        raise LinkError("no_orcid", "ORCID's token response carried no iD")
    if not granted.has_scope(ACTIVITIES_UPDATE):
        raise LinkError("scope_missing", "ORCID did not grant /activities/update")
    now = dt.datetime.now(dt.UTC)
    expected = invitation.expected_orcid if invitation else None
    if signed_in is not None and signed_in.orcid and signed_in.orcid != orcid:
        expected = expected or signed_in.orcid
    if expected and expected != orcid:
        if invitation is not None:
            invitation.conflict_orcid = orcid
            invitation.conflict_at = now
        raise LinkError("wrong_account", f"expected {expected}, ORCID returned {orcid}")

    person = person_by_orcid(session, orcid)
    new_person = person is None
    if person is None:
        person = signed_in if signed_in is not None and not signed_in.orcid else None
    if person is None:
        name = granted.name or (invitation.full_name if invitation else orcid)
        person = Person(orcid=orcid, name=name, email=invitation.email if invitation else None)
        session.add(person)
    person.orcid = orcid
    if granted.name:
        person.name = granted.name
    session.flush()

    token = session.scalars(
        select(OrcidToken).where(
            OrcidToken.person_id == person.id, OrcidToken.institution_id == institution.id
        )
    ).first()
    if token is None:
        token = OrcidToken(person=person, institution=institution)
        session.add(token)
    token.orcid = orcid
    token.name = granted.name
    token.scopes = " ".join(sorted(granted.scope))
    token.access_token = granted.access_token
    token.refresh_token = granted.refresh_token
    token.expires_at = granted.expires_at
    token.revoked_at = None
    token.checked_at = now

    _ensure_membership(
        session, person, institution, invitation.local_person_id if invitation else None
    )
    if invitation is not None:
        invitation.used_at = now
        invitation.person = person
    session.flush()
    return LinkOutcome(person=person, token=token, new_person=new_person)


def _ensure_membership(
    session: Session, person: Person, institution: Institution, local_id: str | None
) -> None:
    membership = session.scalars(
        select(Membership).where(
            Membership.person_id == person.id,
            Membership.institution_id == institution.id,
            Membership.role == InstitutionRole.RESEARCHER,
        )
    ).first()
    if membership is None:
        membership = Membership(
            person=person, institution=institution, role=InstitutionRole.RESEARCHER
        )
        session.add(membership)
    if local_id:
        membership.local_person_id = local_id


def affiliation_for(institution: Institution, invitation: Invitation | None) -> Affiliation | None:
    kind = (invitation.affiliation if invitation else None) or institution.link_affiliation
    if kind not in ("employment", "education"):
        return None
    start = invitation.start_date if invitation else None
    return Affiliation(
        kind=kind,  # type: ignore[arg-type]  # checked just above
        organization=Organization(
            name=institution.name_lv,
            city=institution.city,
            country=institution.country,
            disambiguated_id=f"https://ror.org/{institution.ror_id}"
            if institution.ror_id
            else None,
            disambiguation_source="ROR" if institution.ror_id else None,
        ),
        department=(invitation.department if invitation else None) or institution.link_department,
        role_title=(invitation.role_title if invitation else None) or institution.link_role_title,
        start_date=FuzzyDate.parse(start) if start else None,
    )


def write_affiliation(
    session: Session, token: OrcidToken, invitation: Invitation | None
) -> OrcidItem | None:
    """Write the institution's affiliation to the record; the item row says how it went."""
    institution = token.institution
    affiliation = affiliation_for(institution, invitation)
    if affiliation is None or not token.sync_affiliations:
        return None
    title = " · ".join(
        part
        for part in (institution.name_lv, affiliation.department, affiliation.role_title)
        if part
    )
    item = OrcidItem(
        person_id=token.person_id,
        institution_id=institution.id,
        orcid=token.orcid,
        kind=ItemKind(affiliation.kind).value,
        title=title[:500],
        state=ItemState.FAILED.value,
    )
    session.add(item)
    try:
        with institution_client(institution) as client:
            item.put_code = client.api.create_affiliation(
                token.orcid, token.access_token, affiliation
            )
        item.state = ItemState.WRITTEN.value
        item.error = None
    except errors.DuplicateError as exc:
        # The institution wrote this affiliation before (an earlier link): keep its put-code.
        item.put_code = exc.existing_put_code
        item.state = ItemState.WRITTEN.value
    except errors.InvalidTokenError as exc:
        mark_revoked(token)
        item.error = str(exc)[:1000]
    except (errors.OrcidError, ValueError) as exc:
        log.warning("Writing the affiliation of %s failed: %s", token.orcid, exc)
        item.error = str(exc)[:1000]
    session.flush()
    return item


def mark_revoked(token: OrcidToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = dt.datetime.now(dt.UTC)


CHECK_EVERY = dt.timedelta(minutes=10)


def needs_check(token: OrcidToken) -> bool:
    """Whether the dashboard should ask ORCID again if the researcher still grants access."""
    return token.checked_at is None or dt.datetime.now(dt.UTC) - token.checked_at > CHECK_EVERY


def check_token(token: OrcidToken) -> bool:
    """Ask ORCID whether the token still works (a cheap read); mark it revoked if not."""
    try:
        with institution_client(token.institution) as client:
            client.api.read_affiliations(token.orcid, token.access_token, "employment")
    except errors.InvalidTokenError:
        mark_revoked(token)
        return False
    except (errors.OrcidError, LinkError) as exc:
        log.info("Could not check the token of %s: %s", token.orcid, exc)
        return token.is_live
    token.checked_at = dt.datetime.now(dt.UTC)
    return True


def check_all_tokens(session: Session) -> tuple[int, int]:
    """Check every live token with ORCID (the scheduler does this daily)."""
    live = session.scalars(select(OrcidToken).where(OrcidToken.revoked_at.is_(None))).all()
    revoked = sum(0 if check_token(token) else 1 for token in live)
    session.flush()
    return len(live), revoked


def unlink(session: Session, token: OrcidToken) -> None:
    """Revoke the token at ORCID (already revoked is fine) and forget it here."""
    try:
        with institution_client(token.institution) as client:
            client.oauth.revoke(token.access_token)
    except errors.InvalidTokenError:
        pass
    except errors.OAuthError as exc:
        # ORCID answers an unknown token like a revoked one; nothing is left to revoke.
        log.info("ORCID refused to revoke the token of %s: %s", token.orcid, exc)
    session.delete(token)
    session.flush()


def tokens_of(session: Session, person: Person) -> list[OrcidToken]:
    return list(
        session.scalars(
            select(OrcidToken).where(OrcidToken.person_id == person.id).order_by(OrcidToken.id)
        )
    )


def items_of(session: Session, person: Person) -> list[OrcidItem]:
    return list(
        session.scalars(
            select(OrcidItem)
            .where(OrcidItem.person_id == person.id)
            .order_by(OrcidItem.created_at.desc(), OrcidItem.id.desc())
        )
    )
