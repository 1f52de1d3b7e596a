"""Member API calls at the wire: what is sent, and what comes back."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
import responses

from orcid_hub.orcid import api as api_module
from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.errors import NotFoundError, OrcidError
from orcid_hub.orcid.validation import ValidationError

from .conftest import API, ENDPOINTS, ORCID, TOKEN, make_affiliation, make_funding, make_work

Check = Callable[[str, bytes], None]
XML = "application/vnd.orcid+xml"


def sent(wire: responses.RequestsMock, index: int = -1) -> requests.PreparedRequest:
    request = wire.calls[index].request
    assert isinstance(request, requests.PreparedRequest)
    return request


def body_of(request: requests.PreparedRequest) -> bytes:
    assert isinstance(request.body, bytes)
    return request.body


def test_read_works_sends_xml_accept_and_bearer(
    wire: responses.RequestsMock, client: OrcidClient, samples: Path
) -> None:
    body = (samples / "read_samples" / "works-3.0.xml").read_bytes()
    wire.get(f"{API}/{ORCID}/works", body=body, content_type=XML)
    summary = client.api.read_works(f"https://orcid.org/{ORCID}", TOKEN)
    assert summary.put_codes == (3356, 3357, 3358)
    request = sent(wire)
    assert request.headers["Accept"] == XML
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_read_record(wire: responses.RequestsMock, client: OrcidClient, samples: Path) -> None:
    body = (samples / "read_samples" / "record-3.0.xml").read_bytes()
    wire.get(f"{API}/{ORCID}/record", body=body, content_type=XML)
    record = client.api.read_record(ORCID, TOKEN)
    assert record.given_names == "give-names"


def test_json_answer_is_read_too(
    wire: responses.RequestsMock, client: OrcidClient, samples: Path
) -> None:
    body = (samples / "read_samples" / "record-full-3.0.json").read_bytes()
    wire.get(f"{API}/{ORCID}/record", body=body, content_type="application/vnd.orcid+json")
    assert client.api.read_record(ORCID, TOKEN).orcid == "0000-0002-7319-2192"


def test_full_works_are_read_100_put_codes_at_a_time(
    wire: responses.RequestsMock, client: OrcidClient, samples: Path
) -> None:
    bulk = (samples / "read_samples" / "bulk-work-err.xml").read_bytes()
    wire.add_callback(
        responses.GET,
        url=re.compile(rf"{API}/{ORCID}/works/[\d,]+"),
        callback=lambda request: (200, {"Content-Type": XML}, bulk),
    )
    items = client.api.read_works_by_put_codes(ORCID, TOKEN, list(range(1, 251)))
    asked = [urlsplit(call.request.url or "").path.rsplit("/", 1)[1] for call in wire.calls]
    assert [len(codes.split(",")) for codes in asked] == [100, 100, 50]
    assert asked[2].split(",")[0] == "201"
    assert len(items) == 6 and sum(item.ok for item in items) == 3


def test_chunks_helper() -> None:
    assert [len(c) for c in api_module.chunks(list(range(205)))] == [100, 100, 5]
    assert list(api_module.chunks([])) == []


def test_create_work_posts_valid_normalised_xml_and_returns_the_put_code(
    wire: responses.RequestsMock, client: OrcidClient, assert_valid: Check
) -> None:
    wire.post(
        f"{API}/{ORCID}/work",
        status=201,
        headers={"Location": f"{API}/{ORCID}/work/4711"},
    )
    put_code = client.api.create_work(ORCID, TOKEN, make_work(put_code=99))
    assert put_code == 4711
    request = sent(wire)
    assert request.headers["Content-Type"] == XML
    assert request.headers["Accept"] == XML
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    document = body_of(request)
    assert_valid("work", document)
    # A put-code on POST is ORCID error 9024; the DOI goes out normalised.
    assert b"put-code" not in document
    assert b"<common:external-id-value>10.1234/abc.2024.1<" in document


def test_invalid_work_is_never_sent(wire: responses.RequestsMock, client: OrcidClient) -> None:
    with pytest.raises(ValidationError, match=r"work\.title"):
        client.api.create_work(ORCID, TOKEN, make_work(title=""))
    assert len(wire.calls) == 0


def test_created_without_location_is_an_error(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    wire.post(f"{API}/{ORCID}/work", status=201)
    with pytest.raises(OrcidError, match="Location"):
        client.api.create_work(ORCID, TOKEN, make_work())


def test_update_work_puts_the_put_code_in_url_and_body(
    wire: responses.RequestsMock, client: OrcidClient, assert_valid: Check
) -> None:
    work = make_work(put_code=4711)
    echo = lambda request: (200, {"Content-Type": XML}, request.body)  # noqa: E731
    wire.add_callback(responses.PUT, f"{API}/{ORCID}/work/4711", callback=echo)
    updated = client.api.update_work(ORCID, TOKEN, work)
    assert updated.put_code == 4711 and updated.title == work.title
    document = body_of(sent(wire))
    assert_valid("work", document)
    assert b'put-code="4711"' in document
    with pytest.raises(ValueError, match="put-code"):
        client.api.update_work(ORCID, TOKEN, make_work())


def test_delete_work(wire: responses.RequestsMock, client: OrcidClient) -> None:
    wire.delete(f"{API}/{ORCID}/work/4711", status=204)
    client.api.delete_work(ORCID, TOKEN, 4711)
    assert sent(wire).headers["Authorization"] == f"Bearer {TOKEN}"


def test_bulk_create_returns_each_result_in_order(
    wire: responses.RequestsMock, client: OrcidClient, samples: Path, assert_valid: Check
) -> None:
    answer = (samples / "read_samples" / "bulk-work-err.xml").read_bytes()
    wire.post(f"{API}/{ORCID}/works", body=answer, content_type=XML)
    items = client.api.create_works(ORCID, TOKEN, [make_work(title="One"), make_work(title="Two")])
    assert [item.ok for item in items] == [True, False]
    assert items[0].work is not None and items[0].work.put_code == 156043
    assert items[1].error is not None and items[1].error.error_code == 9037
    assert_valid("bulk", body_of(sent(wire)))


def test_bulk_of_more_than_100_is_refused_before_sending(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    with pytest.raises(ValidationError, match="at most 100"):
        client.api.create_works(ORCID, TOKEN, [make_work()] * 101)
    assert client.api.create_works(ORCID, TOKEN, []) == []
    assert len(wire.calls) == 0


@pytest.mark.parametrize("kind", ["employment", "education"])
def test_affiliation_crud(
    wire: responses.RequestsMock, client: OrcidClient, assert_valid: Check, kind: str
) -> None:
    affiliation = make_affiliation(kind=kind)
    wire.post(f"{API}/{ORCID}/{kind}", status=201, headers={"Location": f"/{ORCID}/{kind}/31"})
    assert client.api.create_affiliation(ORCID, TOKEN, affiliation) == 31
    assert_valid(kind, body_of(sent(wire)))
    wire.put(f"{API}/{ORCID}/{kind}/31", status=200, body=b"")
    client.api.update_affiliation(ORCID, TOKEN, make_affiliation(kind=kind, put_code=31))
    assert b'put-code="31"' in body_of(sent(wire))
    wire.delete(f"{API}/{ORCID}/{kind}/31", status=204)
    client.api.delete_affiliation(ORCID, TOKEN, kind, 31)  # type: ignore[arg-type]


def test_read_affiliations(
    wire: responses.RequestsMock, client: OrcidClient, samples: Path
) -> None:
    body = (samples / "read_samples" / "educations-3.0.xml").read_bytes()
    wire.get(f"{API}/{ORCID}/educations", body=body, content_type=XML)
    educations = client.api.read_affiliations(ORCID, TOKEN, "education")
    assert educations and educations[0].kind == "education"


def test_funding_crud(
    wire: responses.RequestsMock, client: OrcidClient, samples: Path, assert_valid: Check
) -> None:
    wire.post(f"{API}/{ORCID}/funding", status=201, headers={"Location": f"/{ORCID}/funding/8"})
    assert client.api.create_funding(ORCID, TOKEN, make_funding()) == 8
    assert_valid("funding", body_of(sent(wire)))
    full = (samples / "read_samples" / "funding-full-3.0.xml").read_bytes()
    wire.put(f"{API}/{ORCID}/funding/8", body=full, content_type=XML)
    assert client.api.update_funding(ORCID, TOKEN, make_funding(put_code=8)).title
    wire.get(
        f"{API}/{ORCID}/fundings", body=(samples / "read_samples" / "fundings-3.0.xml").read_bytes()
    )
    assert len(client.api.read_fundings(ORCID, TOKEN)) >= 2
    wire.delete(f"{API}/{ORCID}/funding/8", status=204)
    client.api.delete_funding(ORCID, TOKEN, 8)


CALLBACK = "https://hub.example.lv/orcid/webhook/0000-0002-1825-0097?x=1"
ENCODED = "https%3A%2F%2Fhub.example.lv%2Forcid%2Fwebhook%2F0000-0002-1825-0097%3Fx%3D1"
WEBHOOK = f"{ENDPOINTS.api_root}/{ORCID}/webhook/{ENCODED}"


def test_webhook_register_and_delete(wire: responses.RequestsMock, client: OrcidClient) -> None:
    wire.put(WEBHOOK, status=201)
    wire.put(WEBHOOK, status=204)
    wire.delete(WEBHOOK, status=204)
    assert client.api.register_webhook(ORCID, TOKEN, CALLBACK) is True
    assert client.api.register_webhook(ORCID, TOKEN, CALLBACK) is False
    client.api.delete_webhook(ORCID, TOKEN, CALLBACK)
    # Webhooks live outside /v3.0, with the callback encoded as one path segment.
    assert all("/v3.0/" not in (call.request.url or "") for call in wire.calls)
    assert all(call.request.url == WEBHOOK for call in wire.calls)
    assert sent(wire, 0).body in (None, b"", "")


def test_unknown_webhook(wire: responses.RequestsMock, client: OrcidClient) -> None:
    wire.delete(WEBHOOK, status=404)
    with pytest.raises(NotFoundError):
        client.api.delete_webhook(ORCID, TOKEN, CALLBACK)


def test_a_mistyped_orcid_is_refused_before_sending(client: OrcidClient) -> None:
    with pytest.raises(ValueError, match="check digit"):
        client.api.read_works("0000-0002-1825-0098", TOKEN)


def test_local_sandbox_base_urls_only(wire: responses.RequestsMock) -> None:
    from orcid_hub.config import ORCID_PRESETS, OrcidSettings

    local = ORCID_PRESETS["local"]
    wire.get(f"{local.member_api_base}/{ORCID}/work/1", status=404)
    with OrcidClient(local, "APP-X", "s", OrcidSettings(rate_per_second=0)) as orcid_client:
        with pytest.raises(NotFoundError):
            orcid_client.api.read_work(ORCID, TOKEN, 1)
        # Contributor iD URIs must still name orcid.org, not the loopback host.
        assert orcid_client.api.orcid_host == "orcid.org"


def test_read_all_works_skips_a_work_deleted_in_between(
    wire: responses.RequestsMock, client: OrcidClient, samples: Path
) -> None:
    wire.get(f"{API}/{ORCID}/works", body=(samples / "read_samples" / "works-3.0.xml").read_bytes())
    gone = (
        b'<bulk:bulk xmlns:bulk="http://www.orcid.org/ns/bulk"'
        b' xmlns:error="http://www.orcid.org/ns/error" xmlns:work="http://www.orcid.org/ns/work"'
        b' xmlns:common="http://www.orcid.org/ns/common">'
        b'<work:work put-code="3356"><work:title><common:title>W</common:title></work:title>'
        b"<work:type>book</work:type></work:work>"
        b"<error:error><error:response-code>404</error:response-code>"
        b"<error:developer-message>gone</error:developer-message>"
        b"<error:error-code>9016</error:error-code></error:error></bulk:bulk>"
    )
    wire.get(f"{API}/{ORCID}/works/3356,3357,3358", body=gone)
    works = client.api.read_all_works(ORCID, TOKEN)
    assert [w.put_code for w in works] == [3356]


def test_delete_can_accept_an_already_deleted_item(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    wire.delete(f"{API}/{ORCID}/work/5", status=404)
    client.api.delete_work(ORCID, TOKEN, 5, missing_ok=True)
    with pytest.raises(NotFoundError):
        client.api.delete_work(ORCID, TOKEN, 5)


def test_read_activities(wire: responses.RequestsMock, client: OrcidClient, samples: Path) -> None:
    body = (samples / "read_samples" / "activities-3.0.xml").read_bytes()
    wire.get(f"{API}/{ORCID}/activities", body=body, content_type=XML)
    activities = client.api.read_activities(ORCID, TOKEN)
    assert len(activities.employments) == 1
