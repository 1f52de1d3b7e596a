from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orcid_hub.db import Base, created_at, intpk, secret, str200

if TYPE_CHECKING:
    from orcid_hub.accounts.models import Membership


class Institution(Base):
    """A member of the consortium (or one being invited to join)."""

    __tablename__ = "institution"
    __audited__ = True

    id: Mapped[intpk]
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_lv: Mapped[str200]
    name_en: Mapped[str200]
    ror_id: Mapped[str | None] = mapped_column(String(40))
    city: Mapped[str] = mapped_column(String(100), default="Rīga", server_default="Rīga")
    country: Mapped[str] = mapped_column(String(2), default="LV", server_default="LV")
    # What the hub writes to a researcher's ORCID record when they link:
    # "employment", "education" or "" (nothing), with department and role title.
    link_affiliation: Mapped[str] = mapped_column(
        String(20), default="employment", server_default="employment"
    )
    link_department: Mapped[str | None] = mapped_column(String(200))
    link_role_title: Mapped[str | None] = mapped_column(String(200))
    link_person_update: Mapped[bool] = mapped_column(default=False, server_default=false())
    """Also ask for ``/person/update`` (the institution writes person data)."""
    # Consortium records (orcid_hub.consortium): the entry in the register of
    # scientific institutions, the kind of body, and its place under a parent.
    register_no: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str | None] = mapped_column(String(30))
    website: Mapped[str | None] = mapped_column(String(500))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("institution.id", ondelete="SET NULL"), index=True
    )
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[created_at]

    credentials: Mapped[OrcidCredentials | None] = relationship(
        back_populates="institution", cascade="all, delete-orphan"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="institution", cascade="all, delete-orphan"
    )

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_lv

    def __repr__(self) -> str:
        return f"<Institution {self.slug}>"


class OrcidCredentials(Base):
    """The institution's own ORCID member API client; it is the visible source on records."""

    __tablename__ = "orcid_credentials"
    __audited__ = True

    id: Mapped[intpk]
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), unique=True
    )
    client_id: Mapped[str] = mapped_column(String(40))
    client_secret: Mapped[secret]
    created_at: Mapped[created_at]

    institution: Mapped[Institution] = relationship(back_populates="credentials")
