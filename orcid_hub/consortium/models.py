"""Consortium records about institutions: membership, contacts, the working group,
integrations, networks, the service basket, the development plan and the ecosystem map.

Choice columns hold the codes of :mod:`orcid_hub.consortium.choices`; multi-valued
choices are kept as codes joined by ``;`` (they are short, and read and written as a
whole, never queried one by one).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orcid_hub.db import Base, created_at, intpk, str200
from orcid_hub.institutions.models import Institution

str30 = String(30)


def _institution_fk(nullable: bool = False) -> Mapped[int]:
    return mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), index=True, nullable=nullable
    )


class ConsortiumMembership(Base):
    __tablename__ = "consortium_membership"
    __audited__ = True

    id: Mapped[intpk]
    institution_id: Mapped[int] = _institution_fk()
    since: Mapped[dt.date]
    until: Mapped[dt.date | None]
    tier: Mapped[str] = mapped_column(str30)
    status: Mapped[str] = mapped_column(str30)
    portal_id: Mapped[str | None] = mapped_column(String(100))
    integration_plans: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[created_at]

    institution: Mapped[Institution] = relationship()


class Contact(Base):
    """A person an institution names for ORCID or local roles (not a hub user)."""

    __tablename__ = "consortium_contact"
    __audited__ = True

    id: Mapped[intpk]
    institution_id: Mapped[int] = _institution_fk()
    name: Mapped[str200]
    email: Mapped[str] = mapped_column(String(320), unique=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[str | None] = mapped_column(String(200))
    orcid: Mapped[str | None] = mapped_column(String(19))
    orcid_roles: Mapped[str] = mapped_column(String(200), default="")
    local_roles: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[created_at]

    institution: Mapped[Institution] = relationship()


class WorkingGroupMember(Base):
    __tablename__ = "working_group_member"
    __audited__ = True

    id: Mapped[intpk]
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("consortium_contact.id", ondelete="CASCADE"), index=True
    )
    institution_id: Mapped[int] = _institution_fk()
    role: Mapped[str] = mapped_column(str30)
    since: Mapped[dt.date]
    until: Mapped[dt.date | None]
    appointment: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[created_at]

    contact: Mapped[Contact] = relationship()
    institution: Mapped[Institution] = relationship()


class Integration(Base):
    __tablename__ = "integration"
    __audited__ = True

    id: Mapped[intpk]
    institution_id: Mapped[int] = _institution_fk()
    system_kind: Mapped[str] = mapped_column(str30)
    product: Mapped[str200]
    vendor: Mapped[str | None] = mapped_column(String(200))
    client_id: Mapped[str | None] = mapped_column(String(40))
    workflows: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(str30)
    go_live: Mapped[dt.date | None]
    # The hub connector this integration runs through; connectors' tables are
    # built separately, so no foreign key until they exist.
    connector_id: Mapped[int | None]
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[created_at]

    institution: Mapped[Institution] = relationship()


class NetworkMembership(Base):
    __tablename__ = "network_membership"
    __audited__ = True

    id: Mapped[intpk]
    network: Mapped[str] = mapped_column(str30)
    name: Mapped[str200]
    status: Mapped[str] = mapped_column(str30)
    representative: Mapped[str | None] = mapped_column(String(200))
    since: Mapped[dt.date]
    until: Mapped[dt.date | None]
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[created_at]


class Service(Base):
    """A service of the core basket (deliverable 3.1.2)."""

    __tablename__ = "basket_service"
    __audited__ = True

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    recipient_groups: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[created_at]

    fundings: Mapped[list[ServiceFunding]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )


class ServiceFunding(Base):
    __tablename__ = "basket_service_funding"
    __table_args__ = (UniqueConstraint("service_id", "year", "source"),)
    __audited__ = True

    id: Mapped[intpk]
    service_id: Mapped[int] = mapped_column(
        ForeignKey("basket_service.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int]
    amount_eur: Mapped[int]
    source: Mapped[str200]
    created_at: Mapped[created_at]

    service: Mapped[Service] = relationship(back_populates="fundings")


class PlanItem(Base):
    """One activity of the development plan as revised in ``revision`` (a year).

    Each yearly revision is a full set of rows, so earlier revisions stay as they were.
    """

    __tablename__ = "plan_item"
    __audited__ = True

    id: Mapped[intpk]
    revision: Mapped[int] = mapped_column(index=True)
    objective: Mapped[str] = mapped_column(String(300))
    activity: Mapped[str] = mapped_column(String(300))
    years: Mapped[str] = mapped_column(String(40))
    responsible: Mapped[str | None] = mapped_column(String(200))
    milestone: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(str30)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[created_at]


class DigitalService(Base):
    """An institution's digital service as mapped in a year (deliverable 1.1.1)."""

    __tablename__ = "digital_service"
    __audited__ = True

    id: Mapped[intpk]
    year: Mapped[int] = mapped_column(index=True)
    institution_id: Mapped[int] = _institution_fk()
    name: Mapped[str200]
    category: Mapped[str] = mapped_column(str30)
    url: Mapped[str | None] = mapped_column(String(500))
    eosc_relevance: Mapped[str] = mapped_column(str30)
    ds4skills_relevance: Mapped[str] = mapped_column(str30)
    compliance: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[created_at]

    institution: Mapped[Institution] = relationship()


class Need(Base):
    __tablename__ = "ecosystem_need"
    __audited__ = True

    id: Mapped[intpk]
    year: Mapped[int] = mapped_column(index=True)
    institution_id: Mapped[int] = _institution_fk()
    description: Mapped[str] = mapped_column(Text)
    priority: Mapped[str] = mapped_column(str30)
    source: Mapped[str] = mapped_column(str30)
    created_at: Mapped[created_at]

    institution: Mapped[Institution] = relationship()
