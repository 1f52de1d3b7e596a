"""The shared HTTP helper: timeouts passed, bounded retries, Retry-After, domain errors."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
import responses

from connectors.errors import ProtocolError, TransportError
from connectors.http import HttpClient, parse_retry_after

URL = "https://cris.example.lv/api"


@pytest.fixture
def http() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock() as mock:
        yield mock


def test_parse_retry_after() -> None:
    assert parse_retry_after("7", 1.0) == 7.0
    assert parse_retry_after(None, 2.5) == 2.5
    assert parse_retry_after("soon", 3.0) == 3.0
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= parse_retry_after(later, 0) <= 31


def test_retries_then_gives_a_transport_error(http: responses.RequestsMock) -> None:
    waits: list[float] = []
    http.get(URL, status=503, headers={"Retry-After": "2"})
    http.get(URL, body=requests.ConnectionError("refused"))
    http.get(URL, status=502)
    client = HttpClient(attempts=3, backoff=0.5, sleep=waits.append)
    with pytest.raises(TransportError, match="HTTP 502") as info:
        client.get(URL)
    assert waits == [2.0, 1.0]  # the server's wish, then exponential backoff
    assert info.value.retryable and info.value.where == f"GET {URL}"


def test_timeout_is_always_set(http: responses.RequestsMock) -> None:
    http.get(URL, json={"ok": True})
    client = HttpClient(timeout=4.5)
    assert client.json("GET", URL) == {"ok": True}
    assert http.calls[0].request.req_kwargs["timeout"] == 4.5


def test_non_json_answer_is_a_protocol_error(http: responses.RequestsMock) -> None:
    http.get(URL, body="<html>maintenance</html>")
    with pytest.raises(ProtocolError, match="not JSON"):
        HttpClient().json("GET", URL)
