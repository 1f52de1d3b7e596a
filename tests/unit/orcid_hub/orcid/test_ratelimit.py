"""The token bucket: burst, refill, bounded waits, fairness across threads."""

from __future__ import annotations

import threading
import time

from orcid_hub.orcid.ratelimit import TokenBucket, bucket_for


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_burst_then_refill_at_the_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(10, 3, clock=clock, sleep=clock.sleep)
    assert [bucket.try_acquire() for _ in range(4)] == [True, True, True, False]
    clock.now += 0.11
    assert bucket.try_acquire() and not bucket.try_acquire()
    clock.now += 10  # a long idle never banks more than the burst
    assert sum(bucket.try_acquire() for _ in range(10)) == 3


def test_acquire_waits_for_the_next_token_and_queues_waiters() -> None:
    clock = FakeClock()
    bucket = TokenBucket(4, 1, clock=clock, sleep=clock.sleep)
    assert bucket.acquire(max_wait=1)
    assert bucket.acquire(max_wait=1)
    assert bucket.acquire(max_wait=1)
    assert clock.slept == [0.25, 0.25]


def test_acquire_gives_up_beyond_max_wait_without_taking_a_token() -> None:
    clock = FakeClock()
    bucket = TokenBucket(1, 1, clock=clock, sleep=clock.sleep)
    assert bucket.acquire(max_wait=0)
    assert not bucket.acquire(max_wait=0.5)
    assert clock.slept == []
    clock.now += 1
    assert bucket.try_acquire()


def test_zero_rate_is_unlimited() -> None:
    bucket = TokenBucket(0, 1)
    assert all(bucket.acquire(max_wait=0) for _ in range(1000))


def test_threads_share_one_rate() -> None:
    bucket = TokenBucket(rate=400, burst=5)
    started = time.monotonic()

    def work() -> None:
        for _ in range(10):
            assert bucket.acquire(max_wait=5)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # 60 tokens, 5 of them from the burst, the rest at 400/s: at least 0.1375 s.
    assert time.monotonic() - started >= 0.13


def test_one_bucket_per_client_id() -> None:
    first = bucket_for("APP-RATELIMIT-A", 24, 40)
    assert bucket_for("APP-RATELIMIT-A", 24, 40) is first
    assert bucket_for("APP-RATELIMIT-B", 24, 40) is not first
    again = bucket_for("APP-RATELIMIT-A", 12, 20)
    assert again is first and (first.rate, first.burst) == (12, 20)
