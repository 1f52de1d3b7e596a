"""Test data: institutions with sandbox credentials, people, invitations."""

from __future__ import annotations

from itertools import count

from sqlalchemy.orm import Session

from orcid_hub.accounts.models import InstitutionRole, Membership, Person
from orcid_hub.institutions.models import Institution, OrcidCredentials
from orcid_hub.invitations import services as invitations
from orcid_hub.invitations.models import Invitation

_serial = count(1)

SANDBOX_CLIENTS = {
    "APP-TESTCLIENT000001": "test-secret-1",
    "APP-TESTCLIENT000002": "test-secret-2",
}


def institution(
    session: Session,
    slug: str = "lu",
    client_id: str | None = "APP-TESTCLIENT000001",
    **fields: object,
) -> Institution:
    inst = Institution(
        slug=slug,
        name_lv=str(fields.pop("name_lv", "Latvijas Universitāte")),
        name_en=str(fields.pop("name_en", "University of Latvia")),
        ror_id=str(fields.pop("ror_id", "05g3mes96")),
        **fields,
    )
    if client_id:
        inst.credentials = OrcidCredentials(
            client_id=client_id, client_secret=SANDBOX_CLIENTS[client_id]
        )
    session.add(inst)
    session.flush()
    return inst


def person(
    session: Session,
    name: str = "Anna Ozoliņa",
    orcid: str | None = None,
    *,
    admin_of: Institution | None = None,
    lead: bool = False,
    email: str | None = None,
) -> Person:
    someone = Person(
        name=name,
        orcid=orcid,
        email=email or f"person{next(_serial)}@example.lv",
        is_consortium_lead=lead,
    )
    session.add(someone)
    if admin_of is not None:
        session.add(Membership(person=someone, institution=admin_of, role=InstitutionRole.ADMIN))
    session.flush()
    return someone


def invitation(
    session: Session,
    inst: Institution,
    email: str = "anna.ozolina@example.lv",
    *,
    ttl_days: int = 14,
    role: str = "researcher",
    **fields: str,
) -> tuple[Invitation, str]:
    data = invitations.validate(
        invitations.InvitationData(
            email=email,
            given_names=fields.pop("given_names", "Anna"),
            family_name=fields.pop("family_name", "Ozoliņa"),
            **fields,
        )
    )
    return invitations.create(session, inst, data, created_by_id=None, ttl_days=ttl_days, role=role)
