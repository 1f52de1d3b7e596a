"""``orcid-hub scheduler``: the one process that triggers harvests and checks."""

from __future__ import annotations

import signal
import threading

import click
from flask.cli import ScriptInfo, pass_script_info

from scheduler import process
from scheduler.catalogue import JOBS


@click.command("scheduler")
@click.option("--once", is_flag=True, help="Run every job once now and exit.")
@click.option("--list", "list_jobs", is_flag=True, help="List the jobs and their intervals.")
@pass_script_info
def scheduler_command(info: ScriptInfo, once: bool, list_jobs: bool) -> None:
    """Run the scheduler: harvests on their schedules, token checks, snapshots.

    Run one per deployment (more are safe: only one is active, the others wait).
    """
    app = info.load_app()
    settings = app.config["SETTINGS"]
    if list_jobs:
        for job in JOBS:
            click.echo(
                f"{job.id:14} every {job.every_seconds(settings):>8.0f} s  {job.description}"
            )
        return
    if once:
        process.run_once(app)
        return
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    process.serve(app, stop)
