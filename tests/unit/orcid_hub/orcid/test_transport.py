"""Timeouts, retries with backoff, the rate limit and the call log, at the wire."""

from __future__ import annotations

import logging
import time

import pytest
import requests
import responses

from orcid_hub.config import OrcidSettings
from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.errors import (
    DeprecatedRecordError,
    DuplicateError,
    OrcidValidationError,
    RateLimitedError,
    ServerError,
)
from orcid_hub.orcid.ratelimit import TokenBucket

from .conftest import API, CLIENT_ID, ENDPOINTS, ORCID, SECRET, TOKEN, make_work

WORKS = f"{API}/{ORCID}/works"
EMPTY_WORKS = (
    b'<activities:works xmlns:activities="http://www.orcid.org/ns/activities"'
    b' xmlns:common="http://www.orcid.org/ns/common"/>'
)


def test_every_call_has_the_configured_timeout_and_no_redirects(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    wire.get(WORKS, body=EMPTY_WORKS)
    client.api.read_works(ORCID, TOKEN)
    kwargs = wire.calls[0].request.req_kwargs  # type: ignore[attr-defined]  # added by responses
    assert kwargs["timeout"] == 2.0
    # A 301 (merged record) is reported, never followed with the Bearer token attached.
    wire.get(WORKS, status=301, headers={"Location": "https://elsewhere.example/x"})
    with pytest.raises(DeprecatedRecordError):
        client.api.read_works(ORCID, TOKEN)
    assert len(wire.calls) == 2


def test_503_is_retried_until_it_succeeds(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    wire.get(WORKS, status=503)
    wire.get(WORKS, status=500)
    wire.get(WORKS, body=EMPTY_WORKS)
    assert client.api.read_works(ORCID, TOKEN).groups == ()
    assert len(wire.calls) == 3


def test_retries_are_bounded(wire: responses.RequestsMock, client: OrcidClient) -> None:
    wire.get(WORKS, status=503)
    with pytest.raises(ServerError) as caught:
        client.api.read_works(ORCID, TOKEN)
    assert caught.value.status == 503
    assert len(wire.calls) == 1 + client.transport.max_retries


@pytest.mark.parametrize(
    ("status", "error"),
    [(400, OrcidValidationError), (409, DuplicateError)],
)
def test_4xx_is_never_retried(
    wire: responses.RequestsMock,
    client: OrcidClient,
    status: int,
    error: type[Exception],
) -> None:
    body = (
        b'<error:error xmlns:error="http://www.orcid.org/ns/error">'
        b"<error:response-code>%d</error:response-code>"
        b"<error:developer-message>no</error:developer-message>"
        b"<error:error-code>%d</error:error-code></error:error>"
    ) % (status, 9021 if status == 409 else 9020)
    wire.post(f"{API}/{ORCID}/work", body=body, status=status)
    with pytest.raises(error):
        client.api.create_work(ORCID, TOKEN, make_work())
    assert len(wire.calls) == 1


def test_connection_errors_are_retried(wire: responses.RequestsMock, client: OrcidClient) -> None:
    wire.post(f"{API}/{ORCID}/work", body=requests.ConnectionError("refused"))
    wire.post(f"{API}/{ORCID}/work", status=201, headers={"Location": f"/{ORCID}/work/3"})
    assert client.api.create_work(ORCID, TOKEN, make_work()) == 3
    assert len(wire.calls) == 2


def test_a_read_timeout_on_post_is_not_repeated(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    # ORCID may have created the work; a second POST would make a duplicate.
    wire.post(f"{API}/{ORCID}/work", body=requests.ReadTimeout("slow"))
    with pytest.raises(ServerError, match="ReadTimeout"):
        client.api.create_work(ORCID, TOKEN, make_work())
    assert len(wire.calls) == 1


def test_a_read_timeout_on_get_is_retried(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    wire.get(WORKS, body=requests.ReadTimeout("slow"))
    wire.get(WORKS, body=EMPTY_WORKS)
    client.api.read_works(ORCID, TOKEN)
    assert len(wire.calls) == 2


def test_backoff_grows_and_is_jittered() -> None:
    client = OrcidClient(ENDPOINTS, CLIENT_ID, SECRET, limiter=TokenBucket(0, 1))
    delays = [client.transport._backoff(attempt, None) for attempt in range(4)]
    for attempt, delay in enumerate(delays):
        ceiling = 0.5 * 2**attempt
        assert ceiling / 2 <= delay <= ceiling
    client.close()


def test_rate_limit_paces_calls(wire: responses.RequestsMock) -> None:
    wire.get(WORKS, body=EMPTY_WORKS)
    settings = OrcidSettings(rate_per_second=50, burst=2, timeout_seconds=2)
    limiter = TokenBucket(settings.rate_per_second, settings.burst)
    with OrcidClient(ENDPOINTS, CLIENT_ID, SECRET, settings, limiter=limiter) as client:
        started = time.monotonic()
        for _ in range(7):
            client.api.read_works(ORCID, TOKEN)
        elapsed = time.monotonic() - started
    # Two calls from the burst, five more at 50/s: at least 0.1 s.
    assert elapsed >= 0.095
    assert len(wire.calls) == 7


def test_rate_limit_gives_up_after_the_timeout(wire: responses.RequestsMock) -> None:
    wire.get(WORKS, body=EMPTY_WORKS)
    settings = OrcidSettings(rate_per_second=0.5, burst=1, timeout_seconds=0.05)
    limiter = TokenBucket(settings.rate_per_second, settings.burst)
    with OrcidClient(ENDPOINTS, CLIENT_ID, SECRET, settings, limiter=limiter) as client:
        client.api.read_works(ORCID, TOKEN)
        with pytest.raises(RateLimitedError, match="no request slot"):
            client.api.read_works(ORCID, TOKEN)
    assert len(wire.calls) == 1


def test_call_log_has_method_path_status_and_time_but_no_token_or_body(
    wire: responses.RequestsMock, client: OrcidClient, caplog: pytest.LogCaptureFixture
) -> None:
    wire.post(f"{API}/{ORCID}/work", status=503)
    wire.post(f"{API}/{ORCID}/work", status=201, headers={"Location": f"/{ORCID}/work/3"})
    caplog.set_level(logging.DEBUG)
    work = make_work()
    client.api.create_work(ORCID, TOKEN, work)
    lines = [r.getMessage() for r in caplog.records if r.name == "orcid_hub.orcid.calls"]
    assert len(lines) == 2
    assert lines[0].startswith(f"POST /v3.0/{ORCID}/work -> 503 in ")
    assert lines[1].startswith(f"POST /v3.0/{ORCID}/work -> 201 in ")
    assert lines[1].endswith("ms (attempt 2)")
    everything = "\n".join(r.getMessage() for r in caplog.records)
    assert TOKEN not in everything
    assert SECRET not in everything
    assert work.title not in everything
