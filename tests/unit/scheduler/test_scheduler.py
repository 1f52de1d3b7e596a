from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub import db
from orcid_hub.harvest.models import HarvestRun
from orcid_hub.linking.models import OrcidToken
from scheduler import catalogue, process
from scheduler.leader import Leadership
from tests import factories
from tests.sandbox_server import SandboxServer


def test_only_one_scheduler_is_active(app: Flask, tmp_path: Path) -> None:
    engine = db.database(app).engine
    first, second = Leadership(engine, tmp_path), Leadership(engine, tmp_path)
    assert first.try_acquire()
    try:
        assert not second.try_acquire()
    finally:
        first.release()
    assert second.try_acquire()
    second.release()


def test_a_standby_takes_over_when_the_active_one_stops(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    settings = app.config["SETTINGS"]
    holder = Leadership(db.database(app).engine, settings.instance_dir)
    assert holder.try_acquire()
    stop = threading.Event()
    caplog.set_level(logging.INFO, logger="scheduler.process")
    standby = threading.Thread(
        target=process.serve, args=(app, stop), kwargs={"standby_poll": 0.05}
    )
    standby.start()
    try:
        time.sleep(0.3)
        assert "waiting as a standby" in caplog.text
        assert "This scheduler is active" not in caplog.text
        holder.release()
        deadline = time.monotonic() + 5
        while "This scheduler is active" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "This scheduler is active" in caplog.text
    finally:
        stop.set()
        standby.join(timeout=10)
    assert not standby.is_alive()


def test_jobs_are_declared_with_intervals_from_settings(app: Flask) -> None:
    scheduler = process.build(app)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"harvest-due", "check-tokens", "pull-orcid"}
    assert jobs["check-tokens"].trigger.interval.total_seconds() == 24 * 3600
    assert jobs["pull-orcid"].trigger.interval.total_seconds() == 24 * 3600
    assert all(job.max_instances == 1 for job in jobs.values())


def test_token_check_marks_tokens_revoked_at_orcid(
    app: Flask, db_session: Session, sandbox: SandboxServer
) -> None:
    lu = factories.institution(db_session)
    person = factories.person(db_session, "Anna Ozoliņa", "0009-0000-0000-0033")
    granted = sandbox.user_token("0009-0000-0000-0033")
    db_session.add(
        OrcidToken(
            person=person,
            institution=lu,
            orcid=person.orcid or "",
            scopes=granted["scope"],
            access_token=granted["access_token"],
        )
    )
    db_session.commit()
    sandbox.revoke_user_tokens("0009-0000-0000-0033")
    outcome = catalogue.check_tokens(app)
    assert outcome == "1 token(s) checked, 1 revoked at ORCID"
    db_session.expire_all()
    assert db_session.scalars(select(OrcidToken)).one().revoked_at is not None


def test_the_orcid_pull_job_reads_every_institution_with_linked_researchers(
    app: Flask, db_session: Session, sandbox: SandboxServer
) -> None:
    lu = factories.institution(db_session)
    factories.institution(db_session, "rtu", name_lv="RTU", name_en="RTU")  # nobody linked
    person = factories.person(db_session, "Anna Ozoliņa", "0009-0000-0000-0033")
    granted = sandbox.user_token("0009-0000-0000-0033")
    db_session.add(
        OrcidToken(
            person=person,
            institution=lu,
            orcid=person.orcid or "",
            scopes=granted["scope"],
            access_token=granted["access_token"],
        )
    )
    db_session.commit()
    assert catalogue.pull_orcid(app) == "works read from ORCID for 1 institution(s)"
    db_session.expire_all()
    run = db_session.scalars(select(HarvestRun)).one()
    assert (run.trigger, run.status, run.config.institution_id) == ("schedule", "succeeded", lu.id)


def test_a_failing_job_is_logged_and_does_not_stop_the_others(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_app: Flask) -> str:
        raise RuntimeError("CRIS unreachable")

    ran: list[str] = []
    jobs = (
        catalogue.Job("broken", "fails", lambda s: 60, broken),
        catalogue.Job("fine", "works", lambda s: 60, lambda _app: ran.append("fine") or "ok"),
    )
    process.run_once(app, jobs)
    assert ran == ["fine"]
    assert "Job broken failed" in caplog.text and "CRIS unreachable" in caplog.text
