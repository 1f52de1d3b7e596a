"""Webhooks: registration like ORCID's API host, callbacks delayed, coalesced and retried."""

from __future__ import annotations

import time
from urllib.parse import quote

import requests

from tests.sandbox_server import OTHER_CLIENT, SandboxServer, WebhookReceiver
from tests.unit.orcid_hub.sandbox.conftest import Caller, error_code, work_xml


def _hook(
    sandbox: SandboxServer, orcid: str, callback: str, token: str, method: str
) -> requests.Response:
    return sandbox.http.request(
        method,
        sandbox.url(f"/{orcid}/webhook/{quote(callback, safe='')}"),
        headers={"Authorization": f"Bearer {token}", "Accept": "application/vnd.orcid+xml"},
        timeout=5,
    )


def test_register_201_then_204_and_delete_204_then_404(sandbox: SandboxServer) -> None:
    orcid = sandbox.users[0].orcid
    token = sandbox.client_token("/webhook")
    callback = f"https://hub.example.lv/webhook/{orcid}/updated"
    first = _hook(sandbox, orcid, callback, token, "PUT")
    assert first.status_code == 201 and first.headers["Location"]
    assert _hook(sandbox, orcid, callback, token, "PUT").status_code == 204
    assert sandbox.inspect(orcid)["webhooks"] == [callback]
    assert _hook(sandbox, orcid, callback, token, "DELETE").status_code == 204
    gone = _hook(sandbox, orcid, callback, token, "DELETE")
    assert (gone.status_code, error_code(gone)) == (404, 9028)


def test_registering_needs_a_webhook_scoped_token(sandbox: SandboxServer) -> None:
    token = sandbox.client_token("/read-public", OTHER_CLIENT)
    response = _hook(sandbox, sandbox.users[0].orcid, "https://x.example/cb", token, "PUT")
    assert (response.status_code, error_code(response)) == (403, 9038)


def test_changes_are_called_back_once_with_an_empty_post(
    sandbox: SandboxServer, caller: Caller, webhook_receiver: WebhookReceiver
) -> None:
    callback = f"{webhook_receiver.base_url}/orcid/{caller.orcid}"
    assert _hook(sandbox, caller.orcid, callback, sandbox.client_token("/webhook"), "PUT").ok
    for n in range(3):  # three changes inside the delay: one coalesced call
        caller.create("work", work_xml(f"10.1/hook{n}"))
    calls = webhook_receiver.wait_for(1)
    time.sleep(0.3)
    assert webhook_receiver.calls == [(f"/orcid/{caller.orcid}", b"")] == calls


def test_failed_callbacks_are_retried(
    sandbox: SandboxServer, caller: Caller, webhook_receiver: WebhookReceiver
) -> None:
    webhook_receiver.statuses.extend([500, 503])
    callback = f"{webhook_receiver.base_url}/retry"
    assert _hook(sandbox, caller.orcid, callback, sandbox.client_token("/webhook"), "PUT").ok
    caller.create("work", work_xml("10.1/retry"))
    calls = webhook_receiver.wait_for(3)
    assert len(calls) == 3
    deadline = time.monotonic() + 2
    while len(sandbox.deliveries()) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)  # the sandbox logs a delivery just after the receiver answers
    assert [d["status"] for d in sandbox.deliveries()] == [500, 503, 204]
