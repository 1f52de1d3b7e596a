from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orcid_hub.accounts.models import Person
from orcid_hub.crypto import EncryptedString
from orcid_hub.db import Base, created_at, intpk, secret
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
    created_at: Mapped[created_at]

    person: Mapped[Person] = relationship()
    institution: Mapped[Institution] = relationship()

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())
