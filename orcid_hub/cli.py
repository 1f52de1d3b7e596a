"""The ``orcid-hub`` command, built on Flask's click integration."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click
from flask import Flask
from flask.cli import FlaskGroup, ScriptInfo, pass_script_info
from sqlalchemy.engine import make_url
from werkzeug.serving import run_simple

import orcid_hub
from orcid_hub import crypto, db, demo, keys, log, migrate
from orcid_hub.accounts import services as accounts
from orcid_hub.audit.services import Actor, acting_as
from orcid_hub.config import CONFIG_ENV, ConfigError, Settings, load_settings
from orcid_hub.db import transaction
from orcid_hub.orcid import ids

INSTANCE_CONFIG = Path("instance") / "config.toml"


def _config_path(info: ScriptInfo) -> str | None:
    explicit = info.data.get("config")
    if explicit:
        return str(explicit)
    if os.environ.get(CONFIG_ENV):
        return os.environ[CONFIG_ENV]
    return str(INSTANCE_CONFIG) if INSTANCE_CONFIG.exists() else None


def load(info: ScriptInfo) -> Settings:
    try:
        settings = load_settings(_config_path(info))
    except ConfigError as exc:
        raise click.ClickException(
            f"{exc}\nA development setup is made by `orcid-hub demo`; see config.example.toml."
        ) from None
    log.configure(settings.logging)
    return settings


def _create_app() -> Flask:
    info = click.get_current_context().ensure_object(ScriptInfo)
    return orcid_hub.create_app(load(info))


@click.group(
    cls=FlaskGroup,
    create_app=_create_app,
    add_default_commands=False,
    add_version_option=False,
    load_dotenv=False,
    set_debug_flag=False,
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    help=f"TOML configuration file (default: ${CONFIG_ENV}, else {INSTANCE_CONFIG}).",
)
@click.version_option(orcid_hub.__version__, prog_name="orcid-hub")
@pass_script_info
def cli(info: ScriptInfo, config: str | None) -> None:
    """ORCID Hub of the Latvian national ORCID consortium.

    Settings come from defaults, then the TOML file, then ORCID_HUB_* environment
    variables (ORCID_HUB_DATABASE__URL sets database.url).
    """
    info.data["config"] = config


def _app(info: ScriptInfo) -> Flask:
    app: Flask = info.load_app()
    _dispose_on_exit(app)
    return app


def _dispose_on_exit(app: Flask) -> None:
    # A command's pooled connections are closed when it ends, not left to the GC.
    click.get_current_context().call_on_close(db.database(app).engine.dispose)


@cli.group("db", cls=click.Group)
def db_group() -> None:
    """Create and upgrade the database schema (Alembic migrations)."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
@pass_script_info
def db_upgrade(info: ScriptInfo, revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    settings = load(info)
    _ensure_instance(settings)
    migrate.upgrade(settings.database_url, revision)
    click.echo(f"Database at {_safe_url(settings.database_url)} is at {revision}.")


@db_group.command("downgrade")
@click.argument("revision")
@pass_script_info
def db_downgrade(info: ScriptInfo, revision: str) -> None:
    """Revert migrations down to REVISION ("base" empties the database)."""
    settings = load(info)
    migrate.downgrade(settings.database_url, revision)
    click.echo(f"Database is at {revision}.")


@cli.command("serve", with_appcontext=False)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, help="Port to listen on.")
@pass_script_info
def serve(info: ScriptInfo, host: str, port: int) -> None:
    """Serve the hub with the development server (use gunicorn in production)."""
    run_simple(host, port, _app(info), threaded=True, use_reloader=False)


@cli.command("generate-key", with_appcontext=False)
def generate_key() -> None:
    """Print a new encryption key for security.encryption_keys."""
    click.echo(crypto.generate_key())


@cli.command("rotate-key", with_appcontext=False)
@pass_script_info
def rotate_key(info: ScriptInfo) -> None:
    """Re-encrypt every stored secret under the first key of security.encryption_keys.

    Put the new key first in the list, keep the old ones after it, run this, then
    remove the old keys from the configuration.
    """
    app = _app(info)
    counts = keys.rotate_all(app)
    total = sum(counts.values())
    for column, count in sorted(counts.items()):
        click.echo(f"  {column}: {count}")
    click.echo(f"Re-encrypted {total} secret(s) under the first configured key.")


@cli.command("create-admin", with_appcontext=False)
@click.option(
    "--orcid", "orcid_id", required=True, help="The lead's ORCID iD (they sign in with it)."
)
@click.option("--name", required=True, help="Full name.")
@click.option("--email", default=None, help="E-mail address.")
@click.option("--operator", is_flag=True, help="Also make them a hub operator.")
@pass_script_info
def create_admin(
    info: ScriptInfo, orcid_id: str, name: str, email: str | None, operator: bool
) -> None:
    """Make a person consortium lead (created if the iD is new to the hub)."""
    try:
        orcid = ids.normalise(orcid_id)
    except ids.InvalidOrcidId as exc:
        raise click.BadParameter(str(exc), param_hint="--orcid") from None
    app = _app(info)
    with acting_as(Actor("cli")), transaction(app) as session:
        person = accounts.make_consortium_lead(session, orcid, name, email, operator=operator)
    click.echo(f"{person.name} ({orcid}) is consortium lead{' and operator' if operator else ''}.")


@cli.command("demo", with_appcontext=False)
@click.option("--seed-only", is_flag=True, help="Seed the database and exit without serving.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, help="Port to listen on.")
@pass_script_info
def demo_command(info: ScriptInfo, seed_only: bool, host: str, port: int) -> None:
    """Run a demo consortium: database, seed data, and the hub on http://HOST:PORT.

    On first use (no configuration anywhere) it writes instance/config.toml with
    freshly generated development keys, so that no credentials are needed.
    """
    if _config_path(info) is None:
        demo.write_development_config(INSTANCE_CONFIG)
        click.echo(f"Wrote development settings to {INSTANCE_CONFIG} (keys generated now).")
    settings = load(info)
    _ensure_instance(settings)
    migrate.upgrade(settings.database_url)
    app = orcid_hub.create_app(settings)
    _dispose_on_exit(app)
    with acting_as(Actor("demo")), transaction(app) as session:
        summary = demo.seed(session)
    click.echo(summary.describe())
    if demo.seed_harvest(app) is not None:
        click.echo(
            "Harvested the demo CRIS spreadsheet of Latvijas Universitāte:"
            " its works are on the institution's Connectors tab and at /oai/lu."
        )
    if seed_only:
        return
    if settings.orcid.environment == "local":
        sandbox_url = demo.start_sandbox(settings)
        click.echo(f"Local ORCID sandbox: {sandbox_url}/ (fake ORCID; every password is 'demo')")
    click.echo(demo.how_to_sign_in(f"http://{host}:{port}"))
    run_simple(host, port, app, threaded=True, use_reloader=False)


def _ensure_instance(settings: Settings) -> None:
    if settings.database_url.startswith("sqlite:///"):
        settings.instance_dir.mkdir(parents=True, exist_ok=True)


def _safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


from orcid_hub.harvest.cli import connectors_group  # noqa: E402  (after the group exists)
from orcid_hub.sandbox.cli import sandbox_command  # noqa: E402  (after the group exists)
from scheduler.cli import scheduler_command  # noqa: E402  (after the group exists)

cli.add_command(connectors_group)
cli.add_command(sandbox_command)
cli.add_command(scheduler_command)


def main(argv: list[str] | None = None) -> Any:
    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="orcid-hub")
