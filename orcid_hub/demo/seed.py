from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub import crypto
from orcid_hub.accounts.models import InstitutionRole, Membership, Person
from orcid_hub.consortium import demo as consortium_demo
from orcid_hub.demo.data import HUB_CLIENT_ID, HUB_CLIENT_SECRET, INSTITUTIONS, PEOPLE
from orcid_hub.institutions.models import Institution, OrcidCredentials


@dataclass
class SeedSummary:
    created: dict[str, int] = field(default_factory=dict)
    lead: str = ""

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1

    def describe(self) -> str:
        if not any(self.created.values()):
            made = "The demo data was already there; nothing added."
        else:
            made = "Seeded: " + ", ".join(f"{n} {kind}" for kind, n in self.created.items()) + "."
        return f"{made}\nConsortium lead of the demo: {self.lead}."


def seed(session: Session) -> SeedSummary:
    """Add what is missing of the demo consortium; a second run adds nothing."""
    summary = SeedSummary()
    institutions: dict[str, Institution] = {}
    for item in INSTITUTIONS:
        inst = session.scalars(select(Institution).where(Institution.slug == item.slug)).first()
        if inst is None:
            inst = Institution(
                slug=item.slug, name_lv=item.name_lv, name_en=item.name_en, ror_id=item.ror_id
            )
            session.add(inst)
            summary.count("institutions")
        if item.client_id and item.client_secret and inst.credentials is None:
            inst.credentials = OrcidCredentials(
                client_id=item.client_id, client_secret=item.client_secret
            )
            summary.count("ORCID credentials")
        institutions[item.slug] = inst
    session.flush()
    for demo_person in PEOPLE:
        person = session.scalars(select(Person).where(Person.orcid == demo_person.orcid)).first()
        if person is None:
            person = Person(
                orcid=demo_person.orcid,
                name=demo_person.name,
                email=demo_person.email,
                is_consortium_lead=demo_person.consortium_lead,
            )
            session.add(person)
            session.flush()
            summary.count("people")
        if demo_person.consortium_lead:
            summary.lead = f"{demo_person.name} ({demo_person.orcid})"
        if demo_person.institution is None:
            continue
        inst = institutions[demo_person.institution]
        role = InstitutionRole(demo_person.role)
        exists = session.scalars(
            select(Membership).where(
                Membership.person_id == person.id,
                Membership.institution_id == inst.id,
                Membership.role == role,
            )
        ).first()
        if exists is None:
            session.add(Membership(person=person, institution=inst, role=role))
            summary.count("memberships")
    session.flush()
    consortium_demo.seed(session, summary)
    return summary


def write_development_config(path: Path) -> None:
    """A config for one developer's machine: fresh keys, SQLite, the local ORCID sandbox."""
    path.parent.mkdir(parents=True, exist_ok=True)
    secret_key = crypto.generate_key()
    encryption_key = crypto.generate_key()
    path.write_text(
        "# Written by `orcid-hub demo` for local development only. Never use in production.\n"
        "[app]\n"
        f'secret_key = "{secret_key}"\n'
        f'instance_path = "{path.parent.resolve()}"\n\n'
        "[security]\n"
        f'encryption_keys = ["{encryption_key}"]\n\n'
        "[orcid]\n"
        'environment = "local"\n'
        f'client_id = "{HUB_CLIENT_ID}"\n'
        f'client_secret = "{HUB_CLIENT_SECRET}"\n',
        encoding="utf-8",
    )
    path.chmod(0o600)
