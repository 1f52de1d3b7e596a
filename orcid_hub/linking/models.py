from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orcid_hub.accounts.models import Person
from orcid_hub.crypto import EncryptedString
from orcid_hub.db import Base, created_at, intpk, secret, utcnow
from orcid_hub.institutions.models import Institution


class OrcidToken(Base):
    """What a researcher granted one institution's client, kept whole as ORCID returned it."""

    __tablename__ = "orcid_token"
    __table_args__ = (UniqueConstraint("person_id", "institution_id"),)
    __audited__ = True

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), index=True
    )
    orcid: Mapped[str] = mapped_column(String(19))
    name: Mapped[str | None] = mapped_column(String(200))
    scopes: Mapped[str] = mapped_column(String(300))
    """Space-separated, as ORCID returned them."""
    access_token: Mapped[secret]
    refresh_token: Mapped[str | None] = mapped_column(EncryptedString())
    expires_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]
    """Set when ORCID answered 401 invalid_token: the researcher withdrew access there."""
    checked_at: Mapped[dt.datetime | None]
    sync_affiliations: Mapped[bool] = mapped_column(default=True, server_default=true())
    sync_works: Mapped[bool] = mapped_column(default=True, server_default=true())
    sync_fundings: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[created_at]

    person: Mapped[Person] = relationship()
    institution: Mapped[Institution] = relationship()

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None


class ItemKind(enum.StrEnum):
    EMPLOYMENT = "employment"
    EDUCATION = "education"
    WORK = "work"
    FUNDING = "funding"


class ItemState(enum.StrEnum):
    WRITTEN = "written"
    FAILED = "failed"
    DELETED = "deleted"


class OrcidItem(Base):
    """One item the hub wrote to a researcher's ORCID record, with ORCID's put-code."""

    __tablename__ = "orcid_item"
    __audited__ = True

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), index=True
    )
    orcid: Mapped[str] = mapped_column(String(19))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(500))
    put_code: Mapped[int | None]
    state: Mapped[str] = mapped_column(String(20))
    error: Mapped[str | None] = mapped_column(String(1000))
    details: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    created_at: Mapped[created_at]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    institution: Mapped[Institution] = relationship()
