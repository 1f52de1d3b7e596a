"""One HTTP call to ORCID: rate limit, timeout, retries, the call log, typed errors.

Retries follow what is safe to repeat. 500/502/503/504 and connection
failures are retried with exponential backoff and jitter, up to
``max_retries`` times; a 4xx never is (the same request would fail the same
way). A *read* timeout on a POST is not retried: ORCID may have created the
item, and a second POST would make a duplicate; the caller's outbox retries
later and ORCID's 409/9021 then names the existing put-code.

The call log (logger ``orcid_hub.orcid.calls``) records method, path, status
and milliseconds. It never records a query string, header or body, which is
where tokens, secrets and personal data travel.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Collection, Mapping
from urllib.parse import urlsplit

import requests

from orcid_hub.config import OrcidSettings
from orcid_hub.orcid.errors import RateLimitedError, ServerError, error_from_response
from orcid_hub.orcid.ratelimit import TokenBucket, bucket_for

call_log = logging.getLogger("orcid_hub.orcid.calls")

RETRY_STATUSES = frozenset({500, 502, 503, 504})
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
MAX_BACKOFF_SECONDS = 30.0


class Transport:
    """Sends requests for one ORCID client id; safe to share between threads."""

    def __init__(
        self,
        client_id: str,
        settings: OrcidSettings,
        *,
        session: requests.Session | None = None,
        limiter: TokenBucket | None = None,
        backoff_seconds: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client_id = client_id
        self.timeout = settings.timeout_seconds
        self.max_retries = max(0, settings.max_retries)
        self.limiter = limiter or bucket_for(client_id, settings.rate_per_second, settings.burst)
        self.backoff_seconds = backoff_seconds
        self.session = session or requests.Session()
        self._sleep = sleep

    def close(self) -> None:
        self.session.close()

    def _backoff(self, attempt: int, response: requests.Response | None) -> float:
        retry_after = response.headers.get("Retry-After") if response is not None else None
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), MAX_BACKOFF_SECONDS)
        ceiling = min(self.backoff_seconds * 2.0**attempt, MAX_BACKOFF_SECONDS)
        # Jitter spreads workers that failed together so they do not retry together.
        jitter: float = random.random()  # noqa: S311  (spreading retries, not security)
        return ceiling * (0.5 + jitter / 2)

    def request(
        self,
        method: str,
        url: str,
        *,
        token: str | None = None,
        headers: Mapping[str, str] | None = None,
        data: bytes | Mapping[str, str] | None = None,
        retry_statuses: Collection[int] = RETRY_STATUSES,
    ) -> requests.Response:
        """Send, retrying what is safe; return a 2xx response or raise an ``OrcidError``."""
        all_headers = dict(headers or {})
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        path = urlsplit(url).path
        attempt = 0
        while True:
            if not self.limiter.acquire(max_wait=self.timeout):
                raise RateLimitedError(
                    f"no request slot within {self.timeout:g} s for client {self.client_id}"
                )
            started = time.monotonic()
            response: requests.Response | None = None
            try:
                response = self.session.request(
                    method,
                    url,
                    headers=all_headers,
                    data=data,
                    timeout=self.timeout,
                    allow_redirects=False,
                )
            except requests.RequestException as exc:
                elapsed = (time.monotonic() - started) * 1000
                call_log.warning(
                    "%s %s -> %s after %.0f ms (attempt %d)",
                    method,
                    path,
                    type(exc).__name__,
                    elapsed,
                    attempt + 1,
                )
                # A refused or reset connection; a read timeout is not one.
                unsent = isinstance(exc, requests.ConnectionError)
                if attempt < self.max_retries and (unsent or method in IDEMPOTENT):
                    self._sleep(self._backoff(attempt, None))
                    attempt += 1
                    continue
                raise ServerError(
                    f"no answer from ORCID for {method} {path}: {type(exc).__name__}"
                ) from None
            elapsed = (time.monotonic() - started) * 1000
            status = response.status_code
            level = logging.INFO if status < 400 else logging.WARNING
            call_log.log(
                level,
                "%s %s -> %d in %.0f ms (attempt %d)",
                method,
                path,
                status,
                elapsed,
                attempt + 1,
            )
            if 200 <= status < 300:
                return response
            if status in retry_statuses and attempt < self.max_retries:
                self._sleep(self._backoff(attempt, response))
                attempt += 1
                continue
            raise error_from_response(response)
