"""``orcid-hub sandbox``: serve the local ORCID sandbox (no hub settings needed)."""

from __future__ import annotations

import click
from werkzeug.serving import run_simple

from orcid_hub.config import SandboxSettings
from orcid_hub.sandbox.app import create_sandbox_app
from orcid_hub.sandbox.seed import SeedError
from orcid_hub.sandbox.validation import SchemaDirError

_DEFAULTS = SandboxSettings()


@click.command("sandbox")
@click.option("--host", default=_DEFAULTS.host, show_default=True, help="Address to listen on.")
@click.option("--port", default=_DEFAULTS.port, show_default=True, help="Port to listen on.")
@click.option(
    "--seed",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="TOML file of users and clients (default: the demo people and institutions).",
)
@click.option(
    "--schema-dir",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Folder with ORCID's XSDs (record_3.0/, common_3.0/) to validate incoming XML.",
)
@click.option(
    "--webhook-delay", default=5.0, show_default=True, help="Seconds before a webhook call."
)
@click.option("--no-rate-limit", is_flag=True, help="Do not answer 503 above 24 requests/s.")
def sandbox_command(
    host: str,
    port: int,
    seed: str | None,
    schema_dir: str | None,
    webhook_delay: float,
    no_rate_limit: bool,
) -> None:
    """Serve a local stand-in for sandbox.orcid.org on http://HOST:PORT.

    OAuth at /oauth/*, the Member API at /v3.0, the Public API at /pub/v3.0, webhooks
    at /{orcid}/webhook/{url}, and test controls at /_sandbox/*.
    """
    try:
        app = create_sandbox_app(
            seed, schema_dir, webhook_delay=webhook_delay, rate_limit=not no_rate_limit
        )
    except (SeedError, SchemaDirError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Local ORCID sandbox on http://{host}:{port}/ (stop with Ctrl+C)")
    for client in app.extensions["orcid_sandbox"].seed.clients:
        click.echo(f"  client {client.client_id}  {client.name}")
    run_simple(host, port, app, threaded=True, use_reloader=False)
