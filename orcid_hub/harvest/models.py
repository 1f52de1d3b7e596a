"""The harvest store: connector configurations, their runs, and the works they brought in.

The hub's OAI-PMH endpoint reads :class:`StoredWork` (with :class:`WorkIdentifier`
and :class:`WorkPerson`); ``last_modified`` is its datestamp and ``deleted`` its
tombstone flag. Checkpoints and the run lock are written with plain UPDATE
statements by the harvest service, outside the audit trail: they change after
every page and say nothing an auditor needs.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orcid_hub.accounts.models import Person
from orcid_hub.crypto import EncryptedString
from orcid_hub.db import Base, created_at, intpk, str200, utcnow
from orcid_hub.institutions.models import Institution


class RunStatus(enum.StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class MatchedBy(enum.StrEnum):
    ORCID = "orcid"
    LOCAL_ID = "local_id"
    PROPOSED = "proposed"


class DuplicateReason(enum.StrEnum):
    DOI = "doi"
    HANDLE = "handle"
    PMID = "pmid"
    EID = "eid"
    WOSUID = "wosuid"
    ISBN = "isbn"
    TITLE_YEAR = "title_year"


class ConnectorConfig(Base):
    """One institution's configured connector: registry name, settings, schedule, state."""

    __tablename__ = "connector_config"
    __table_args__ = (UniqueConstraint("institution_id", "label"),)
    __audited__ = True

    id: Mapped[intpk]
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), index=True
    )
    connector: Mapped[str] = mapped_column(String(60))
    """The entry-point name in the ``orcid_hub.connectors`` registry."""
    label: Mapped[str200]
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """Settings the connector declares as not secret, as entered."""
    secrets: Mapped[str | None] = mapped_column(EncryptedString())
    """The secret settings as one encrypted JSON object; never shown back."""
    enabled: Mapped[bool] = mapped_column(default=True, server_default=true())
    schedule_minutes: Mapped[int | None] = mapped_column(Integer)
    """Harvest every this many minutes; None means by hand only."""
    checkpoint: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    """The connector's last Checkpoint as ``{"state": ..., "complete": ...}``."""
    locked_until: Mapped[dt.datetime | None]
    """Set while a run holds the connector; a crashed run's lock expires."""
    created_at: Mapped[created_at]

    institution: Mapped[Institution] = relationship()
    runs: Mapped[list[HarvestRun]] = relationship(
        back_populates="config", cascade="all, delete-orphan", order_by="HarvestRun.id.desc()"
    )

    def __repr__(self) -> str:
        return f"<ConnectorConfig {self.id} {self.connector} {self.label!r}>"


class HarvestRun(Base):
    """One harvest of one connector, with what it did."""

    __tablename__ = "harvest_run"

    id: Mapped[intpk]
    config_id: Mapped[int] = mapped_column(
        ForeignKey("connector_config.id", ondelete="CASCADE"), index=True
    )
    trigger: Mapped[str] = mapped_column(String(20), default="manual")
    status: Mapped[str] = mapped_column(String(20), default=RunStatus.RUNNING.value)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None]
    resumed: Mapped[bool] = mapped_column(default=False, server_default=false())
    """Started from a checkpoint left by a run that did not finish."""
    pages: Mapped[int] = mapped_column(default=0, server_default="0")
    added: Mapped[int] = mapped_column(default=0, server_default="0")
    changed: Mapped[int] = mapped_column(default=0, server_default="0")
    unchanged: Mapped[int] = mapped_column(default=0, server_default="0")
    deleted: Mapped[int] = mapped_column(default=0, server_default="0")
    failed: Mapped[int] = mapped_column(default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(Text)

    config: Mapped[ConnectorConfig] = relationship(back_populates="runs")
    failures: Mapped[list[RunFailure]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="RunFailure.id"
    )

    @property
    def duration(self) -> dt.timedelta | None:
        return None if self.finished_at is None else self.finished_at - self.started_at


class RunFailure(Base):
    """A record a run could not store, and why."""

    __tablename__ = "harvest_failure"

    id: Mapped[intpk]
    run_id: Mapped[int] = mapped_column(
        ForeignKey("harvest_run.id", ondelete="CASCADE"), index=True
    )
    local_id: Mapped[str] = mapped_column(String(300))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[created_at]

    run: Mapped[HarvestRun] = relationship(back_populates="failures")


class StoredWork(Base):
    """A work as a connector last gave it, kept whole, with its main fields as columns."""

    __tablename__ = "stored_work"
    __table_args__ = (
        UniqueConstraint("config_id", "local_id"),
        Index("ix_stored_work_institution_title_key", "institution_id", "title_key"),
        Index("ix_stored_work_institution_modified", "institution_id", "last_modified"),
    )

    id: Mapped[intpk]
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), index=True
    )
    config_id: Mapped[int] = mapped_column(ForeignKey("connector_config.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(100))
    """``Work.source``: the source name the connector stamps on its records."""
    local_id: Mapped[str] = mapped_column(String(300))
    oai_identifier: Mapped[str | None] = mapped_column(String(500))
    title: Mapped[str | None] = mapped_column(Text)
    title_key: Mapped[str | None] = mapped_column(String(200))
    """Title folded for comparison (see matching.title_key)."""
    orcid_type: Mapped[str | None] = mapped_column(String(60))
    coar_type: Mapped[str | None] = mapped_column(String(200))
    publication_date: Mapped[str | None] = mapped_column(String(10))
    """Fuzzy date as text: YYYY, YYYY-MM or YYYY-MM-DD."""
    publication_year: Mapped[int | None] = mapped_column(Integer)
    container_title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(20))
    url: Mapped[str | None] = mapped_column(Text)
    doi: Mapped[str | None] = mapped_column(String(300), index=True)
    """The work's own (relationship self) DOI, normalised."""
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The canonical Work as ``connectors.records.to_dict`` gives it."""
    content_hash: Mapped[str] = mapped_column(String(64))
    deleted: Mapped[bool] = mapped_column(default=False, server_default=false())
    first_seen: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_modified: Mapped[dt.datetime] = mapped_column(default=utcnow)
    """When the hub's copy last changed (content or deletion): the OAI datestamp."""
    source_modified: Mapped[dt.datetime | None]

    config: Mapped[ConnectorConfig] = relationship()
    identifiers: Mapped[list[WorkIdentifier]] = relationship(
        back_populates="work", cascade="all, delete-orphan"
    )
    people: Mapped[list[WorkPerson]] = relationship(
        back_populates="work", cascade="all, delete-orphan"
    )


class StoredPerson(Base):
    """A person as the CRIS describes them: its local id and, when it knows it, the ORCID iD.

    Works often name their authors only by the CRIS's id; this is how such an
    author is matched by ORCID iD to a researcher who linked it.
    """

    __tablename__ = "stored_person"
    __table_args__ = (UniqueConstraint("config_id", "local_id"),)

    id: Mapped[intpk]
    config_id: Mapped[int] = mapped_column(ForeignKey("connector_config.id", ondelete="CASCADE"))
    local_id: Mapped[str] = mapped_column(String(300))
    orcid: Mapped[str | None] = mapped_column(String(19), index=True)
    name: Mapped[str | None] = mapped_column(String(300))
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The canonical Person as ``connectors.records.to_dict`` gives it."""
    last_seen: Mapped[dt.datetime] = mapped_column(default=utcnow)


class WorkIdentifier(Base):
    """An external identifier of a stored work, normalised, for de-duplication."""

    __tablename__ = "stored_work_identifier"
    __table_args__ = (
        UniqueConstraint("work_id", "type", "value", "relation"),
        Index("ix_stored_work_identifier_type_value", "type", "value"),
    )

    id: Mapped[intpk]
    work_id: Mapped[int] = mapped_column(ForeignKey("stored_work.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(300))
    relation: Mapped[str] = mapped_column(String(20), default="self")
    """ORCID's relationship: self, part-of, version-of, funded-by."""

    work: Mapped[StoredWork] = relationship(back_populates="identifiers")


class WorkPerson(Base):
    """A hub researcher matched to a stored work, and how."""

    __tablename__ = "stored_work_person"
    __table_args__ = (UniqueConstraint("work_id", "person_id"),)

    id: Mapped[intpk]
    work_id: Mapped[int] = mapped_column(ForeignKey("stored_work.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    matched_by: Mapped[str] = mapped_column(String(20))
    contributor_name: Mapped[str | None] = mapped_column(String(300))

    work: Mapped[StoredWork] = relationship(back_populates="people")
    person: Mapped[Person] = relationship()


class DuplicateLink(Base):
    """Two stored works of one institution that are (or may be) the same work.

    Identifier matches are confirmed at once; a title-and-year match is only
    proposed until an admin confirms or rejects it. ``work_id < other_id``.
    """

    __tablename__ = "duplicate_link"
    __table_args__ = (UniqueConstraint("work_id", "other_id"),)
    __audited__ = True

    id: Mapped[intpk]
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), index=True
    )
    work_id: Mapped[int] = mapped_column(ForeignKey("stored_work.id", ondelete="CASCADE"))
    other_id: Mapped[int] = mapped_column(
        ForeignKey("stored_work.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(20))
    confirmed: Mapped[bool] = mapped_column(default=False, server_default=false())
    rejected: Mapped[bool] = mapped_column(default=False, server_default=false())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]

    work: Mapped[StoredWork] = relationship(foreign_keys=[work_id])
    other: Mapped[StoredWork] = relationship(foreign_keys=[other_id])


class CrisPush(Base):
    """A stored work sent (or being sent) to a push connector: never twice, retried if failed."""

    __tablename__ = "cris_push"
    __table_args__ = (UniqueConstraint("config_id", "work_id"),)

    id: Mapped[intpk]
    config_id: Mapped[int] = mapped_column(ForeignKey("connector_config.id", ondelete="CASCADE"))
    work_id: Mapped[int] = mapped_column(
        ForeignKey("stored_work.id", ondelete="CASCADE"), index=True
    )
    remote_id: Mapped[str | None] = mapped_column(String(300))
    pushed_at: Mapped[dt.datetime | None]
    """When the CRIS accepted it; None while every attempt so far failed."""
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(Text)
    tried_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
