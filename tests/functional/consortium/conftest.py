"""People and institutions for the consortium pages: the lead, an admin of A, a researcher."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from orcid_hub.accounts.models import InstitutionRole, Membership, Person
from orcid_hub.consortium.event_models import Event
from orcid_hub.consortium.models import Contact, Service
from orcid_hub.institutions.models import Institution


@dataclass
class Cast:
    lead: Person
    admin_a: Person
    researcher_a: Person
    inst_a: Institution
    inst_b: Institution


@pytest.fixture
def cast(db_session: Session) -> Cast:
    inst_a = Institution(slug="lu", name_lv="Latvijas Universitāte", name_en="University of Latvia")
    inst_b = Institution(
        slug="rtu", name_lv="Rīgas Tehniskā universitāte", name_en="Riga Technical University"
    )
    lead = Person(name="Ilze Bērziņa", is_consortium_lead=True)
    admin_a = Person(name="Jānis Kalniņš")
    researcher_a = Person(name="Anna Ozoliņa")
    db_session.add_all([inst_a, inst_b, lead, admin_a, researcher_a])
    db_session.flush()
    db_session.add_all(
        [
            Membership(person=admin_a, institution=inst_a, role=InstitutionRole.ADMIN),
            Membership(person=researcher_a, institution=inst_a, role=InstitutionRole.RESEARCHER),
        ]
    )
    db_session.commit()
    return Cast(lead, admin_a, researcher_a, inst_a, inst_b)


@dataclass
class World(Cast):
    contact_a: Contact
    contact_b: Contact
    event: Event
    training_event: Event
    service: Service


@pytest.fixture
def world(cast: Cast, db_session: Session) -> World:
    """The cast plus the records others refer to: contacts, two events, a service."""
    contact_a = Contact(institution=cast.inst_a, name="Inese Kalniņa", email="inese@lu.example.lv")
    contact_b = Contact(institution=cast.inst_b, name="Toms Briedis", email="toms@rtu.example.lv")
    event = Event(
        ref="2025-02-11-wg",
        kind="working_group",
        title="Darba grupa",
        starts_on=dt.date(2025, 2, 11),
        status="held",
    )
    training_event = Event(
        ref="2025-03-18-training",
        kind="training",
        title="Apmācība",
        starts_on=dt.date(2025, 3, 18),
        status="held",
    )
    service = Service(name="ORCID konsorcija dalība")
    db_session.add_all([contact_a, contact_b, event, training_event, service])
    db_session.commit()
    return World(
        **vars(cast),
        contact_a=contact_a,
        contact_b=contact_b,
        event=event,
        training_event=training_event,
        service=service,
    )


def samples(w: World) -> dict[str, dict[str, str | list[str]]]:
    """A valid form for every record type, as a person would fill it in."""
    a, e = str(w.inst_a.id), str(w.event.id)
    return {
        "institutions": {
            "slug": "lbtu",
            "name_lv": "Latvijas Biozinātņu un tehnoloģiju universitāte",
            "name_en": "LBTU",
            "kind": "university",
            "register_no": "361013",
            "website": "https://www.lbtu.lv",
            "parent_id": a,
            "active": "yes",
        },
        "memberships": {
            "institution_id": a,
            "since": "2025-01-01",
            "tier": "large",
            "status": "active",
            "portal_id": "P-1",
        },
        "contacts": {
            "institution_id": a,
            "name": "Pēteris Jansons",
            "email": "p@lu.example.lv",
            "orcid": "https://orcid.org/0000-0002-1825-0097",
            "orcid_roles": ["voting", "technical"],
            "local_roles": ["eosc"],
        },
        "working-group": {
            "contact_id": str(w.contact_a.id),
            "institution_id": a,
            "role": "chair",
            "since": "2025-01-01",
        },
        "integrations": {
            "institution_id": a,
            "system_kind": "cris",
            "product": "Pure",
            "status": "sandbox",
            "workflows": ["collect_id", "read"],
            "go_live": "2025-06-01",
            "connector_id": "7",
        },
        "networks": {
            "network": "eosc",
            "name": "EOSC Association",
            "status": "mandated",
            "since": "2022-01-01",
        },
        "services": {
            "name": "ORCID Hub",
            "recipient_groups": ["universities"],
            "description": "Saistīšana",
        },
        "service-funding": {
            "service_id": str(w.service.id),
            "year": "2025",
            "amount_eur": "15000",
            "source": "Valsts budžets",
        },
        "plan": {
            "revision": "2025",
            "objective": "Paplašināt ORCID",
            "activity": "CRIS",
            "years": "2024–2026",
            "status": "planned",
        },
        "digital-services": {
            "year": "2025",
            "institution_id": a,
            "name": "Repozitorijs",
            "category": "repository",
            "eosc_relevance": "high",
            "ds4skills_relevance": "low",
            "compliance": ["orcid", "doi"],
        },
        "needs": {
            "year": "2025",
            "institution_id": a,
            "description": "Atbalsts",
            "priority": "high",
            "source": "survey",
        },
        "events": {
            "kind": "consultation",
            "title": "Konsultācija",
            "starts_on": "2025-04-09",
            "status": "held",
            "deliverables": ["1.2.1", "1.2.2"],
            "online": "yes",
        },
        "participants": {
            "event_id": e,
            "institution_id": a,
            "role": "attendee",
            "attended": "yes",
            "headcount": "3",
        },
        "minutes": {"event_id": e, "text": "Protokols", "author": "VPC"},
        "outcomes": {
            "event_id": e,
            "kind": "action",
            "text": "Sagatavot vadlīnijas",
            "owner": "VPC",
            "due_on": "2025-12-31",
            "status": "open",
        },
        "materials": {
            "event_id": e,
            "title": "Prezentācija",
            "direction": "distributed",
            "dated_on": "2025-03-18",
            "recipients": "Darba grupa",
        },
        "positions": {"event_id": e, "topic": "PID", "summary": "Latvija atbalsta"},
        "trainings": {
            "event_id": str(w.training_event.id),
            "topic": "ORCID",
            "audience": "IT",
            "feedback_score": "4.5",
        },
        "proposals": {
            "event_id": e,
            "title": "ORCID LZP projektos",
            "made_on": "2025-10-20",
            "addressee": "LZP",
            "summary": "Prasīt ORCID iD",
            "status": "submitted",
        },
    }
