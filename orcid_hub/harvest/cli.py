"""``orcid-hub connectors list|add|test|run|pull-orcid``: the connector pages, from a shell."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import ScriptInfo, pass_script_info
from sqlalchemy import select

from connectors import ConnectorError
from orcid_hub.audit.services import Actor, acting_as
from orcid_hub.db import transaction
from orcid_hub.harvest import jobs, orcid_jobs, runs, services
from orcid_hub.harvest.models import ConnectorConfig, HarvestRun
from orcid_hub.institutions.models import Institution

SHOWN_FAILURES = 20


def _app(info: ScriptInfo) -> Flask:
    from orcid_hub import cli  # the main group imports this module; import it late

    return cli._app(info)


@click.group("connectors")
def connectors_group() -> None:
    """Connectors to institutional CRIS and repositories, and their harvests."""


@connectors_group.command("list")
@click.option("--institution", "slug", help="Only this institution (its short name).")
@pass_script_info
def list_command(info: ScriptInfo, slug: str | None) -> None:
    """Configured connectors, with their last run; then the connector types available."""
    app = _app(info)
    with transaction(app) as session:
        query = select(ConnectorConfig, Institution.slug).join(Institution)
        if slug:
            query = query.where(Institution.slug == slug)
        for config, inst in session.execute(query.order_by(Institution.slug, ConnectorConfig.id)):
            last = runs.last_run(session, config.id)
            state = f"{last.status} {last.started_at:%Y-%m-%d %H:%M}" if last else "never run"
            every = f"every {config.schedule_minutes} min" if config.schedule_minutes else "by hand"
            flag = "" if config.enabled else " (disabled)"
            click.echo(
                f"{config.id}\t{inst}\t{config.connector}\t{config.label}{flag}\t{every}\t{state}"
            )
    click.echo("\nConnector types:")
    for name, cls in services.connector_types().items():
        secret = [s.name for s in cls.settings if s.secret]
        names = ", ".join(s.name + ("*" if s.required else "") for s in cls.settings)
        click.echo(
            f"  {name}: {cls.title}\n    settings: {names}"
            + (f" (secret: {', '.join(secret)})" if secret else "")
        )


@connectors_group.command("add")
@click.argument("slug")
@click.argument("connector")
@click.argument("label")
@click.option("--set", "pairs", multiple=True, metavar="NAME=VALUE", help="A setting (repeat).")
@click.option("--schedule", "schedule", type=int, help="Harvest every this many minutes.")
@click.option("--disabled", is_flag=True, help="Add it switched off.")
@pass_script_info
def add_command(
    info: ScriptInfo,
    slug: str,
    connector: str,
    label: str,
    pairs: tuple[str, ...],
    schedule: int | None,
    disabled: bool,
) -> None:
    """Add CONNECTOR (a registered type) to institution SLUG as LABEL.

    Secret settings not given with --set are asked for without echo, so they stay
    out of the shell history.
    """
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--set")
        values[name.strip()] = value
    cls = services.connector_types().get(connector)
    if cls is None:
        raise click.BadParameter(f"unknown connector {connector!r}", param_hint="CONNECTOR")
    unknown = set(values) - {s.name for s in cls.settings}
    if unknown:
        raise click.BadParameter(f"unknown setting(s) {', '.join(sorted(unknown))}")
    for setting in cls.settings:
        if setting.secret and setting.required and not values.get(setting.name):
            values[setting.name] = click.prompt(setting.name, hide_input=True)
    app = _app(info)
    with acting_as(Actor("cli")), transaction(app) as session:
        inst = session.scalars(select(Institution).where(Institution.slug == slug)).first()
        if inst is None:
            raise click.BadParameter(f"no institution {slug!r}", param_hint="SLUG")
        try:
            config = services.create_config(
                session,
                inst.id,
                connector,
                label,
                values,
                schedule_minutes=schedule,
                enabled=not disabled,
            )
        except services.InvalidSettings as exc:
            raise click.ClickException(f"not added: {exc}") from None
        session.flush()
        click.echo(f"Added connector {config.id} ({connector}) to {slug} as {label!r}.")


@connectors_group.command("test")
@click.argument("config_id", type=int)
@pass_script_info
def test_command(info: ScriptInfo, config_id: int) -> None:
    """Contact the remote system of connector CONFIG_ID and describe it."""
    app = _app(info)
    with transaction(app) as session:
        config = session.get(ConnectorConfig, config_id)
        if config is None:
            raise click.BadParameter(f"no connector {config_id}", param_hint="CONFIG_ID")
        try:
            source = services.check_connection(config)
        except ConnectorError as exc:
            raise click.ClickException(f"connection failed: {exc}") from None
    click.echo(f"Connected: {source.name}")
    for key, value in (("base URL", source.base_url), ("formats", ", ".join(source.formats))):
        if value:
            click.echo(f"  {key}: {value}")


@connectors_group.command("run")
@click.argument("config_id", type=int, required=False)
@click.option("--full", is_flag=True, help="Start from the beginning, not the last checkpoint.")
@click.option("--due", is_flag=True, help="Run every connector whose schedule is due (cron).")
@pass_script_info
def run_command(info: ScriptInfo, config_id: int | None, full: bool, due: bool) -> None:
    """Harvest connector CONFIG_ID now (or, with --due, every connector that is due)."""
    if (config_id is None) == (not due):
        raise click.UsageError("give a CONFIG_ID or --due, not both")
    app = _app(info)
    if due:
        run_ids = jobs.run_due(app)
    else:
        with transaction(app) as session:
            config = session.get(ConnectorConfig, config_id)
            if config is None:
                raise click.BadParameter(f"no connector {config_id}", param_hint="CONFIG_ID")
            if config.connector == services.ORCID_SOURCE:
                raise click.ClickException("works are read from ORCID with `pull-orcid SLUG`")
        assert config_id is not None
        try:
            started = jobs.begin(app, config_id, "cli", full=full)
        except jobs.AlreadyRunning as exc:
            raise click.ClickException(str(exc)) from None
        jobs.carry_on(app, started.run_id)
        run_ids = [started.run_id]
    if not run_ids:
        click.echo("No connector is due.")
    _report(app, run_ids)


def _report(app: Flask, run_ids: list[int]) -> None:
    """Print each run's outcome; exit 1 if one did not succeed."""
    failed = False
    with transaction(app) as session:
        for run_id in run_ids:
            run = session.get(HarvestRun, run_id)
            assert run is not None
            click.echo(
                f"Run {run.id} of connector {run.config_id}: {run.status}; added {run.added}, "
                f"changed {run.changed}, deleted {run.deleted}, failed {run.failed}"
                + (f"\n  error: {run.error}" if run.error else "")
            )
            for failure in run.failures[:SHOWN_FAILURES]:
                click.echo(f"  failed {failure.local_id}: {failure.message}")
            if len(run.failures) > SHOWN_FAILURES:
                click.echo(f"  … {len(run.failures) - SHOWN_FAILURES} more on the run's page")
            failed = failed or run.status != "succeeded"
    if failed:
        raise SystemExit(1)


@connectors_group.command("pull-orcid")
@click.argument("slug")
@pass_script_info
def pull_orcid_command(info: ScriptInfo, slug: str) -> None:
    """Read the works of institution SLUG's linked researchers from ORCID, then push them
    to its enabled push connectors."""
    app = _app(info)
    with transaction(app) as session:
        inst = session.scalars(select(Institution).where(Institution.slug == slug)).first()
        if inst is None:
            raise click.BadParameter(f"no institution {slug!r}", param_hint="SLUG")
        institution_id = inst.id
    with acting_as(Actor("cli")):  # the audit trail names the CLI for revoked links
        try:
            started = orcid_jobs.begin(app, institution_id, "cli")
        except jobs.AlreadyRunning as exc:
            raise click.ClickException(str(exc)) from None
        push_runs = orcid_jobs.carry_on(app, started.run_id)
    _report(app, [started.run_id, *push_runs])
