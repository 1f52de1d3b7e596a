"""Push-to-CRIS connector: signed JSON POSTs with bounded retries, faked with ``responses``."""

import json
import time
from collections.abc import Iterator

import pytest
import responses

from connectors.errors import TransportError, UnsupportedOperation
from connectors.push import SIGNATURE_HEADER, TIMESTAMP_HEADER, PushConnector, sign, verify
from connectors.records import ExternalId, FuzzyDate, Title, Work

URL = "https://cris.rtu.lv/api/orcid-hub/works"
SECRET = "s3cret-shared"
WORK = Work(
    source="orcid",
    local_id="0000-0002-1825-0097/put-code/12345",
    titles=(Title("Ūdens kvalitāte", "lv"),),
    orcid_type="journal-article",
    publication_date=FuzzyDate(2022, 9),
    external_ids=(ExternalId("doi", "10.1234/abc"),),
)


@pytest.fixture
def http() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock() as mock:
        yield mock


def connector(**extra: object) -> PushConnector:
    return PushConnector({"url": URL, "secret": SECRET, "attempts": 3, **extra})


def test_push_sends_signed_json(http: responses.RequestsMock) -> None:
    http.post(URL, json={"id": "RTU-778"}, status=201)
    result = connector().push(WORK)
    assert (result.remote_id, result.status) == ("RTU-778", 201)
    request = http.calls[0].request
    body = request.body
    assert isinstance(body, bytes)
    stamp = request.headers[TIMESTAMP_HEADER]
    assert abs(int(stamp) - time.time()) < 60
    assert request.headers[SIGNATURE_HEADER] == sign(SECRET, stamp, body)
    assert verify(SECRET, stamp, body, request.headers[SIGNATURE_HEADER])
    assert not verify("other", stamp, body, request.headers[SIGNATURE_HEADER])
    assert not verify(SECRET, str(int(stamp) - 3600), body, request.headers[SIGNATURE_HEADER])
    payload = json.loads(body)
    assert payload["operation"] == "upsert" and payload["remote_id"] is None
    assert payload["work"]["titles"] == [{"value": "Ūdens kvalitāte", "lang": "lv"}]
    assert payload["work"]["publication_date"] == "2022-09"
    assert request.headers["Content-Type"].startswith("application/json")


def test_update_and_delete_carry_the_remote_id(http: responses.RequestsMock) -> None:
    http.post(URL, body="", status=204)
    http.post(URL, body="", status=204)
    assert connector().push(WORK, "RTU-778").remote_id == "RTU-778"
    assert connector().delete("RTU-778").status == 204
    ops = [json.loads(c.request.body)["operation"] for c in http.calls]  # type: ignore[arg-type]
    assert ops == ["upsert", "delete"]


def test_server_errors_are_retried_a_bounded_number_of_times(http: responses.RequestsMock) -> None:
    http.post(URL, status=503, headers={"Retry-After": "0"})
    http.post(URL, status=500, headers={"Retry-After": "0"})
    http.post(URL, json={"id": "X"})
    assert connector().push(WORK).remote_id == "X"
    assert len(http.calls) == 3
    http.post(URL, status=500, headers={"Retry-After": "0"})
    with pytest.raises(TransportError, match="HTTP 500"):
        connector(attempts=2).push(WORK)
    assert len(http.calls) == 5


def test_client_errors_are_not_retried(http: responses.RequestsMock) -> None:
    http.post(URL, status=401, body="bad signature")
    with pytest.raises(TransportError, match="401") as info:
        connector().push(WORK)
    assert not info.value.retryable and len(http.calls) == 1


def test_identify_pings_and_harvest_is_unsupported(http: responses.RequestsMock) -> None:
    http.post(URL, json={"ok": True})
    assert connector().identify().name == "cris.rtu.lv"
    assert json.loads(http.calls[0].request.body) == {"operation": "ping"}  # type: ignore[arg-type]
    with pytest.raises(UnsupportedOperation):
        list(connector().harvest())
