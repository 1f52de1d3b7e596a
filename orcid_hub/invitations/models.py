from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orcid_hub.accounts.models import Person
from orcid_hub.db import Base, created_at, intpk, utcnow
from orcid_hub.institutions.models import Institution


class InvitationStatus(enum.StrEnum):
    PENDING = "pending"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"
    CONFLICT = "conflict"


class Invitation(Base):
    """An e-mailed link to link an ORCID iD with an institution (or to become its admin).

    Only a SHA-256 hash of the link's token is stored; the token itself exists only
    in the e-mail.
    """

    __tablename__ = "invitation"
    __audited__ = True

    id: Mapped[intpk]
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20), default="researcher")
    """``researcher`` links an iD; ``admin`` makes the person an institution admin."""
    email: Mapped[str] = mapped_column(String(320), index=True)
    given_names: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    local_person_id: Mapped[str | None] = mapped_column(String(100))
    affiliation: Mapped[str | None] = mapped_column(String(20))
    department: Mapped[str | None] = mapped_column(String(200))
    role_title: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[str | None] = mapped_column(String(10))
    """A fuzzy date as ORCID takes it: YYYY, YYYY-MM or YYYY-MM-DD."""
    expected_orcid: Mapped[str | None] = mapped_column(String(19))
    """The iD the institution already knows for this person (from its CRIS), if any."""
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]
    sent_at: Mapped[dt.datetime | None]
    send_count: Mapped[int] = mapped_column(default=0)
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    """Who used the invitation."""
    revoked_at: Mapped[dt.datetime | None]
    conflict_orcid: Mapped[str | None] = mapped_column(String(19))
    """The iD that opened the invitation when it was not the expected one."""
    conflict_at: Mapped[dt.datetime | None]

    institution: Mapped[Institution] = relationship()
    person: Mapped[Person | None] = relationship(foreign_keys=[person_id])

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()

    def status(self, now: dt.datetime | None = None) -> InvitationStatus:
        now = now or utcnow()
        if self.revoked_at is not None:
            return InvitationStatus.REVOKED
        if self.used_at is not None:
            return InvitationStatus.USED
        if self.conflict_at is not None:
            return InvitationStatus.CONFLICT
        if self.expires_at <= now:
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING


class InvitationBatch(Base):
    """An uploaded spreadsheet between its preview and the admin's confirmation."""

    __tablename__ = "invitation_batch"

    id: Mapped[intpk]
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(String(300))
    rows: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    created_at: Mapped[created_at]
    confirmed_at: Mapped[dt.datetime | None]
