"""Events (meetings, consultations, trainings, international events) and what came of them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orcid_hub.consortium.models import Contact
from orcid_hub.db import Base, created_at, intpk, str200
from orcid_hub.institutions.models import Institution

str30 = String(30)


def _event_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("consortium_event.id", ondelete="CASCADE"), index=True)


class Event(Base):
    __tablename__ = "consortium_event"
    __audited__ = True

    id: Mapped[intpk]
    # A short stable code (e.g. 2025-03-12-wg) by which CSV files refer to the event.
    ref: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[str] = mapped_column(str30)
    title: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[dt.date] = mapped_column(index=True)
    ends_on: Mapped[dt.date | None]
    place: Mapped[str | None] = mapped_column(String(200))
    online: Mapped[bool] = mapped_column(default=False)
    organiser: Mapped[str | None] = mapped_column(String(200))
    deliverables: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(str30)
    agenda: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[created_at]

    # Deleting an event deletes these through the session, so each gets an audit entry.
    participants: Mapped[list[Participant]] = relationship(cascade="all, delete-orphan")
    minutes: Mapped[list[Minutes]] = relationship(cascade="all, delete-orphan")
    outcomes: Mapped[list[Outcome]] = relationship(cascade="all, delete-orphan")
    materials: Mapped[list[Material]] = relationship(cascade="all, delete-orphan")
    positions: Mapped[list[Position]] = relationship(cascade="all, delete-orphan")
    trainings: Mapped[list[Training]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )


class Participant(Base):
    """Who took part: a contact, a named person, an institution, or several of these.

    ``headcount`` lets a training record "12 people from LU" as one row.
    """

    __tablename__ = "event_participant"
    __audited__ = True

    id: Mapped[intpk]
    event_id: Mapped[int] = _event_fk()
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("consortium_contact.id", ondelete="SET NULL")
    )
    name: Mapped[str | None] = mapped_column(String(200))
    institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institution.id", ondelete="SET NULL"), index=True
    )
    role: Mapped[str] = mapped_column(str30)
    attended: Mapped[bool] = mapped_column(default=True)
    headcount: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[created_at]

    contact: Mapped[Contact | None] = relationship()
    institution: Mapped[Institution | None] = relationship()


class Minutes(Base):
    """One version of an event's minutes; an edit adds a version and keeps the older."""

    __tablename__ = "event_minutes"
    __table_args__ = (UniqueConstraint("event_id", "version"),)
    __audited__ = True

    id: Mapped[intpk]
    event_id: Mapped[int] = _event_fk()
    version: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(200))
    approved_on: Mapped[dt.date | None]
    created_at: Mapped[created_at]


class Outcome(Base):
    __tablename__ = "event_outcome"
    __audited__ = True

    id: Mapped[intpk]
    event_id: Mapped[int] = _event_fk()
    kind: Mapped[str] = mapped_column(str30)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(200))
    due_on: Mapped[dt.date | None]
    status: Mapped[str] = mapped_column(str30)
    created_at: Mapped[created_at]


class Material(Base):
    __tablename__ = "event_material"
    __audited__ = True

    id: Mapped[intpk]
    event_id: Mapped[int] = _event_fk()
    title: Mapped[str] = mapped_column(String(300))
    direction: Mapped[str] = mapped_column(str30)
    dated_on: Mapped[dt.date | None]
    recipients: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[created_at]


class Position(Base):
    """A Latvian position presented at an event (deliverable 2.2)."""

    __tablename__ = "event_position"
    __audited__ = True

    id: Mapped[intpk]
    event_id: Mapped[int] = _event_fk()
    topic: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    presented_by: Mapped[str | None] = mapped_column(String(200))
    agreed_with: Mapped[str | None] = mapped_column(String(200))
    document_url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[created_at]


class Training(Base):
    """The training details of an event of kind ``training``."""

    __tablename__ = "training"
    __audited__ = True

    id: Mapped[intpk]
    event_id: Mapped[int] = mapped_column(
        ForeignKey("consortium_event.id", ondelete="CASCADE"), unique=True
    )
    topic: Mapped[str] = mapped_column(String(300))
    audience: Mapped[str] = mapped_column(String(300))
    materials: Mapped[str | None] = mapped_column(Text)
    feedback_score: Mapped[float | None]
    created_at: Mapped[created_at]

    event: Mapped[Event] = relationship(back_populates="trainings")


class PolicyProposal(Base):
    """A proposal for sector ICT policy (deliverable 1.2.3), made at an event or not."""

    __tablename__ = "policy_proposal"
    __audited__ = True

    id: Mapped[intpk]
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("consortium_event.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    made_on: Mapped[dt.date] = mapped_column(index=True)
    addressee: Mapped[str200]
    summary: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(str30)
    created_at: Mapped[created_at]
