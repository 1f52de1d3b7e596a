"""The job catalogue: each job is an id, an interval from settings, and a thin body.

A body takes the Flask app, calls one service and commits; it never runs twice at
once (``max_instances=1``), and a run that was missed while the process was down
runs once when it comes back (``coalesce``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask

from orcid_hub.config import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    id: str
    description: str
    every_seconds: Callable[[Settings], float]
    run: Callable[[Flask], str]


def harvest_due(app: Flask) -> str:
    from orcid_hub.harvest import jobs

    runs = jobs.run_due(app)
    return f"{len(runs)} harvest run(s)"


def pull_orcid(app: Flask) -> str:
    from orcid_hub.harvest import orcid_jobs

    runs = orcid_jobs.pull_all(app)
    return f"works read from ORCID for {len(runs)} institution(s)"


def check_tokens(app: Flask) -> str:
    from orcid_hub import db
    from orcid_hub.linking import services

    with app.app_context(), db.transaction(app) as session:
        checked, revoked = services.check_all_tokens(session)
    return f"{checked} token(s) checked, {revoked} revoked at ORCID"


JOBS: tuple[Job, ...] = (
    Job(
        "harvest-due",
        "Harvest every enabled connector whose schedule is due",
        lambda s: s.scheduler.harvest_every_minutes * 60,
        harvest_due,
    ),
    Job(
        "check-tokens",
        "Ask ORCID whether each researcher still grants access; mark revoked tokens",
        lambda s: s.scheduler.token_check_every_hours * 3600,
        check_tokens,
    ),
    Job(
        "pull-orcid",
        "Read linked researchers' works from ORCID into the store; push new ones to the CRIS",
        lambda s: s.scheduler.orcid_pull_every_hours * 3600,
        pull_orcid,
    ),
)


def run_job(app: Flask, job: Job) -> None:
    """Run one job, logging the outcome; a failing job never stops the scheduler."""
    try:
        outcome = job.run(app)
    except Exception:  # one broken job must not take the others down; the log has it
        log.exception("Job %s failed", job.id)
        return
    log.info("Job %s: %s", job.id, outcome)
