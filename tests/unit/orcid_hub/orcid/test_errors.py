"""Each ORCID failure reaches the caller as its own exception, whatever the body format."""

from __future__ import annotations

import json

import pytest
import responses

from orcid_hub.orcid import errors
from orcid_hub.orcid.client import OrcidClient

from .conftest import API, ORCID, TOKEN, make_work

WORK_URL = f"{API}/{ORCID}/work/7"


def orcid_error_xml(status: int, code: int, developer: str, user: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<error:error xmlns:error="http://www.orcid.org/ns/error">
  <error:response-code>{status}</error:response-code>
  <error:developer-message>{developer}</error:developer-message>
  <error:user-message>{user or developer}</error:user-message>
  <error:error-code>{code}</error:error-code>
  <error:more-info>https://members.orcid.org/api/resources/troubleshooting</error:more-info>
</error:error>""".encode()


CASES = [
    (403, 9010, "You are not the source of the work.", errors.NotSourceError),
    (409, 9018, "The ORCID record is locked.", errors.RecordLockedError),
    (401, 9017, "The client is not authorized for this record.", errors.WrongRecordError),
    (403, 9038, "Insufficient scope", errors.MissingScopeError),
    (403, 9005, "Insufficient or wrong scope", errors.MissingScopeError),
    (400, 9001, "Unmarshalling failed", errors.OrcidValidationError),
    (400, 9037, "Invalid work type", errors.OrcidValidationError),
    (400, 9058, "Invalid contributor role", errors.OrcidValidationError),
    (404, 9016, "No entity found", errors.NotFoundError),
    (500, 9008, "Something went wrong", errors.ServerError),
]  # fmt: skip


@pytest.mark.parametrize(("status", "code", "message", "expected"), CASES)
def test_orcid_error_bodies_map_to_typed_errors(
    wire: responses.RequestsMock,
    client: OrcidClient,
    status: int,
    code: int,
    message: str,
    expected: type[errors.OrcidError],
) -> None:
    client.transport.max_retries = 0
    wire.get(WORK_URL, body=orcid_error_xml(status, code, message), status=status)
    with pytest.raises(expected) as caught:
        client.api.read_work(ORCID, TOKEN, 7)
    assert (caught.value.status, caught.value.error_code) == (status, code)
    assert caught.value.developer_message == message
    assert f"ORCID error {code}" in str(caught.value)


def test_duplicate_carries_the_existing_put_code(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    message = (
        "409 Conflict: You have already added this activity (matched by external identifiers),"
        " please see element with put-code 12345. If you are trying to edit the item,"
        " please use PUT instead of POST."
    )
    wire.post(f"{API}/{ORCID}/work", body=orcid_error_xml(409, 9021, message), status=409)
    with pytest.raises(errors.DuplicateError) as caught:
        client.api.create_work(ORCID, TOKEN, make_work())
    assert caught.value.existing_put_code == 12345


def test_deprecated_record_names_the_primary_id(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    message = (
        f"301 Moved Permanently: the account {ORCID} is deprecated."
        " Please refer to account: https://orcid.org/0000-0001-5109-3700"
    )
    wire.get(WORK_URL, body=orcid_error_xml(301, 9007, message), status=301)
    with pytest.raises(errors.DeprecatedRecordError) as caught:
        client.api.read_work(ORCID, TOKEN, 7)
    assert caught.value.primary_orcid == "0000-0001-5109-3700"


def test_json_error_body_is_understood(wire: responses.RequestsMock, client: OrcidClient) -> None:
    body = {
        "response-code": 409,
        "developer-message": "please see element with put-code 99.",
        "user-message": "Duplicate",
        "error-code": 9021,
        "more-info": "https://members.orcid.org/api/resources/troubleshooting",
    }
    wire.get(WORK_URL, json=body, status=409)
    with pytest.raises(errors.DuplicateError) as caught:
        client.api.read_work(ORCID, TOKEN, 7)
    assert caught.value.existing_put_code == 99


def test_invalid_token_never_echoes_the_token(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    body = {"error": "invalid_token", "error_description": f"Invalid access token: {TOKEN}"}
    wire.get(WORK_URL, body=json.dumps(body), status=401, content_type="application/json")
    with pytest.raises(errors.InvalidTokenError) as caught:
        client.api.read_work(ORCID, TOKEN, 7)
    assert caught.value.status == 401
    assert TOKEN not in str(caught.value)
    assert "Invalid access token: ***" in str(caught.value)


def test_quota_text_body_is_rate_limited(wire: responses.RequestsMock, client: OrcidClient) -> None:
    text = "Too Many Requests. You have exceeded the daily quota for anonymous usage of this API."
    wire.get(WORK_URL, body=text, status=429, content_type="text/plain")
    with pytest.raises(errors.RateLimitedError, match="daily quota"):
        client.api.read_work(ORCID, TOKEN, 7)


def test_html_proxy_page_is_a_server_error(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    client.transport.max_retries = 0
    wire.get(
        WORK_URL, body="<html><body>Bad gateway</body></html>", status=502, content_type="text/html"
    )
    with pytest.raises(errors.ServerError) as caught:
        client.api.read_work(ORCID, TOKEN, 7)
    assert caught.value.retryable
    assert not errors.NotFoundError.retryable


def test_bulk_slot_errors_convert_to_exceptions() -> None:
    from orcid_hub.orcid.model import ErrorInfo

    info = ErrorInfo(409, "please see element with put-code 5.", "", 9021)
    error = errors.error_from_info(info)
    assert isinstance(error, errors.DuplicateError) and error.existing_put_code == 5


@pytest.mark.parametrize(
    ("status", "code"),
    [(403, 9035), (409, 9048), (409, 9044), (403, 9013)],
)
def test_codes_that_are_not_about_content_stay_generic(
    wire: responses.RequestsMock, client: OrcidClient, status: int, code: int
) -> None:
    wire.get(WORK_URL, body=orcid_error_xml(status, code, "refused"), status=status)
    with pytest.raises(errors.OrcidError) as caught:
        client.api.read_work(ORCID, TOKEN, 7)
    assert type(caught.value) is errors.OrcidError
    assert caught.value.error_code == code


def test_a_success_with_an_unreadable_body_is_an_orcid_error(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    wire.get(WORK_URL, body=b"<work:work", content_type="application/vnd.orcid+xml")
    with pytest.raises(errors.MalformedResponseError, match=r"/work/7: XML line 1"):
        client.api.read_work(ORCID, TOKEN, 7)
