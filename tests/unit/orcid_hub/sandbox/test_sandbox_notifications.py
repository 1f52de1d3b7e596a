"""Permission notifications to a user's ORCID inbox."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from lxml import etree

from tests.sandbox_server import OTHER_CLIENT, SandboxServer
from tests.unit.orcid_hub.sandbox.conftest import XML, error_code


@pytest.fixture
def notification(fixtures_dir: Path) -> bytes:
    path = fixtures_dir / "orcid-model/notification_3.0/samples/notification-permission-3.0.xml"
    root = etree.parse(str(path)).getroot()
    del root.attrib["put-code"]  # the server assigns it
    return etree.tostring(root)


def _call(
    sandbox: SandboxServer, method: str, path: str, token: str, body: bytes = b""
) -> requests.Response:
    return sandbox.http.request(
        method,
        sandbox.url(f"/v3.0/{path}"),
        data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": XML, "Accept": XML},
        timeout=5,
    )


def test_send_read_and_archive_a_permission_notification(
    sandbox: SandboxServer, notification: bytes, fixtures_dir: Path
) -> None:
    orcid = sandbox.users[0].orcid
    token = sandbox.client_token("/premium-notification")
    created = _call(sandbox, "POST", f"{orcid}/notification-permission", token, notification)
    assert created.status_code == 201 and created.content == b""
    put_code = created.headers["Location"].rsplit("/", 1)[1]
    read = _call(sandbox, "GET", f"{orcid}/notification-permission/{put_code}", token)
    document = etree.fromstring(read.content)
    xsd = fixtures_dir / "orcid-model/notification_3.0/notification-permission-3.0.xsd"
    etree.XMLSchema(etree.parse(str(xsd))).assertValid(document)
    assert document.findtext("{*}source/{*}source-client-id/{*}path") == "APP-TESTCLIENT000001"
    archived = _call(sandbox, "DELETE", f"{orcid}/notification-permission/{put_code}", token)
    assert archived.status_code == 200
    assert etree.fromstring(archived.content).findtext("{*}archived-date")


def test_archiving_a_read_notification_is_403_9009(
    sandbox: SandboxServer, notification: bytes
) -> None:
    orcid = sandbox.users[0].orcid
    token = sandbox.client_token("/premium-notification")
    created = _call(sandbox, "POST", f"{orcid}/notification-permission", token, notification)
    put_code = created.headers["Location"].rsplit("/", 1)[1]
    sandbox.http.post(
        sandbox.url(f"/_sandbox/users/{orcid}/notifications/{put_code}/read"), timeout=5
    ).raise_for_status()
    response = _call(sandbox, "DELETE", f"{orcid}/notification-permission/{put_code}", token)
    assert (response.status_code, error_code(response)) == (403, 9009)


def test_user_who_refuses_notifications_is_409_9032(
    sandbox: SandboxServer, notification: bytes
) -> None:
    orcid = sandbox.users[0].orcid
    sandbox.inject("notifications_off", orcid=orcid)
    token = sandbox.client_token("/premium-notification")
    response = _call(sandbox, "POST", f"{orcid}/notification-permission", token, notification)
    assert (response.status_code, error_code(response)) == (409, 9032)


def test_notifications_need_the_premium_notification_scope(
    sandbox: SandboxServer, notification: bytes
) -> None:
    token = sandbox.client_token("/read-public", OTHER_CLIENT)
    orcid = sandbox.users[0].orcid
    response = _call(sandbox, "POST", f"{orcid}/notification-permission", token, notification)
    assert (response.status_code, error_code(response)) == (403, 9038)
