"""Pytest fixtures that serve the local ORCID sandbox over real HTTP on loopback.

``orcid_sandbox`` (session) starts it once; ``sandbox`` (per test) resets its state
first. ``webhook_receiver`` is a loopback server that records the callbacks it gets.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

from orcid_hub.sandbox import create_sandbox_app
from orcid_hub.sandbox.seed import SandboxClient, SandboxUser, Seed

TEST_CLIENT = "APP-TESTCLIENT000001"
OTHER_CLIENT = "APP-TESTCLIENT000002"
WRITE_SCOPES = "/read-limited /activities/update"


def _serve(app: Any) -> tuple[BaseWSGIServer, threading.Thread]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="loopback-server", daemon=True)
    thread.start()
    return server, thread


@dataclass
class SandboxServer:
    """A running sandbox and helpers that drive it the way a client or a user would."""

    base_url: str
    seed: Seed
    app: Any
    http: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.http.trust_env = False  # loopback only: never through a proxy

    @property
    def users(self) -> tuple[SandboxUser, ...]:
        return self.seed.users

    @property
    def clients(self) -> tuple[SandboxClient, ...]:
        return self.seed.clients

    def client(self, client_id: str = TEST_CLIENT) -> SandboxClient:
        found = self.seed.client(client_id)
        assert found is not None, client_id
        return found

    def user(self, orcid: str) -> SandboxUser:
        found = self.seed.user(orcid)
        assert found is not None, orcid
        return found

    def url(self, path: str) -> str:
        return self.base_url + path

    def reset(self) -> None:
        self.http.post(self.url("/_sandbox/reset"), timeout=5).raise_for_status()

    def inject(self, fault: str, **params: Any) -> None:
        """See ``orcid_hub.sandbox.faults.inject`` for the faults and their parameters."""
        response = self.http.post(
            self.url("/_sandbox/faults"), json={"fault": fault, **params}, timeout=5
        )
        response.raise_for_status()

    def revoke_user_tokens(self, orcid: str, client_id: str | None = None) -> int:
        body = {"client_id": client_id} if client_id else {}
        response = self.http.post(self.url(f"/_sandbox/users/{orcid}/revoke"), json=body, timeout=5)
        response.raise_for_status()
        count: int = response.json()["revoked"]
        return count

    def inspect(self, orcid: str) -> dict[str, Any]:
        found: dict[str, Any] = self.http.get(
            self.url(f"/_sandbox/records/{orcid}"), timeout=5
        ).json()
        return found

    def deliveries(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.http.get(
            self.url("/_sandbox/deliveries"), timeout=5
        ).json()
        return found

    def authorize(
        self,
        client_id: str = TEST_CLIENT,
        scopes: str = WRITE_SCOPES,
        redirect_uri: str = "http://127.0.0.1/callback",
        state: str = "state-1",
        orcid: str | None = None,
        *,
        decision: str = "approve",
        password: str | None = None,
        browser: requests.Session | None = None,
    ) -> dict[str, str]:
        """Sign in as ``orcid``, submit ``decision`` on the consent page; the redirect query."""
        orcid = orcid or self.users[0].orcid
        http = browser or requests.Session()
        http.trust_env = False
        params = {
            "client_id": client_id,
            "response_type": "code",
            "scope": scopes,
            "redirect_uri": redirect_uri,
            "state": state,
        }
        form = {
            **params,
            "orcid": orcid,
            "password": self.user(orcid).password if password is None else password,
            "decision": decision,
        }
        response = http.post(
            self.url("/oauth/authorize"), data=form, allow_redirects=False, timeout=5
        )
        assert response.status_code == 302, (response.status_code, response.text[:500])
        return dict(parse_qsl(urlsplit(response.headers["Location"]).query))

    def exchange(
        self, code: str, client_id: str = TEST_CLIENT, redirect_uri: str | None = None
    ) -> requests.Response:
        data = {
            "client_id": client_id,
            "client_secret": self.client(client_id).secret,
            "grant_type": "authorization_code",
            "code": code,
        }
        if redirect_uri:
            data["redirect_uri"] = redirect_uri
        return self.http.post(
            self.url("/oauth/token"), data=data, headers={"Accept": "application/json"}, timeout=5
        )

    def user_token(
        self, orcid: str | None = None, scopes: str = WRITE_SCOPES, client_id: str = TEST_CLIENT
    ) -> dict[str, Any]:
        """The token response of a whole 3-legged flow for ``orcid``."""
        query = self.authorize(client_id, scopes, orcid=orcid)
        response = self.exchange(query["code"], client_id)
        response.raise_for_status()
        token: dict[str, Any] = response.json()
        return token

    def client_token(self, scope: str = "/read-public", client_id: str = TEST_CLIENT) -> str:
        response = self.http.post(
            self.url("/oauth/token"),
            data={
                "client_id": client_id,
                "client_secret": self.client(client_id).secret,
                "grant_type": "client_credentials",
                "scope": scope,
            },
            timeout=5,
        )
        response.raise_for_status()
        access: str = response.json()["access_token"]
        return access


@pytest.fixture(scope="session")
def orcid_sandbox(fixtures_dir: Path) -> Iterator[SandboxServer]:
    app = create_sandbox_app(
        schema_dir=fixtures_dir / "orcid-model",
        webhook_delay=0.2,
        webhook_retry_delay=0.1,
        webhook_max_attempts=3,
        rate_limit=False,
    )
    server, thread = _serve(app)
    running = SandboxServer(
        f"http://127.0.0.1:{server.server_port}", app.extensions["orcid_sandbox"].seed, app
    )
    try:
        yield running
    finally:
        app.extensions["orcid_sandbox_dispatcher"].stop()
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        running.http.close()


@pytest.fixture
def sandbox(orcid_sandbox: SandboxServer) -> SandboxServer:
    """The session's sandbox with fresh state (no tokens, items, webhooks or faults)."""
    orcid_sandbox.reset()  # also restores the rate limit to off, as the server started
    return orcid_sandbox


@dataclass
class WebhookReceiver:
    """A loopback endpoint that records POSTs and answers with the queued statuses."""

    base_url: str
    calls: list[tuple[str, bytes]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_for(self, count: int, timeout: float = 5.0) -> list[tuple[str, bytes]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.calls) >= count:
                    return list(self.calls)
            time.sleep(0.02)
        with self.lock:
            return list(self.calls)


@pytest.fixture(scope="session")
def _webhook_server() -> Iterator[WebhookReceiver]:
    holder: list[WebhookReceiver] = []

    @Request.application
    def app(request: Request) -> Response:
        receiver = holder[0]
        with receiver.lock:
            receiver.calls.append((request.path, request.get_data()))
            status = receiver.statuses.pop(0) if receiver.statuses else 204
        return Response(b"", status=status)

    server, thread = _serve(app)
    holder.append(WebhookReceiver(f"http://127.0.0.1:{server.server_port}"))
    try:
        yield holder[0]
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


@pytest.fixture
def webhook_receiver(_webhook_server: WebhookReceiver) -> WebhookReceiver:
    with _webhook_server.lock:
        _webhook_server.calls.clear()
        _webhook_server.statuses.clear()
    return _webhook_server
