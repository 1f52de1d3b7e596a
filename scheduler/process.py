"""The scheduler process: ``orcid-hub scheduler``. Never inside web workers."""

from __future__ import annotations

import logging
import threading

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask

from orcid_hub import db
from orcid_hub.config import Settings
from scheduler.catalogue import JOBS, Job, run_job
from scheduler.leader import Leadership

log = logging.getLogger(__name__)


def build(app: Flask, jobs: tuple[Job, ...] = JOBS) -> BackgroundScheduler:
    settings: Settings = app.config["SETTINGS"]
    scheduler = BackgroundScheduler(timezone="UTC")
    for job in jobs:
        scheduler.add_job(
            run_job,
            IntervalTrigger(seconds=job.every_seconds(settings)),
            args=(app, job),
            id=job.id,
            name=job.description,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
    return scheduler


def run_once(app: Flask, jobs: tuple[Job, ...] = JOBS) -> None:
    for job in jobs:
        run_job(app, job)


def serve(app: Flask, stop: threading.Event, *, standby_poll: float | None = None) -> None:
    """Wait to become the active scheduler, then run jobs until ``stop`` is set."""
    settings: Settings = app.config["SETTINGS"]
    poll = settings.scheduler.standby_poll_seconds if standby_poll is None else standby_poll
    leadership = Leadership(db.database(app).engine, settings.instance_dir)
    announced = False
    while not leadership.try_acquire():
        if not announced:
            log.info("Another scheduler is active; waiting as a standby")
            announced = True
        if stop.wait(poll):
            return
    log.info("This scheduler is active: %s", ", ".join(job.id for job in JOBS))
    scheduler = build(app)
    scheduler.start()
    try:
        stop.wait()
    finally:
        scheduler.shutdown(wait=True)
        leadership.release()
