from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orcid_hub.db import Base, created_at, intpk, str200

if TYPE_CHECKING:
    from orcid_hub.institutions.models import Institution


class InstitutionRole(enum.StrEnum):
    RESEARCHER = "researcher"
    ADMIN = "admin"


def _enum_column(enum_type: type[enum.Enum]) -> Enum:
    return Enum(
        enum_type,
        native_enum=False,
        length=30,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Person(Base):
    """One row per human. The iD is stored only as ORCID returned it, never typed in."""

    __tablename__ = "person"
    __audited__ = True

    id: Mapped[intpk]
    orcid: Mapped[str | None] = mapped_column(String(19), unique=True)
    name: Mapped[str200]
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    is_consortium_lead: Mapped[bool] = mapped_column(default=False)
    is_operator: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(String(5), default="lv")
    created_at: Mapped[created_at]

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.orcid or '-'}>"


class Membership(Base):
    """A person's place in an institution: researcher and/or institution admin."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("person_id", "institution_id", "role"),)
    __audited__ = True

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[InstitutionRole] = mapped_column(_enum_column(InstitutionRole))
    local_person_id: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[created_at]

    person: Mapped[Person] = relationship(back_populates="memberships")
    institution: Mapped[Institution] = relationship(back_populates="memberships")
