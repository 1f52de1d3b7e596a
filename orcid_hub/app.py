"""The application factory. Nothing is built at import time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from flask import Flask

from orcid_hub.config import Settings


def create_app(config: Settings | Mapping[str, Any]) -> Flask:
    """Build the web app from settings (or a mapping validated into settings)."""
    settings = config if isinstance(config, Settings) else Settings.from_mapping(config)
    app = Flask(
        "orcid_hub",
        instance_path=str(settings.instance_dir),
        instance_relative_config=False,
        static_folder="static",
        template_folder="templates",
    )
    app.config.update(
        SETTINGS=settings,
        SECRET_KEY=settings.app.secret_key,
        # Its own name: the local ORCID sandbox runs on the same host (another port),
        # and browsers share cookies across ports.
        SESSION_COOKIE_NAME="orcid_hub_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.app.session_cookie_secure,
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=settings.app.session_lifetime_hours),
    )

    from orcid_hub import crypto, db
    from orcid_hub.accounts import views as accounts
    from orcid_hub.audit import services as audit
    from orcid_hub.consortium import views as consortium
    from orcid_hub.harvest import views as harvest
    from orcid_hub.institutions import views as institutions
    from orcid_hub.invitations import views as invitations
    from orcid_hub.linking import views as linking
    from orcid_hub.oai import views as oai
    from orcid_hub.web import views as web

    crypto.configure(settings.security.encryption_keys)
    db.init_app(app)
    audit.install()
    web.init_app(app)
    accounts.init_app(app)
    consortium.init_app(app)
    linking.init_app(app)
    institutions.init_app(app)
    harvest.init_app(app)
    invitations.init_app(app)
    oai.init_app(app)
    return app
