"""Retries, ORCID's rate limit and our own, seen in the client's call log."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.errors import DuplicateError, NotFoundError, ServerError
from orcid_hub.orcid.ratelimit import TokenBucket
from tests.integration.conftest import (
    REDIRECT_URI,
    TESS,
    WRITE,
    CallLog,
    LinkUser,
    consent,
    make_client,
    sandbox_settings,
    work,
)
from tests.sandbox_server import SandboxServer

RECORD = f"/v3.0/{TESS}/record"


def statuses(call_log: CallLog, method: str, path: str) -> list[str]:
    """``["503", "503", "200"]``: the status of each attempt at ``method path``."""
    return [
        line.split(" -> ", 1)[1].split()[0]
        for line in call_log.lines()
        if line.startswith(f"{method} {path} ")
    ]


def test_a_503_storm_is_ridden_out(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser, call_log: CallLog
) -> None:
    token = link().access_token
    assert orcid.transport.max_retries == 2  # the test settings (tests/conftest.py)
    sandbox.inject("503", count=2, path_prefix="/v3.0")
    assert orcid.api.read_record(TESS, token).orcid == TESS
    assert statuses(call_log, "GET", RECORD) == ["503", "503", "200"]

    # A POST that ORCID answered 503 was not processed: it is repeated, once created.
    call_log.clear()
    sandbox.inject("503", count=1, path_prefix="/v3.0")
    put_code = orcid.api.create_work(TESS, token, work())
    assert statuses(call_log, "POST", f"/v3.0/{TESS}/work") == ["503", "201"]
    assert [i["put_code"] for i in sandbox.inspect(TESS)["items"]] == [put_code]


def test_a_storm_longer_than_the_retries_is_a_retryable_server_error(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser, call_log: CallLog
) -> None:
    token = link().access_token
    sandbox.inject("500", count=3, path_prefix="/v3.0")
    with pytest.raises(ServerError) as down:
        orcid.api.read_record(TESS, token)
    assert down.value.status == 500
    assert down.value.retryable  # the hub's outbox tries again later
    assert statuses(call_log, "GET", RECORD) == ["500", "500", "500"]
    assert orcid.api.read_record(TESS, token).orcid == TESS  # the storm is over


def test_code_exchange_repeats_only_what_orcid_did_not_process(
    sandbox: SandboxServer, orcid: OrcidClient, call_log: CallLog
) -> None:
    """A code is single-use: after a 500 ORCID may have issued the token, and a second
    exchange would revoke it; a 503 (refused at the door) is safe to repeat."""
    url = orcid.oauth.authorize_url(redirect_uri=REDIRECT_URI, scopes=WRITE, state="s")
    code = orcid.oauth.parse_callback(consent(sandbox, url, TESS), "s")
    sandbox.inject("500", count=1, path_prefix="/oauth/token")
    with pytest.raises(ServerError):
        orcid.oauth.exchange_code(code, REDIRECT_URI)
    assert statuses(call_log, "POST", "/oauth/token") == ["500"]

    call_log.clear()
    url = orcid.oauth.authorize_url(redirect_uri=REDIRECT_URI, scopes=WRITE, state="s")
    code = orcid.oauth.parse_callback(consent(sandbox, url, TESS), "s")
    sandbox.inject("503", count=1, path_prefix="/oauth/token")
    assert orcid.oauth.exchange_code(code, REDIRECT_URI).orcid == TESS
    assert statuses(call_log, "POST", "/oauth/token") == ["503", "200"]


def test_4xx_answers_are_never_retried(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser, call_log: CallLog
) -> None:
    token = link().access_token
    put_code = orcid.api.create_work(TESS, token, work())
    call_log.clear()
    with pytest.raises(NotFoundError):
        orcid.api.read_work(TESS, token, put_code + 1)
    with pytest.raises(DuplicateError):
        orcid.api.create_work(TESS, token, work())
    assert statuses(call_log, "GET", f"/v3.0/{TESS}/work/{put_code + 1}") == ["404"]
    assert statuses(call_log, "POST", f"/v3.0/{TESS}/work") == ["409"]
    assert len(sandbox.inspect(TESS)["items"]) == 1


def test_the_client_rate_limit_keeps_orcid_from_answering_503(
    sandbox: SandboxServer, link: LinkUser, call_log: CallLog
) -> None:
    """80 calls at once with ORCID's own limit on (24/s, burst 40): the client's bucket
    at the configured rate paces them so that none is refused, in about (80-40)/24 s."""
    settings = sandbox_settings(sandbox, max_retries=0)
    assert (settings.rate_per_second, settings.burst) == (24.0, 40)
    token = link().access_token
    limiter = TokenBucket(settings.rate_per_second, settings.burst)
    with make_client(sandbox, limiter=limiter, max_retries=0) as paced:
        # An open connection first, so that the first counted call is not slowed by the
        # TCP set-up (the later ones would then reach ORCID "early").
        paced.api.read_record(TESS, token)
        sandbox.inject("rate_limit", enabled=True, rate=24, burst=40)  # a full bucket
        call_log.clear()
        started = time.monotonic()
        for _ in range(80):
            paced.api.read_record(TESS, token)
        elapsed = time.monotonic() - started
    answers = statuses(call_log, "GET", RECORD)
    assert answers == ["200"] * 80
    assert 1.3 < elapsed < 5.0  # (80 - 39) / 24 = 1.7 s

    # Unpaced, from 8 threads at once (and without retries), the same 80 calls do meet
    # ORCID's 503: the sandbox's limit was really on.
    sandbox.inject("rate_limit", enabled=True, rate=24, burst=40)  # a full bucket again
    with make_client(sandbox, max_retries=0) as unpaced:
        call_log.clear()

        def read(_: int) -> int:
            try:
                unpaced.api.read_record(TESS, token)
            except ServerError as exc:
                return exc.status or 0
            return 200

        with ThreadPoolExecutor(max_workers=8) as pool:
            answered = list(pool.map(read, range(80)))
    assert set(answered) == {200, 503}
    assert statuses(call_log, "GET", RECORD).count("503") == answered.count(503)
