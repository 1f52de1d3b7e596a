"""Injected failures and the rate limit, as a client of ORCID meets them."""

from __future__ import annotations

import time

from orcid_hub.sandbox.faults import RateLimiter
from tests.sandbox_server import SandboxServer
from tests.unit.orcid_hub.sandbox.conftest import JSON, Caller, error_code, make_caller, work_xml


def test_a_503_storm_lasts_n_requests(caller: Caller) -> None:
    caller.sandbox.inject("503", count=2, path_prefix="/v3.0")
    statuses = [caller.get("/works").status_code for _ in range(3)]
    assert statuses == [503, 503, 200]


def test_injected_500_has_orcids_error_body(caller: Caller) -> None:
    caller.sandbox.inject("500", count=1)
    response = caller.get("/works", JSON)
    assert response.status_code == 500 and response.json()["error-code"] == 9008


def test_locked_record_is_409_9018(caller: Caller) -> None:
    caller.sandbox.inject("locked", orcid=caller.orcid)
    response = caller.post("/work", work_xml("10.1/locked"))
    assert (response.status_code, error_code(response)) == (409, 9018)


def test_deactivated_record_is_409_9044(caller: Caller) -> None:
    caller.sandbox.inject("deactivated", orcid=caller.orcid)
    response = caller.get("/works")
    assert (response.status_code, error_code(response)) == (409, 9044)


def test_deprecated_record_is_301_9007_naming_the_primary(
    sandbox: SandboxServer, caller: Caller
) -> None:
    primary = sandbox.users[4].orcid
    sandbox.inject("deprecated", orcid=caller.orcid, primary=primary)
    response = sandbox.http.get(
        caller.url("/works"), headers=caller.headers(JSON), allow_redirects=False, timeout=5
    )
    assert response.status_code == 301
    assert response.json()["error-code"] == 9007
    assert primary in response.json()["developer-message"]
    assert response.headers["Location"].endswith(f"/v3.0/{primary}/works")


def test_clear_removes_every_fault(caller: Caller) -> None:
    caller.sandbox.inject("locked", orcid=caller.orcid)
    caller.sandbox.inject("clear")
    assert caller.get("/works").status_code == 200


def test_rate_limit_answers_503_beyond_the_burst(sandbox: SandboxServer) -> None:
    caller = make_caller(sandbox)
    sandbox.inject("rate_limit", enabled=True, rate=1, burst=5)
    statuses = [caller.get("/works").status_code for _ in range(8)]
    assert statuses[:5] == [200] * 5
    assert 503 in statuses[5:]
    sandbox.reset()  # back to the start-up settings: no limit in the test server
    token = sandbox.client_token()
    for _ in range(8):
        response = sandbox.http.get(
            caller.url("/works"), headers={"Authorization": f"Bearer {token}"}, timeout=5
        )
        assert response.status_code == 200


def test_a_request_just_before_its_token_waits_for_it_instead_of_503() -> None:
    limiter = RateLimiter(rate=10, burst=1, max_delay=0.025)  # a token every 100 ms
    assert limiter.allow("APP-1")
    assert not limiter.allow("APP-1")  # 100 ms early: refused
    time.sleep(0.08)  # about 20 ms early: held until its token is due
    started = time.monotonic()
    assert limiter.allow("APP-1")
    assert time.monotonic() - started < 0.05
    assert limiter.allow("APP-2")  # each client has its own bucket


def test_inspect_shows_items_tokens_and_webhooks(caller: Caller) -> None:
    put_code = caller.create("work", work_xml("10.1/inspect"))
    seen = caller.sandbox.inspect(caller.orcid)
    assert seen["items"][0]["put_code"] == put_code
    assert seen["items"][0]["source"] == caller.client_id
    assert seen["tokens"][0]["client_id"] == caller.client_id


def test_reset_forgets_everything(caller: Caller) -> None:
    caller.create("work", work_xml("10.1/reset"))
    caller.sandbox.reset()
    assert caller.sandbox.inspect(caller.orcid)["items"] == []
    assert caller.get("/works").status_code == 401  # tokens are gone too


def test_works_limit_is_409_9048(caller: Caller) -> None:
    caller.sandbox.inject("works_limit", limit=1)
    caller.create("work", work_xml("10.1/first"))
    response = caller.post("/work", work_xml("10.1/second"))
    assert (response.status_code, error_code(response)) == (409, 9048)
