"""One small HTTP helper for every connector: timeouts, bounded retries, domain errors."""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import requests

from connectors.errors import ProtocolError, TransportError

__all__ = ["HttpClient", "parse_retry_after"]

log = logging.getLogger(__name__)

USER_AGENT = "orcid-hub-lv-connectors/1 (+https://orcid.lv)"
RETRY_STATUSES = frozenset({429, 502, 503, 504})


def parse_retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class HttpClient:
    """A ``requests`` session with a timeout on every call and bounded retries.

    Retries cover connection errors and 429/502/503/504; a Retry-After header
    is honoured up to ``max_wait`` seconds (a longer demand fails instead of
    stalling a worker). Anything else non-2xx raises :class:`TransportError`.
    """

    def __init__(
        self,
        *,
        timeout: float = 30.0,
        attempts: int = 4,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        headers: Mapping[str, str] | None = None,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        retry_statuses: frozenset[int] = RETRY_STATUSES,
        follow_redirects: bool = True,
    ) -> None:
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.max_wait = max_wait
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers.update(headers or {})
        self._sleep = sleep
        self.retry_statuses = retry_statuses
        # Off for clients that send a key in a custom header: requests drops
        # Authorization on a redirect to another host, but not "api-key".
        self.follow_redirects = follow_redirects

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout)
        kwargs.setdefault("allow_redirects", self.follow_redirects)
        where = f"{method} {url}"
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            try:
                response = self.session.request(method, url, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                if last:
                    raise TransportError(where, f"no answer: {exc}") from exc
                self._wait(where, self.backoff * 2 ** (attempt - 1), attempt)
                continue
            if response.status_code in self.retry_statuses and not last:
                default = self.backoff * 2 ** (attempt - 1)
                wait = parse_retry_after(response.headers.get("Retry-After"), default)
                if wait > self.max_wait:
                    response.close()
                    raise TransportError(
                        where, f"HTTP {response.status_code}, asked to wait {wait:.0f} s"
                    )
                response.close()
                self._wait(where, wait, attempt)
                continue
            if response.is_redirect and not self.follow_redirects:
                target = response.headers.get("Location", "?")
                response.close()
                raise TransportError(
                    where, f"redirected to {target}; not followed, update the URL", retryable=False
                )
            if response.status_code >= 400:
                body = response.text[:300] if not kwargs.get("stream") else ""
                response.close()
                raise TransportError(
                    where,
                    f"HTTP {response.status_code} {response.reason} {body}".strip(),
                    retryable=response.status_code in self.retry_statuses,
                )
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, where: str, seconds: float, attempt: int) -> None:
        log.info("%s: retry in %.1f s (attempt %d of %d)", where, seconds, attempt, self.attempts)
        self._sleep(seconds)

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", url, **kwargs)

    def json(self, method: str, url: str, **kwargs: Any) -> Any:
        """Send a request and decode a JSON answer, or raise a located ProtocolError."""
        response = self.request(method, url, **kwargs)
        try:
            return response.json()
        except ValueError as exc:
            raise ProtocolError(f"{method} {url}", f"answer is not JSON: {exc}") from exc
