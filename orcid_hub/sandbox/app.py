"""The sandbox's app factory: a standalone Flask app that plays ORCID for the hub."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask, Response, request

from orcid_hub.sandbox import (
    api,
    faults,
    notifications,
    oauth,
    oidc,
    person,
    public_page,
    webhooks,
)
from orcid_hub.sandbox.access import Unauthenticated
from orcid_hub.sandbox.errors import ApiError, NotAcceptable, TokenError, error_response, negotiate
from orcid_hub.sandbox.faults import RateLimiter
from orcid_hub.sandbox.seed import Seed, load_seed
from orcid_hub.sandbox.store import SandboxState
from orcid_hub.sandbox.validation import Schemas

TEMPLATES = Path(__file__).resolve().parent / "templates"


def create_sandbox_app(
    seed: Seed | str | Path | None = None,
    schema_dir: str | Path | None = None,
    *,
    webhook_delay: float = 2.0,
    webhook_retry_delay: float = 1.0,
    webhook_max_attempts: int = 5,
    rate: float = 24.0,
    burst: int = 40,
    rate_limit: bool = True,
    start_dispatcher: bool = True,
) -> Flask:
    """A sandbox app. ``seed`` is a :class:`Seed`, a TOML path, or None for the demo seed;
    ``schema_dir`` holds ORCID's XSDs (``record_3.0/…``), None for semantic checks only."""
    app = Flask(__name__, template_folder=str(TEMPLATES))
    app.secret_key = secrets.token_hex(32)  # sandbox sign-in cookies need not survive restarts
    # Browsers share cookies across ports of one host: the hub on :5000 and the sandbox
    # on :8089 would overwrite each other's "session" cookie.
    app.config["SESSION_COOKIE_NAME"] = "orcid_sandbox_session"
    app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024  # a bulk of 100 full works fits
    app.url_map.merge_slashes = False  # a webhook callback path holds "https%3A%2F%2F…"
    state = SandboxState(seed if isinstance(seed, Seed) else load_seed(seed))
    app.extensions["orcid_sandbox"] = state
    app.extensions["orcid_sandbox_schemas"] = Schemas(schema_dir)
    app.extensions["orcid_sandbox_limiter"] = RateLimiter(rate, burst, rate_limit)
    app.extensions["orcid_sandbox_oidc_key"] = oidc.new_key()
    app.config["SANDBOX_WEBHOOK_DELAY"] = webhook_delay
    dispatcher = webhooks.Dispatcher(state, webhook_retry_delay, webhook_max_attempts)
    app.extensions["orcid_sandbox_dispatcher"] = dispatcher
    if start_dispatcher:
        dispatcher.start()

    app.before_request(faults.before_request)
    app.register_blueprint(oauth.bp)
    app.register_blueprint(oidc.bp)
    app.register_blueprint(faults.bp)
    app.register_blueprint(api.make_blueprint(public=False), url_prefix="/v3.0")
    app.register_blueprint(notifications.bp, url_prefix="/v3.0")
    app.register_blueprint(person.make_blueprint(public=False), url_prefix="/v3.0")
    app.register_blueprint(person.make_blueprint(public=True), url_prefix="/pub/v3.0")
    app.register_blueprint(api.make_blueprint(public=True), url_prefix="/pub/v3.0")
    app.register_blueprint(webhooks.bp)
    app.register_blueprint(public_page.bp)
    _register_errors(app)
    return app


def _media_type() -> str:
    try:
        return negotiate(request)
    except NotAcceptable:
        return "application/vnd.orcid+xml"


def _register_errors(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(error: ApiError) -> Response:
        return error_response(error, _media_type())

    @app.errorhandler(TokenError)
    def token_error(error: TokenError) -> Response:
        return error.response()

    @app.errorhandler(Unauthenticated)
    def unauthenticated(error: Unauthenticated) -> Response:
        return error.response()

    @app.errorhandler(NotAcceptable)
    def not_acceptable(error: NotAcceptable) -> Response:
        return Response(f"Not acceptable: {error}", status=406, mimetype="text/plain")
