"""Webhooks through the real client: register, a record change calls back, delete."""

from __future__ import annotations

import time

import pytest

from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.errors import MissingScopeError, NotFoundError
from tests.integration.conftest import TESS, LinkUser, work
from tests.sandbox_server import SandboxServer, WebhookReceiver


def test_register_callback_and_delete(
    sandbox: SandboxServer,
    orcid: OrcidClient,
    link: LinkUser,
    webhook_receiver: WebhookReceiver,
) -> None:
    hook_token = orcid.oauth.client_credentials("/webhook").access_token
    callback = f"{webhook_receiver.base_url}/orcid/{TESS}/updated?source=orcid"
    assert orcid.api.register_webhook(TESS, hook_token, callback) is True
    assert orcid.api.register_webhook(TESS, hook_token, callback) is False  # already there
    assert sandbox.inspect(TESS)["webhooks"] == [callback]

    user_token = link().access_token
    orcid.api.create_work(TESS, user_token, work(1))
    orcid.api.create_work(TESS, user_token, work(2))  # inside the delay: one callback
    calls = webhook_receiver.wait_for(1)
    assert calls == [(f"/orcid/{TESS}/updated", b"")]
    time.sleep(0.3)  # the sandbox's delay is 0.2 s: nothing more is coming
    assert len(webhook_receiver.calls) == 1
    assert [d["status"] for d in sandbox.deliveries()] == [204]

    orcid.api.delete_webhook(TESS, hook_token, callback)
    assert sandbox.inspect(TESS)["webhooks"] == []
    with pytest.raises(NotFoundError) as unknown:
        orcid.api.delete_webhook(TESS, hook_token, callback)
    assert (unknown.value.status, unknown.value.error_code) == (404, 9028)
    orcid.api.create_work(TESS, user_token, work(3))
    time.sleep(0.3)
    assert len(webhook_receiver.calls) == 1  # no webhook, no callback


def test_webhooks_need_the_webhook_scope(orcid: OrcidClient) -> None:
    public = orcid.oauth.client_credentials("/read-public").access_token
    with pytest.raises(MissingScopeError) as missing:
        orcid.api.register_webhook(TESS, public, "http://127.0.0.1/orcid/hook")
    assert (missing.value.status, missing.value.error_code) == (403, 9038)
