"""Person-section writes with /person/update: researcher URLs, external identifiers…"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.sandbox_server import SandboxServer
from tests.unit.orcid_hub.sandbox.conftest import JSON, XML, Caller, error_code, make_caller

PERSON_SCOPES = "/read-limited /person/update"


@pytest.fixture
def person_caller(sandbox: SandboxServer) -> Caller:
    return make_caller(sandbox, scopes=PERSON_SCOPES)


@pytest.mark.parametrize(
    ("path", "sample", "media"),
    [
        ("researcher-urls", "researcher-url-3.0.xml", XML),
        ("researcher-urls", "researcher-url-3.0.json", JSON),
        ("external-identifiers", "external-identifier-3.0.xml", XML),
        ("external-identifiers", "external-identifier-3.0.json", JSON),
        ("keywords", "keyword-3.0.xml", XML),
        ("other-names", "other-name-3.0.xml", XML),
        ("address", "address-3.0.xml", XML),
        ("address", "address-3.0.json", JSON),
    ],
)
def test_person_write_samples_round_trip(
    person_caller: Caller, samples: Path, path: str, sample: str, media: str
) -> None:
    put_code = person_caller.create(path, (samples / sample).read_bytes(), media)
    response = person_caller.get(f"/{path}/{put_code}", media)
    assert response.status_code == 200, response.text
    assert person_caller.delete(f"/{path}/{put_code}").status_code == 204


def test_person_section_and_record_validate(
    person_caller: Caller, samples: Path, fixtures_dir: Path
) -> None:
    for path, sample in (
        ("researcher-urls", "researcher-url-3.0.xml"),
        ("external-identifiers", "external-identifier-3.0.xml"),
        ("keywords", "keyword-3.0.xml"),
        ("address", "address-3.0.xml"),
        ("other-names", "other-name-3.0.xml"),
    ):
        person_caller.create(path, (samples / sample).read_bytes())
    for path, schema in (("/person", "person"), ("/record", "record")):
        xsd = fixtures_dir / f"orcid-model/record_3.0/{schema}-3.0.xsd"
        document = etree.fromstring(person_caller.get(path).content)
        etree.XMLSchema(etree.parse(str(xsd))).assertValid(document)
    urls = person_caller.get("/researcher-urls", JSON).json()
    assert urls["researcher-url"][0]["url"]["value"] == "https://site1.com/"


def test_person_writes_need_person_update(caller: Caller, samples: Path) -> None:
    response = caller.post("/researcher-urls", (samples / "researcher-url-3.0.xml").read_bytes())
    assert (response.status_code, error_code(response)) == (403, 9038)


def test_same_person_item_twice_from_one_source_is_409_9030(
    person_caller: Caller, samples: Path
) -> None:
    body = (samples / "external-identifier-3.0.xml").read_bytes()
    person_caller.create("external-identifiers", body)
    response = person_caller.post("/external-identifiers", body)
    assert (response.status_code, error_code(response)) == (409, 9030)


def test_address_country_json_is_wrapped_like_orcids(person_caller: Caller, samples: Path) -> None:
    put_code = person_caller.create("address", (samples / "address-3.0.json").read_bytes(), JSON)
    body = person_caller.get(f"/address/{put_code}", JSON).json()
    assert body["country"] == {"value": "CA"}
