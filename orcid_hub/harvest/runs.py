"""Run bookkeeping: the per-connector lock, run rows, checkpoints. No commits here.

The lock is a lease (``ConnectorConfig.locked_until``) taken with one
conditional UPDATE, so two processes cannot both win it on SQLite or
PostgreSQL; a run that dies without releasing it blocks the connector only
until the lease runs out. Each page renews it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from connectors import Checkpoint
from orcid_hub.db import utcnow
from orcid_hub.harvest.models import ConnectorConfig, HarvestRun, RunStatus

LEASE = dt.timedelta(minutes=15)


def acquire(session: Session, config_id: int, now: dt.datetime | None = None) -> bool:
    """Take the connector's lease; False when another run holds it."""
    now = now or utcnow()
    result = session.execute(
        update(ConnectorConfig)
        .where(
            ConnectorConfig.id == config_id,
            or_(ConnectorConfig.locked_until.is_(None), ConnectorConfig.locked_until < now),
        )
        .values(locked_until=now + LEASE)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def renew(session: Session, config_id: int) -> None:
    session.execute(
        update(ConnectorConfig)
        .where(ConnectorConfig.id == config_id)
        .values(locked_until=utcnow() + LEASE)
        .execution_options(synchronize_session=False)
    )


def release(session: Session, config_id: int) -> None:
    session.execute(
        update(ConnectorConfig)
        .where(ConnectorConfig.id == config_id)
        .values(locked_until=None)
        .execution_options(synchronize_session=False)
    )


def start(session: Session, config: ConnectorConfig, trigger: str, *, full: bool) -> HarvestRun:
    """A new run row; runs left 'running' by a dead process are marked failed first."""
    for stale in session.scalars(
        select(HarvestRun).where(
            HarvestRun.config_id == config.id, HarvestRun.status == RunStatus.RUNNING.value
        )
    ):
        stale.status = RunStatus.FAILED.value
        stale.finished_at = utcnow()
        stale.error = "interrupted: the process running it stopped"
    if full:
        save_checkpoint(session, config.id, None)
        session.refresh(config, ["checkpoint"])
    resumed = bool(config.checkpoint and not config.checkpoint.get("complete"))
    run = HarvestRun(config_id=config.id, trigger=trigger[:20], resumed=resumed)
    session.add(run)
    session.flush()
    return run


def checkpoint_of(config: ConnectorConfig) -> Checkpoint | None:
    data = config.checkpoint
    if not data:
        return None
    return Checkpoint(state=data["state"], complete=bool(data.get("complete")))


def save_checkpoint(session: Session, config_id: int, checkpoint: Checkpoint | None) -> None:
    value: dict[str, Any] | None = None
    if checkpoint is not None:
        value = {"state": dict(checkpoint.state), "complete": checkpoint.complete}
    session.execute(
        update(ConnectorConfig)
        .where(ConnectorConfig.id == config_id)
        .values(checkpoint=value)
        .execution_options(synchronize_session=False)
    )


def finish(session: Session, run: HarvestRun, error: str | None = None) -> None:
    run.finished_at = utcnow()
    run.status = (RunStatus.FAILED if error else RunStatus.SUCCEEDED).value
    run.error = error


def last_run(session: Session, config_id: int) -> HarvestRun | None:
    return session.scalars(
        select(HarvestRun).where(HarvestRun.config_id == config_id).order_by(HarvestRun.id.desc())
    ).first()


def recent(session: Session, config_id: int, limit: int = 50) -> list[HarvestRun]:
    query = select(HarvestRun).where(HarvestRun.config_id == config_id)
    return list(session.scalars(query.order_by(HarvestRun.id.desc()).limit(limit)))


def is_due(config: ConnectorConfig, latest: HarvestRun | None, now: dt.datetime) -> bool:
    if not (config.enabled and config.schedule_minutes):
        return False
    if latest is None:
        return True
    return latest.started_at + dt.timedelta(minutes=config.schedule_minutes) <= now
