"""Webhooks: registration on the API host and delayed, coalesced, retried callbacks."""

from __future__ import annotations

import logging
import threading
import time
from urllib.parse import unquote, urlsplit

import requests
from flask import Blueprint, Response, current_app, request

from orcid_hub.sandbox import access
from orcid_hub.sandbox.errors import ApiError
from orcid_hub.sandbox.store import SandboxState, Webhook

log = logging.getLogger(__name__)
bp = Blueprint("sandbox_webhooks", __name__)


def _state() -> SandboxState:
    found: SandboxState = current_app.extensions["orcid_sandbox"]
    return found


def _callback() -> str:
    """The callback from the raw request path: it arrives URL-encoded in one segment."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.path
    encoded = raw.split("?", 1)[0].split("/webhook/", 1)[1]
    url = unquote(encoded)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ApiError(400, 9012, f"The webhook callback {url!r} is not an http(s) URL")
    return url


def _webhook_token(orcid: str) -> str:
    token = access.bearer(request, _state())
    assert token is not None
    access.require_scope(token, access.WEBHOOK)
    if _state().user(orcid) is None:
        raise ApiError(404, 9016, f"ORCID iD {orcid} not found")
    return token.client_id


@bp.put("/<orcid>/webhook/<path:_callback_path>")
def register(orcid: str, _callback_path: str) -> Response:
    client_id = _webhook_token(orcid)
    url = _callback()
    state = _state()
    with state.lock:
        existing = state.webhooks.get((orcid, url))
        if existing is not None:
            return Response(b"", status=204)
        state.webhooks[(orcid, url)] = Webhook(orcid, url, client_id)
    return Response(b"", status=201, headers={"Location": request.url})


@bp.delete("/<orcid>/webhook/<path:_callback_path>")
def unregister(orcid: str, _callback_path: str) -> Response:
    client_id = _webhook_token(orcid)
    url = _callback()
    state = _state()
    with state.lock:
        existing = state.webhooks.get((orcid, url))
        if existing is None:
            raise ApiError(404, 9028, f"No webhook {url} on {orcid}")
        if existing.client_id != client_id:
            raise ApiError(403, 9010, "The webhook was registered by another client")
        del state.webhooks[(orcid, url)]
    return Response(b"", status=204)


def record_changed(state: SandboxState, orcid: str, delay: float) -> None:
    """Schedule a callback for each webhook on ``orcid``; changes inside the delay coalesce."""
    with state.lock:
        for hook in state.webhooks.values():
            if hook.orcid == orcid and hook.due_at is None:
                hook.due_at = time.time() + delay


class Dispatcher:
    """A daemon thread that POSTs due callbacks, retrying failures with doubling delays."""

    def __init__(
        self, state: SandboxState, retry_delay: float = 1.0, max_attempts: int = 5
    ) -> None:
        self.state = state
        self.retry_delay = retry_delay
        self.max_attempts = max_attempts
        self._stop = threading.Event()
        self._http = requests.Session()
        self._http.trust_env = False  # callbacks go straight to the hub, never via a proxy
        self._thread = threading.Thread(target=self._run, name="sandbox-webhooks", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self._http.close()

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.deliver_due()

    def deliver_due(self) -> None:
        now = time.time()
        with self.state.lock:
            due = [h for h in self.state.webhooks.values() if h.due_at and h.due_at <= now]
            for hook in due:
                hook.due_at = None
        for hook in due:
            self._deliver(hook)

    def _deliver(self, hook: Webhook) -> None:
        try:
            status = self._http.post(hook.url, data=b"", timeout=5).status_code
        except requests.RequestException as exc:
            log.info("Webhook %s failed: %s", hook.url, exc)
            status = 0
        with self.state.lock:
            self.state.deliveries.append(
                {"orcid": hook.orcid, "url": hook.url, "status": status, "at": time.time()}
            )
            if 200 <= status < 300:
                hook.attempts = 0
                return
            hook.attempts += 1
            if hook.attempts < self.max_attempts and hook.due_at is None:
                hook.due_at = time.time() + self.retry_delay * 2 ** (hook.attempts - 1)
            elif hook.attempts >= self.max_attempts:
                log.warning("Webhook %s gave up after %d attempts", hook.url, hook.attempts)
                hook.attempts = 0
