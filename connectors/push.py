"""Push-to-CRIS: send works to an institution's HTTP endpoint as signed JSON.

Every request is a POST of ``{"operation": …, "remote_id": …, "work": …}``
with two headers the receiver checks before trusting the body:

* ``X-Hub-Timestamp``: Unix seconds when it was signed (reject old ones);
* ``X-Hub-Signature-256``: ``sha256=`` and the hex HMAC-SHA256, keyed with
  the shared secret, of ``"<timestamp>." + body``.

Operations are ``upsert`` (a receiver keys works on source + local id, so a
retried POST is harmless), ``delete`` and ``ping`` (the health check). The
receiver may answer ``{"id": "…"}`` with its own id for the work. An ``upsert``
may also carry ``"origin"``: where the hub got the work (for a work read from
ORCID, its put-code and who wrote the item there).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from connectors.base import Connector, PushResult, Setting, SettingType, SourceInfo
from connectors.errors import ProtocolError
from connectors.http import HttpClient
from connectors.records import Work, to_dict

__all__ = ["PushConnector", "sign", "verify"]

SIGNATURE_HEADER = "X-Hub-Signature-256"
TIMESTAMP_HEADER = "X-Hub-Timestamp"
# Retry server trouble and rate limits; a 4xx other than 429 will not get better.
RETRY = frozenset({429, 500, 502, 503, 504})


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def verify(
    secret: str, timestamp: str, body: bytes, signature: str, *, max_age: float = 300.0
) -> bool:
    """What a receiver does: a constant-time comparison and a freshness check."""
    try:
        fresh = abs(time.time() - float(timestamp)) <= max_age
    except ValueError:
        return False
    return fresh and hmac.compare_digest(sign(secret, timestamp, body), signature)


class PushConnector(Connector):
    key = "push-json"
    title = "Push works to a CRIS as signed JSON"
    can_harvest = False
    can_push = True
    settings = (
        Setting(
            "url", SettingType.URL, required=True, help="The CRIS endpoint that receives works"
        ),
        Setting("secret", required=True, secret=True, help="Shared secret for the HMAC signature"),
        Setting("timeout", SettingType.FLOAT, default=30.0, help="Seconds per request"),
        Setting("attempts", SettingType.INTEGER, default=4, help="Tries per push (bounded)"),
    )

    def __init__(self, config: Mapping[str, Any]) -> None:
        super().__init__(config)
        self.http = HttpClient(
            timeout=self.config["timeout"],
            attempts=self.config["attempts"],
            retry_statuses=RETRY,
            max_wait=60.0,
            follow_redirects=False,
        )

    def _send(self, payload: Mapping[str, Any]) -> PushResult:
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
        stamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            TIMESTAMP_HEADER: stamp,
            SIGNATURE_HEADER: sign(self.config["secret"], stamp, body),
        }
        response = self.http.post(self.config["url"], data=body, headers=headers)
        text = response.text
        remote = payload.get("remote_id")
        if text.strip():
            try:
                answer = json.loads(text)
            except ValueError as exc:
                raise ProtocolError(self.config["url"], f"answer is not JSON: {exc}") from exc
            if isinstance(answer, dict) and answer.get("id") is not None:
                remote = str(answer["id"])
        return PushResult(remote, response.status_code, text[:2000])

    def identify(self) -> SourceInfo:
        self._send({"operation": "ping"})
        return SourceInfo(name=urlsplit(self.config["url"]).netloc, base_url=self.config["url"])

    def push(
        self, work: Work, remote_id: str | None = None, *, origin: Mapping[str, Any] | None = None
    ) -> PushResult:
        """Upsert ``work``; ``origin`` (sent only when given) says where the hub got it,
        e.g. the ORCID put-code and the client that wrote the item."""
        payload: dict[str, Any] = {"operation": "upsert", "remote_id": remote_id}
        payload["work"] = to_dict(work)
        if origin is not None:
            payload["origin"] = dict(origin)
        return self._send(payload)

    def delete(self, remote_id: str) -> PushResult:
        return self._send({"operation": "delete", "remote_id": remote_id})
