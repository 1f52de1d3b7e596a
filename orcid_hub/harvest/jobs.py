"""Harvest runs: the boundary that commits, once per page with its checkpoint.

``begin`` takes the connector's lease and creates the run row (committed, so a
page can show it at once); ``carry_on`` harvests, in the caller's thread or a
background one. A run killed between pages resumes at the next run from the
last committed checkpoint, and re-applying a page is harmless (upserts).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from connectors import Checkpoint, ConnectorError, Person, Tombstone, Work
from orcid_hub import db
from orcid_hub.db import utcnow
from orcid_hub.harvest import matching, runs, services, store
from orcid_hub.harvest.models import ConnectorConfig, HarvestRun

log = logging.getLogger(__name__)

Runner = Callable[[Flask, int], None]
BATCH = 500  # records stored per transaction when the source has not checkpointed


class AlreadyRunning(RuntimeError):
    """Another run of this connector holds its lease."""


@dataclass(frozen=True)
class Started:
    run_id: int
    config_id: int


def begin(app: Flask, config_id: int, trigger: str = "manual", *, full: bool = False) -> Started:
    maker = db.database(app).sessionmaker
    with maker() as session:
        if not runs.acquire(session, config_id):
            session.rollback()
            raise AlreadyRunning(f"connector {config_id} is already harvesting")
        config = session.get(ConnectorConfig, config_id)
        assert config is not None
        run = runs.start(session, config, trigger, full=full)
        session.commit()
        return Started(run.id, config_id)


def _store(
    maker: sessionmaker[Session],
    run_id: int,
    page: list[Work | Person | Tombstone],
    checkpoint: Checkpoint | None,
    people: matching.PeopleIndex,
) -> None:
    with maker() as session:
        run = session.get(HarvestRun, run_id)
        assert run is not None
        store.store_page(session, run.config, run, page, people)
        run.pages += 1
        if checkpoint is not None:
            runs.save_checkpoint(session, run.config_id, checkpoint)
        runs.renew(session, run.config_id)
        session.commit()


def _harvest(maker: sessionmaker[Session], run_id: int) -> None:
    with maker() as session:
        run = session.get(HarvestRun, run_id)
        assert run is not None
        config_id = run.config_id
        institution_id = run.config.institution_id
        people = matching.PeopleIndex.load(session, institution_id, config_id)
        checkpoint = runs.checkpoint_of(run.config)
        connector = services.build(run.config)
    page: list[Work | Person | Tombstone] = []
    for item in connector.harvest(checkpoint=checkpoint):
        if isinstance(item, Checkpoint):
            _store(maker, run_id, page, item, people)
            page = []
        else:
            page.append(item)
            if len(page) >= BATCH:
                # A source that checkpoints rarely must not pile up in memory; storing
                # early is safe, as a resumed run re-applies these as no-ops.
                _store(maker, run_id, page, None, people)
                page = []
    if page:
        _store(maker, run_id, page, None, people)
    with maker() as session:
        # Reloaded: people the source listed after their works (CERIF sends persons
        # last) and researchers who linked during the run are known now.
        people = matching.PeopleIndex.load(session, institution_id, config_id)
        rematched = store.rematch(session, config_id, people)
        run = session.get(HarvestRun, run_id)
        assert run is not None
        run.changed += rematched
        session.commit()


def carry_on(app: Flask, run_id: int) -> None:
    """Harvest into the run ``begin`` created; always finishes it and releases the lease."""
    maker = db.database(app).sessionmaker
    error: str | None = None
    try:
        _harvest(maker, run_id)
    except ConnectorError as exc:
        error = str(exc)
        log.warning("harvest run %s stopped: %s", run_id, exc)
    except Exception as exc:  # the run row must say it failed, whatever broke
        error = f"{type(exc).__name__}: {exc}"
        log.exception("harvest run %s crashed", run_id)
    except BaseException:  # Ctrl+C or a stop signal: the next run resumes from the checkpoint
        error = "interrupted"
        raise
    finally:
        with maker() as session:
            run = session.get(HarvestRun, run_id)
            assert run is not None
            runs.finish(session, run, error)
            runs.release(session, run.config_id)
            session.commit()


def run_inline(app: Flask, run_id: int) -> None:
    carry_on(app, run_id)


def run_in_thread(app: Flask, run_id: int) -> None:
    thread = threading.Thread(
        target=carry_on, args=(app, run_id), name=f"harvest-{run_id}", daemon=True
    )
    thread.start()


def runner(app: Flask) -> Runner:
    """How "run now" harvests: a background thread, unless the app says otherwise."""
    chosen: Runner = app.extensions.get("harvest.runner", run_in_thread)
    return chosen


def run_due(app: Flask) -> list[int]:
    """Start every enabled connector whose schedule says it is due; run ids, in turn."""
    maker = db.database(app).sessionmaker
    now = utcnow()
    with maker() as session:
        due = [
            config.id
            for config in session.scalars(select(ConnectorConfig).order_by(ConnectorConfig.id))
            if runs.is_due(config, runs.last_run(session, config.id), now)
        ]
    done = []
    for config_id in due:
        try:
            started = begin(app, config_id, "schedule")
        except AlreadyRunning:
            continue
        carry_on(app, started.run_id)
        done.append(started.run_id)
    return done
