"""A token bucket per ORCID client id, shared by every thread of the process.

ORCID limits each client (24 req/s, burst 40 on the Member API) and answers
503 beyond the burst. Pacing ourselves costs a short wait; hitting the limit
costs a retry with backoff. Workers on other machines each hold their own
bucket, so the configured rate is per process: divide ORCID's rate by the
number of worker processes in the configuration.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class TokenBucket:
    """``rate`` tokens per second, holding at most ``burst``; ``rate <= 0`` means unlimited."""

    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.rate = float(rate)
        self.burst = max(1, int(burst))
        self._clock = clock
        self._sleep = sleep
        self._tokens = float(self.burst)
        self._updated = clock()
        self._lock = threading.Lock()

    @property
    def unlimited(self) -> bool:
        return self.rate <= 0

    def _refill(self, now: float) -> None:
        self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.rate)
        self._updated = now

    def try_acquire(self) -> bool:
        """Take a token if one is there now; never waits."""
        if self.unlimited:
            return True
        with self._lock:
            self._refill(self._clock())
            if self._tokens >= 1:
                self._tokens -= 1
                return True
            return False

    def acquire(self, max_wait: float) -> bool:
        """Take a token, waiting at most ``max_wait`` seconds; False if none came in time.

        Waiters reserve their token by driving the count negative, so the
        bucket stays fair under contention: a thread that arrives later waits
        longer, and nobody spins.
        """
        if self.unlimited:
            return True
        with self._lock:
            now = self._clock()
            self._refill(now)
            wait = 0.0 if self._tokens >= 1 else (1 - self._tokens) / self.rate
            if wait > max_wait:
                return False
            self._tokens -= 1
        if wait > 0:
            self._sleep(wait)
        return True


_buckets: dict[str, TokenBucket] = {}
_buckets_lock = threading.Lock()


def bucket_for(client_id: str, rate: float, burst: int) -> TokenBucket:
    """The process-wide bucket of ``client_id``; created on first use.

    A later call with other figures replaces the limits but keeps one bucket, so
    a configuration reload does not let two buckets double the rate.
    """
    with _buckets_lock:
        bucket = _buckets.get(client_id)
        if bucket is None:
            bucket = _buckets[client_id] = TokenBucket(rate, burst)
        elif bucket.rate != rate or bucket.burst != burst:
            with bucket._lock:
                bucket.rate = float(rate)
                bucket.burst = max(1, int(burst))
                bucket._tokens = min(bucket._tokens, bucket.burst)
        return bucket
