"""Rate limiting, injected failures and the ``/_sandbox`` admin endpoints."""

from __future__ import annotations

import math
import re
import threading
import time
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from orcid_hub.sandbox import notifications
from orcid_hub.sandbox.codec import local
from orcid_hub.sandbox.errors import ApiError, NotAcceptable, error_response, negotiate
from orcid_hub.sandbox.store import SandboxState

bp = Blueprint("sandbox_admin", __name__, url_prefix="/_sandbox")

_RECORD_PATH = re.compile(r"^/(?:pub/)?(?:v3\.0/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])(?=/|$)")
_SERVICE_UNAVAILABLE = (
    "<html><head><title>503 Service Temporarily Unavailable</title></head><body>"
    "<center><h1>503 Service Temporarily Unavailable</h1></center></body></html>"
)


@dataclass
class RateLimiter:
    """A token bucket per client: ``rate`` requests a second, ``burst`` at once, then 503.

    A request that arrives at most ``max_delay`` seconds before its token is due waits
    for it instead of getting a 503: ORCID queues early requests rather than refusing
    them, so a client that paces itself at ORCID's rate is not refused there for
    arriving a few milliseconds early (network jitter between its clock and ORCID's).
    """

    rate: float = 24.0
    burst: int = 40
    enabled: bool = True
    max_delay: float = 0.025

    def __post_init__(self) -> None:
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()
        self._configured = (self.rate, self.burst, self.enabled)

    def allow(self, key: str) -> bool:
        if not self.enabled:
            return True
        now = time.monotonic()
        with self._lock:
            level, last = self._buckets.get(key, (float(self.burst), now))
            level = min(float(self.burst), level + (now - last) * self.rate)
            wait = 0.0
            if level < 1:
                wait = (1 - level) / self.rate if self.rate > 0 else math.inf
            if wait > self.max_delay:
                self._buckets[key] = (level, now)
                return False
            # The token is reserved now (the level may go below zero), taken after the wait.
            self._buckets[key] = (level - 1, now)
        if wait > 0:
            time.sleep(wait)
        return True

    def reset(self, *, reconfigure: bool = False) -> None:
        """Empty the buckets; ``reconfigure`` also restores the start-up settings."""
        with self._lock:
            self._buckets.clear()
            if reconfigure:
                self.rate, self.burst, self.enabled = self._configured


def _state() -> SandboxState:
    found: SandboxState = current_app.extensions["orcid_sandbox"]
    return found


def _limiter() -> RateLimiter:
    found: RateLimiter = current_app.extensions["orcid_sandbox_limiter"]
    return found


def _media_type() -> str:
    try:
        return negotiate(request)
    except NotAcceptable:
        return "application/vnd.orcid+xml"


def _client_key(state: SandboxState) -> str:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        token = state.tokens.get(value.strip())
        if token is not None:
            return token.client_id
    return request.form.get("client_id") or request.remote_addr or "anonymous"


def before_request() -> Response | None:
    """Apply injected faults and the rate limit to everything but the admin endpoints."""
    if request.path.startswith("/_sandbox") or request.path.startswith("/oauth/authorize"):
        return None
    state = _state()
    with state.lock:
        storms: list[dict[str, Any]] = state.faults.setdefault("storms", [])
        storm = next((s for s in storms if request.path.startswith(s["path_prefix"])), None)
        if storm is not None:
            storm["remaining"] -= 1
            if storm["remaining"] <= 0:
                storms.remove(storm)
        key = _client_key(state)
    if storm is not None and storm["status"] == 503:
        return Response(_SERVICE_UNAVAILABLE, status=503, mimetype="text/html")
    if storm is not None:
        error = ApiError(500, 9008, "Injected server error", "Something went wrong in ORCID.")
        return error_response(error, _media_type())
    if not _limiter().allow(key):
        return Response(_SERVICE_UNAVAILABLE, status=503, mimetype="text/html")
    match = _RECORD_PATH.match(request.path)
    if match is None:
        return None
    orcid = match.group(1)
    status = state.user_status(orcid)
    if status.deprecated_to:
        error = ApiError(
            301,
            9007,
            f"The ORCID record {orcid} is deprecated; it was merged into {status.deprecated_to}.",
            f"This record was merged into {status.deprecated_to}.",
            {"Location": request.url.replace(orcid, status.deprecated_to)},
        )
    elif status.deactivated:
        error = ApiError(409, 9044, f"The ORCID record {orcid} is deactivated.")
    elif status.locked:
        error = ApiError(409, 9018, f"The ORCID record {orcid} is locked by ORCID.")
    else:
        return None
    return error_response(error, _media_type())


@bp.post("/reset")
def reset() -> Response:
    _state().reset()
    _limiter().reset(reconfigure=True)
    return Response(b"", status=204)


@bp.post("/faults")
def inject() -> Response:
    """``{"fault": "503"|"500", "count": N, "path_prefix": "/v3.0"}``, ``{"fault":
    "locked"|"deactivated", "orcid": …}``, ``{"fault": "deprecated", "orcid": …, "primary":
    …}``, ``{"fault": "rate_limit", "enabled": …, "rate": …, "burst": …}``, ``{"fault":
    "works_limit", "limit": N}`` (instead of 10,000), ``{"fault": "notifications_off", "orcid":
    …}``, ``{"fault": "clear"}``."""
    data: dict[str, Any] = request.get_json(force=True, silent=True) or {}
    fault = str(data.get("fault", ""))
    state = _state()
    with state.lock:
        if fault in ("503", "500"):
            state.faults.setdefault("storms", []).append(
                {
                    "status": int(fault),
                    "remaining": int(data.get("count", 1)),
                    "path_prefix": str(data.get("path_prefix", "/")),
                }
            )
        elif fault in ("locked", "deactivated", "deprecated", "notifications_off"):
            status = state.user_status(str(data.get("orcid", "")))
            if fault == "deprecated":
                status.deprecated_to = str(data["primary"])
            else:
                setattr(status, fault, bool(data.get("on", True)))
        elif fault == "rate_limit":
            limiter = _limiter()
            limiter.enabled = bool(data.get("enabled", True))
            limiter.rate = float(data.get("rate", limiter.rate))
            limiter.burst = int(data.get("burst", limiter.burst))
            limiter.reset()
        elif fault == "works_limit":
            state.faults["works_limit"] = int(data["limit"])
        elif fault == "clear":
            state.faults.clear()
            state.status.clear()
        else:
            return jsonify({"error": f"unknown fault {fault!r}"}), 400  # type: ignore[return-value]
    return Response(b"", status=204)


@bp.post("/users/<orcid>/revoke")
def revoke_user(orcid: str) -> Response:
    """The user removes the client (or every client) from their trusted organisations."""
    data: dict[str, Any] = request.get_json(force=True, silent=True) or {}
    count = _state().revoke_user_tokens(orcid, data.get("client_id"))
    return jsonify({"revoked": count})


@bp.post("/users/<orcid>/notifications/<int:put_code>/read")
def read_notification(orcid: str, put_code: int) -> Response:
    """The user opens a permission notification in their ORCID inbox."""
    if not notifications.mark_read(_state(), orcid, put_code):
        return jsonify({"error": "no such notification"}), 404  # type: ignore[return-value]
    return Response(b"", status=204)


@bp.get("/records/<orcid>")
def inspect_record(orcid: str) -> Response:
    state = _state()
    with state.lock:
        items = [
            {
                "kind": i.kind,
                "put_code": i.put_code,
                "source": i.client_id,
                "visibility": i.visibility,
                "fields": sorted({local(c) for c in i.element if isinstance(c.tag, str)}),
            }
            for i in state.items_of(orcid)
        ]
        tokens = [
            {"client_id": t.client_id, "scope": " ".join(sorted(t.scopes))}
            for t in state.tokens.values()
            if t.orcid == orcid
        ]
        hooks = [h.url for h in state.webhooks.values() if h.orcid == orcid]
        notes = [
            {"put_code": n.put_code, "source": n.client_id, "read": n.read is not None}
            for n in state.notifications.values()
            if n.orcid == orcid
        ]
    return jsonify(
        {
            "orcid": orcid,
            "items": items,
            "tokens": tokens,
            "webhooks": hooks,
            "notifications": notes,
        }
    )


@bp.get("/deliveries")
def deliveries() -> Response:
    with _state().lock:
        return jsonify(list(_state().deliveries))
