"""Seed the demo consortium's records (see :mod:`.demo_data`); a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orcid_hub.consortium import demo_data as data
from orcid_hub.consortium.event_models import (
    Event,
    Material,
    Minutes,
    Outcome,
    Participant,
    PolicyProposal,
    Position,
    Training,
)
from orcid_hub.consortium.models import (
    ConsortiumMembership,
    Contact,
    DigitalService,
    Integration,
    Need,
    NetworkMembership,
    PlanItem,
    Service,
    ServiceFunding,
    WorkingGroupMember,
)
from orcid_hub.institutions.models import Institution


class Summary(Protocol):
    def count(self, kind: str) -> None: ...


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _empty(session: Session, model: Any) -> bool:
    return not session.scalar(select(func.count()).select_from(model))


def seed(session: Session, summary: Summary) -> None:
    """Add the demo consortium records that are missing."""
    institutions = {
        inst.slug: inst
        for inst in session.scalars(
            select(Institution).where(Institution.slug.in_(data.INSTITUTIONS))
        )
    }
    _institutions(session, institutions, summary)
    contacts = _contacts(session, institutions, summary)
    if _empty(session, WorkingGroupMember):
        for email, role, since in data.WORKING_GROUP:
            contact = contacts[email]
            session.add(
                WorkingGroupMember(
                    contact=contact,
                    institution_id=contact.institution_id,
                    role=role,
                    since=_date(since),
                )
            )
            summary.count("working-group members")
    _events(session, institutions, summary)
    _others(session, institutions, summary)
    session.flush()


def _institutions(session: Session, institutions: dict[str, Institution], summary: Summary) -> None:
    for slug, (register_no, kind, website, tier, since) in data.INSTITUTIONS.items():
        inst = institutions.get(slug)
        if inst is None:
            continue
        if inst.register_no is None:
            inst.register_no, inst.kind, inst.website = register_no, kind, website
        exists = session.scalar(
            select(ConsortiumMembership.id).where(ConsortiumMembership.institution_id == inst.id)
        )
        if exists is None:
            session.add(
                ConsortiumMembership(
                    institution=inst,
                    since=_date(since),
                    tier=tier,
                    status="active",
                    portal_id=f"LV-{slug.upper()}",
                )
            )
            summary.count("consortium memberships")


def _contacts(
    session: Session, institutions: dict[str, Institution], summary: Summary
) -> dict[str, Contact]:
    contacts = {}
    for slug, name, email, position, orcid_roles, local_roles in data.CONTACTS:
        contact = session.scalars(select(Contact).where(Contact.email == email)).first()
        if contact is None and slug in institutions:
            contact = Contact(
                institution=institutions[slug],
                name=name,
                email=email,
                position=position,
                orcid_roles=orcid_roles,
                local_roles=local_roles,
            )
            session.add(contact)
            summary.count("contacts")
        if contact is not None:
            contacts[email] = contact
    session.flush()
    return contacts


def _events(session: Session, institutions: dict[str, Institution], summary: Summary) -> None:
    for ref, kind, title, start, place, online, organiser, codes, slugs in data.EVENTS:
        if session.scalar(select(Event.id).where(Event.ref == ref)) is not None:
            continue
        held = _date(start) < dt.date(2026, 1, 1)  # type: ignore[operator]
        event = Event(
            ref=ref,
            kind=kind,
            title=title,
            starts_on=_date(start),
            place=place,
            online=online,
            organiser=organiser,
            deliverables=codes,
            status="held" if held else "planned",
        )
        for slug in slugs:
            if slug in institutions:
                event.participants.append(
                    Participant(institution=institutions[slug], role="attendee", headcount=2)
                )
        if kind in ("eosc", "geant"):
            event.participants.append(Participant(name="VPC pārstāvis", role="representative"))
        if held and kind in ("working_group", "consultation", "it_units", "lzp"):
            event.minutes.append(
                Minutes(version=1, text=f"Protokols: {title}.", author="VPC sekretariāts")
            )
        for o_kind, text, owner, due, status in data.OUTCOMES.get(ref, []):
            event.outcomes.append(
                Outcome(kind=o_kind, text=text, owner=owner, due_on=_date(due), status=status)
            )
        for m_title, direction, recipients in data.MATERIALS.get(ref, []):
            event.materials.append(
                Material(
                    title=m_title, direction=direction, dated_on=_date(start), recipients=recipients
                )
            )
        if ref in data.POSITIONS:
            topic, summary_text, by, agreed = data.POSITIONS[ref]
            event.positions.append(
                Position(topic=topic, summary=summary_text, presented_by=by, agreed_with=agreed)
            )
        if ref in data.TRAININGS:
            topic, audience, score = data.TRAININGS[ref]
            event.trainings.append(Training(topic=topic, audience=audience, feedback_score=score))
        session.add(event)
        summary.count("events")
    session.flush()
    if _empty(session, PolicyProposal):
        for ref, title, made_on, addressee, text, status in data.PROPOSALS:
            event_id = session.scalar(select(Event.id).where(Event.ref == ref))
            session.add(
                PolicyProposal(
                    event_id=event_id,
                    title=title,
                    made_on=_date(made_on),
                    addressee=addressee,
                    summary=text,
                    status=status,
                )
            )
            summary.count("policy proposals")


def _others(session: Session, institutions: dict[str, Institution], summary: Summary) -> None:
    if _empty(session, Integration):
        for slug, system, product, vendor, workflows, status, go_live in data.INTEGRATIONS:
            session.add(
                Integration(
                    institution=institutions[slug],
                    system_kind=system,
                    product=product,
                    vendor=vendor,
                    workflows=workflows,
                    status=status,
                    go_live=_date(go_live),
                )
            )
            summary.count("integrations")
    if _empty(session, NetworkMembership):
        for network, name, status, representative, since in data.NETWORKS:
            session.add(
                NetworkMembership(
                    network=network,
                    name=name,
                    status=status,
                    representative=representative,
                    since=_date(since),
                )
            )
            summary.count("network memberships")
    if _empty(session, Service):
        for name, description, groups, fundings in data.SERVICES:
            service = Service(name=name, description=description, recipient_groups=groups)
            for year, (amount, source) in fundings.items():
                service.fundings.append(ServiceFunding(year=year, amount_eur=amount, source=source))
            session.add(service)
            summary.count("services")
    if _empty(session, PlanItem):
        for objective, activity, years, responsible, milestone, statuses in data.PLAN:
            for revision, status in statuses.items():
                session.add(
                    PlanItem(
                        revision=revision,
                        objective=objective,
                        activity=activity,
                        years=years,
                        responsible=responsible,
                        milestone=milestone,
                        status=status,
                    )
                )
                summary.count("plan items")
    if _empty(session, DigitalService):
        for slug, name, category, eosc, ds4skills, compliance in data.DIGITAL_SERVICES:
            session.add(
                DigitalService(
                    year=2025,
                    institution=institutions[slug],
                    name=name,
                    category=category,
                    eosc_relevance=eosc,
                    ds4skills_relevance=ds4skills,
                    compliance=compliance,
                )
            )
            summary.count("digital services")
    if _empty(session, Need):
        for slug, description, priority, source in data.NEEDS:
            session.add(
                Need(
                    year=2025,
                    institution=institutions[slug],
                    description=description,
                    priority=priority,
                    source=source,
                )
            )
            summary.count("needs")
