"""People and roles. Services never commit; the caller does."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub.accounts.models import Person


def person_by_orcid(session: Session, orcid: str) -> Person | None:
    return session.scalars(select(Person).where(Person.orcid == orcid)).one_or_none()


def make_consortium_lead(
    session: Session, orcid: str, name: str, email: str | None, *, operator: bool = False
) -> Person:
    person = person_by_orcid(session, orcid)
    if person is None:
        person = Person(orcid=orcid, name=name, email=email)
        session.add(person)
    person.is_consortium_lead = True
    person.is_operator = person.is_operator or operator
    if email:
        person.email = email
    session.flush()
    return person
