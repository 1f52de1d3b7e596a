"""Push to CRIS: works read from ORCID, sent once to each enabled push connector.

:class:`CrisPush` remembers every work a push connector was given: accepted
ones (``pushed_at``) are never sent again; failed ones keep the error and are
tried again at the next pull. A work the store confirmed to be the same as one
harvested from another source is not pushed (the CRIS already holds it), nor is
the later of two ORCID copies of one work. A pushed work deleted since (at ORCID,
or because its researcher is no longer linked) is deleted at the CRIS.
No commits here: the caller commits after each work, so a crash re-sends at
most one work, which the receiver's upsert by source and local id absorbs.
"""

from __future__ import annotations

from sqlalchemy import Exists, and_, exists, or_, select
from sqlalchemy.orm import QueryableAttribute, Session, aliased

from connectors import ConnectorError
from connectors.push import PushConnector
from orcid_hub.db import utcnow
from orcid_hub.harvest import orcid_works, services
from orcid_hub.harvest.models import (
    ConnectorConfig,
    CrisPush,
    DuplicateLink,
    HarvestRun,
    RunFailure,
    StoredWork,
)
from orcid_hub.oai.stored import work_from_dict

CONNECTOR = PushConnector.key


def push_configs(session: Session, institution_id: int) -> list[ConnectorConfig]:
    query = select(ConnectorConfig).where(
        ConnectorConfig.institution_id == institution_id,
        ConnectorConfig.connector == CONNECTOR,
        ConnectorConfig.enabled.is_(True),
    )
    return list(session.scalars(query.order_by(ConnectorConfig.id)))


def _not_for_the_cris(work_id: QueryableAttribute[int]) -> Exists:
    """The work needs no push: a confirmed duplicate of a live work the CRIS itself
    holds (another source), or the later copy of a live ORCID work (two co-authors'
    records list the same work: the earlier copy is the one pushed)."""
    other = aliased(StoredWork)
    other_config = aliased(ConnectorConfig)
    from_cris = other_config.connector != orcid_works.CONNECTOR
    return exists(
        select(DuplicateLink.id)
        .join(
            other,
            or_(
                and_(DuplicateLink.work_id == work_id, other.id == DuplicateLink.other_id),
                and_(DuplicateLink.other_id == work_id, other.id == DuplicateLink.work_id),
            ),
        )
        .join(other_config, other_config.id == other.config_id)
        .where(
            DuplicateLink.confirmed.is_(True),
            DuplicateLink.rejected.is_(False),
            other.deleted.is_(False),
            or_(from_cris, DuplicateLink.other_id == work_id),
        )
    )


def pending(session: Session, push: ConnectorConfig, source_id: int) -> list[int]:
    """Ids of live works of the ORCID source this push connector has not delivered yet."""
    delivered = exists(
        select(CrisPush.id).where(
            CrisPush.config_id == push.id,
            CrisPush.work_id == StoredWork.id,
            CrisPush.pushed_at.is_not(None),
        )
    )
    query = select(StoredWork.id).where(
        StoredWork.config_id == source_id,
        StoredWork.deleted.is_(False),
        ~delivered,
        ~_not_for_the_cris(StoredWork.id),
    )
    return list(session.scalars(query.order_by(StoredWork.id)))


def push_one(
    session: Session, connector: PushConnector, push: ConnectorConfig, work_id: int, run: HarvestRun
) -> bool:
    """Send one work; True when the CRIS accepted it. Failures are kept on the run and row."""
    work = session.get(StoredWork, work_id)
    assert work is not None
    row = session.scalars(
        select(CrisPush).where(CrisPush.config_id == push.id, CrisPush.work_id == work_id)
    ).first()
    if row is None:
        row = CrisPush(config_id=push.id, work_id=work_id, attempts=0)
        session.add(row)
    row.attempts += 1
    row.tried_at = utcnow()
    origin = work.record.get("orcid")
    try:
        result = connector.push(
            work_from_dict(work.record),
            row.remote_id,
            origin={"orcid": origin} if isinstance(origin, dict) else None,
        )
    except ConnectorError as exc:
        row.error = str(exc)[:2000]
        run.failed += 1
        run.failures.append(RunFailure(local_id=work.local_id, message=row.error))
        return False
    row.remote_id = result.remote_id
    row.pushed_at = utcnow()
    row.error = None
    run.added += 1
    return True


def retractions(session: Session, push: ConnectorConfig) -> list[int]:
    """Ids of :class:`CrisPush` rows of works the CRIS got that are deleted since."""
    query = (
        select(CrisPush.id)
        .join(StoredWork, StoredWork.id == CrisPush.work_id)
        .where(
            CrisPush.config_id == push.id,
            CrisPush.pushed_at.is_not(None),
            StoredWork.deleted.is_(True),
        )
    )
    return list(session.scalars(query.order_by(CrisPush.id)))


def retract_one(session: Session, connector: PushConnector, push_id: int, run: HarvestRun) -> bool:
    """Ask the CRIS to delete a work it got; on success the hub forgets the push, so
    the work is pushed again as new should it come back (a researcher who links again)."""
    row = session.get(CrisPush, push_id)
    assert row is not None
    work = session.get(StoredWork, row.work_id)
    assert work is not None
    row.attempts += 1
    row.tried_at = utcnow()
    try:
        # A CRIS that answered no id of its own keys works on the hub's local id.
        connector.delete(row.remote_id or work.local_id)
    except ConnectorError as exc:
        row.error = str(exc)[:2000]
        run.failed += 1
        run.failures.append(RunFailure(local_id=work.local_id, message=row.error))
        return False
    session.delete(row)
    run.deleted += 1
    return True


def build(push: ConnectorConfig) -> PushConnector:
    connector = services.build(push)
    assert isinstance(connector, PushConnector)
    return connector
