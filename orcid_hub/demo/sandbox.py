"""The demo runs the local ORCID sandbox beside the hub, in the same process."""

from __future__ import annotations

import threading

from werkzeug.serving import make_server

from orcid_hub.config import Settings
from orcid_hub.demo.data import INSTITUTIONS, PEOPLE


def start_sandbox(settings: Settings) -> str:
    """Serve the sandbox in a daemon thread; return its base URL."""
    from orcid_hub.sandbox.app import create_sandbox_app

    config = settings.sandbox
    app = create_sandbox_app(config.seed or None, config.schema_dir or None)
    server = make_server(config.host, config.port, app, threaded=True)
    threading.Thread(target=server.serve_forever, name="orcid-sandbox", daemon=True).start()
    return f"http://{config.host}:{config.port}"


def how_to_sign_in(hub_url: str) -> str:
    """What the person running the demo should open, and as whom to sign in."""
    lead = next(p for p in PEOPLE if p.consortium_lead)
    admins = [p for p in PEOPLE if p.role == "admin" and p.institution]
    names = {i.slug: i.name_lv for i in INSTITUTIONS}
    lines = [
        "",
        f"Open {hub_url}/ and choose 'Sign in with ORCID'. At the local ORCID sandbox,",
        "sign in as one of these demo people (password: demo):",
        f"  {lead.orcid}  {lead.name}: consortium lead",
    ]
    lines += [f"  {p.orcid}  {p.name}: admin of {names[p.institution or '']}" for p in admins]
    lines += [
        "Invitation e-mails are not sent: they are shown at " + hub_url + "/outbox.",
        "Stop with Ctrl+C.",
    ]
    return "\n".join(lines)
