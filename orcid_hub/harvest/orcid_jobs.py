"""Reading works from ORCID and pushing them to the CRIS: the boundary that commits.

A pull is a harvest run of the institution's ORCID source (see
:mod:`orcid_hub.harvest.orcid_works`), under the same lease, so it shows on the
Connectors tab with its counts and failures (its "pages" are the researchers
read, a failure names the researcher's iD). It commits after each researcher:
a stopped pull keeps what it read, and the next one skips what is unchanged.
After the pull, every enabled push connector of the institution gets its own
run that sends the works it has not delivered yet (counted as added) and deletes
at the CRIS those deleted since (counted as deleted).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from flask import Flask
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from connectors import ConnectorError
from orcid_hub import db
from orcid_hub.harvest import cris_push, jobs, matching, orcid_pull, orcid_works, runs
from orcid_hub.harvest.models import HarvestRun, RunFailure
from orcid_hub.institutions.models import Institution, OrcidCredentials
from orcid_hub.linking import services as linking
from orcid_hub.linking.models import OrcidToken
from orcid_hub.orcid import errors
from orcid_hub.orcid.client import OrcidClient

log = logging.getLogger(__name__)

REVOKED = "the researcher withdrew the hub's access at ORCID; the link is marked revoked"


def begin(app: Flask, institution_id: int, trigger: str = "manual") -> jobs.Started:
    """Create the ORCID source if needed, take its lease, and open a run (committed)."""
    maker = db.database(app).sessionmaker
    with maker() as session:
        try:
            config = orcid_works.config_for(session, institution_id)
            session.commit()  # the lease is taken on a committed row
        except IntegrityError:
            # Two first pulls at once: the other one created the source (same label).
            session.rollback()
            config = orcid_works.config_for(session, institution_id)
        if not runs.acquire(session, config.id):
            session.rollback()
            raise jobs.AlreadyRunning(f"works of institution {institution_id} are being read")
        run = runs.start(session, config, trigger, full=False)
        session.commit()
        return jobs.Started(run.id, config.id)


def _fail(run: HarvestRun, orcid: str, message: str) -> None:
    run.failed += 1
    run.failures.append(RunFailure(local_id=orcid, message=message[:2000]))


def _pull(app: Flask, maker: sessionmaker[Session], run_id: int) -> None:
    with maker() as session:
        run = session.get(HarvestRun, run_id)
        assert run is not None
        institution = run.config.institution
        token_ids = [t.id for t in orcid_pull.readable_tokens(session, institution.id)]
        people = matching.PeopleIndex.load(session, institution.id)
        client: OrcidClient | None = None
        if token_ids:  # an institution nobody linked with needs no credentials
            with app.app_context():
                client = linking.institution_client(institution)
    if client is not None:
        with client:
            for token_id in token_ids:
                _pull_one(maker, run_id, token_id, client, people)
    with maker() as session:
        # After the loop: links found revoked during this run count as gone too.
        run = session.get(HarvestRun, run_id)
        assert run is not None
        orcid_pull.retire_unlinked(session, run.config, run, people)
        session.commit()


def _pull_one(
    maker: sessionmaker[Session],
    run_id: int,
    token_id: int,
    client: OrcidClient,
    people: matching.PeopleIndex,
) -> None:
    with maker() as session:
        run = session.get(HarvestRun, run_id)
        token = session.get(OrcidToken, token_id)
        assert run is not None and token is not None
        orcid = token.orcid
        try:
            orcid_pull.pull_person(session, run.config, run, token, client, people)
        except errors.InvalidTokenError:
            session.rollback()  # nothing of this person was stored; keep it so
            linking.mark_revoked(token)
            _fail(run, orcid, REVOKED)
        except errors.OrcidError as exc:
            session.rollback()
            log.warning("reading the works of %s failed: %s", orcid, exc)
            _fail(run, orcid, str(exc))
        runs.renew(session, run.config_id)
        session.commit()


def _close(maker: sessionmaker[Session], run_id: int, error: str | None) -> None:
    with maker() as session:
        run = session.get(HarvestRun, run_id)
        assert run is not None
        runs.finish(session, run, error)
        runs.release(session, run.config_id)
        session.commit()


def _guarded(maker: sessionmaker[Session], run_id: int, work: Callable[[], None]) -> None:
    """Run ``work()``; whatever happens, the run is finished and its lease released."""
    error: str | None = None
    try:
        work()
    except (errors.OrcidError, linking.LinkError, ConnectorError) as exc:
        error = str(exc)
        log.warning("run %s stopped: %s", run_id, exc)
    except Exception as exc:  # the run row must say it failed, whatever broke
        error = f"{type(exc).__name__}: {exc}"
        log.exception("run %s crashed", run_id)
    except BaseException:
        error = "interrupted"
        raise
    finally:
        _close(maker, run_id, error)


def _push(app: Flask, maker: sessionmaker[Session], push_id: int, source_id: int) -> int | None:
    try:
        started = jobs.begin(app, push_id, "orcid")
    except jobs.AlreadyRunning:
        return None

    def deliver() -> None:
        with maker() as session:
            run = session.get(HarvestRun, started.run_id)
            assert run is not None
            connector = cris_push.build(run.config)
            work_ids = cris_push.pending(session, run.config, source_id)
            gone = cris_push.retractions(session, run.config)
        for work_id in work_ids:
            with maker() as session:
                run = session.get(HarvestRun, started.run_id)
                assert run is not None
                cris_push.push_one(session, connector, run.config, work_id, run)
                runs.renew(session, run.config_id)
                session.commit()
        for push_row in gone:
            with maker() as session:
                run = session.get(HarvestRun, started.run_id)
                assert run is not None
                cris_push.retract_one(session, connector, push_row, run)
                runs.renew(session, run.config_id)
                session.commit()

    _guarded(maker, started.run_id, deliver)
    return started.run_id


def carry_on(app: Flask, run_id: int) -> list[int]:
    """Pull into the run ``begin`` opened, then push; the ids of the push runs."""
    maker = db.database(app).sessionmaker
    _guarded(maker, run_id, lambda: _pull(app, maker, run_id))
    with maker() as session:
        run = session.get(HarvestRun, run_id)
        assert run is not None
        source_id, institution_id = run.config_id, run.config.institution_id
        push_ids = [c.id for c in cris_push.push_configs(session, institution_id)]
    pushed = [_push(app, maker, push_id, source_id) for push_id in push_ids]
    return [i for i in pushed if i is not None]


def start(app: Flask, run_id: int) -> None:
    """Carry on as "run now" of a connector does: in a thread, unless the app runs inline."""
    if jobs.runner(app) is jobs.run_inline:  # tests (and anyone who asked for inline runs)
        carry_on(app, run_id)
        return
    thread = threading.Thread(
        target=carry_on, args=(app, run_id), name=f"orcid-pull-{run_id}", daemon=True
    )
    thread.start()


def pull_all(app: Flask, trigger: str = "schedule") -> list[int]:
    """Pull (and push) every institution with ORCID credentials and linked researchers."""
    maker = db.database(app).sessionmaker
    linked = (
        select(OrcidToken.id)
        .where(OrcidToken.institution_id == Institution.id, OrcidToken.revoked_at.is_(None))
        .exists()
    )
    with maker() as session:
        query = select(Institution.id).join(OrcidCredentials).where(linked)
        ids = list(session.scalars(query.order_by(Institution.id)))
    done = []
    for institution_id in ids:
        try:
            started = begin(app, institution_id, trigger)
        except jobs.AlreadyRunning:
            continue
        carry_on(app, started.run_id)
        done.append(started.run_id)
    return done
