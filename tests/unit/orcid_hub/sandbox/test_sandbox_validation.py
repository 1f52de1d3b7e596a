"""What the sandbox refuses: ORCID's schema, its semantic rules, and hostile XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.unit.orcid_hub.sandbox.conftest import JSON, XML, Caller, error_code, work_xml

AFFILIATION = """<employment:employment xmlns:employment="http://www.orcid.org/ns/employment"
 xmlns:common="http://www.orcid.org/ns/common">
 <common:role-title>Researcher</common:role-title>
 {dates}
 <common:organization><common:name>University of Latvia</common:name>
  <common:address>{address}</common:address>{disambiguated}
 </common:organization>
</employment:employment>"""
LV_ADDRESS = "<common:city>Rīga</common:city><common:country>LV</common:country>"
ROR = (
    "<common:disambiguated-organization><common:disambiguated-organization-identifier>"
    "https://ror.org/05g3mes96</common:disambiguated-organization-identifier>"
    "<common:disambiguation-source>ROR</common:disambiguation-source>"
    "</common:disambiguated-organization>"
)


def _date(tag: str, year: str, month: str = "", day: str = "") -> str:
    parts = f"<common:year>{year}</common:year>"
    parts += f"<common:month>{month}</common:month>" if month else ""
    parts += f"<common:day>{day}</common:day>" if day else ""
    return f"<common:{tag}>{parts}</common:{tag}>"


def employment(dates: str = "", address: str = LV_ADDRESS, disambiguated: str = ROR) -> str:
    return AFFILIATION.format(dates=dates, address=address, disambiguated=disambiguated)


@pytest.mark.parametrize(
    ("sample", "kind", "media"),
    [
        ("employment-3.0.xml", "employment", XML),
        ("employment-3.0.json", "employment", JSON),
        ("education-3.0.xml", "education", XML),
        ("education-3.0.json", "education", JSON),
        ("funding-3.0.xml", "funding", XML),
        ("funding-3.0-simple.json", "funding", JSON),
    ],
)
def test_orcid_write_samples_are_accepted_and_read_back(
    caller: Caller, samples: Path, sample: str, kind: str, media: str
) -> None:
    put_code = caller.create(kind, (samples / sample).read_bytes(), media)
    response = caller.get(f"/{kind}/{put_code}", media)
    assert response.status_code == 200
    plural = caller.get(f"/{kind}s", media)
    assert plural.status_code == 200 and str(put_code) in plural.text


def test_schema_errors_are_400_9001_with_the_schema_message(caller: Caller) -> None:
    body = work_xml("10.1/x").replace("<work:type>", "<work:colour>blue</work:colour><work:type>")
    response = caller.post("/work", body)
    assert (response.status_code, error_code(response)) == (400, 9001)
    assert "colour" in response.text


def test_work_title_is_required(caller: Caller) -> None:
    response = caller.post("/work", work_xml("10.1/t", title=""))
    assert (response.status_code, error_code(response)) == (400, 9022)


def test_work_type_must_be_valid(caller: Caller) -> None:
    response = caller.post("/work", JSON_WORK.replace("journal-article", "poem"), JSON)
    assert (response.status_code, error_code(response)) == (400, 9037)
    assert "journal-article" in response.json()["developer-message"]


def test_a_self_external_id_is_required(caller: Caller) -> None:
    response = caller.post("/work", work_xml("10.1/p").replace(">self<", ">part-of<"))
    assert (response.status_code, error_code(response)) == (400, 9023)
    assert "'self' relationship" in response.text


def test_affiliation_needs_city_and_country(caller: Caller) -> None:
    response = caller.post("/employment", employment(address="<common:country>LV</common:country>"))
    assert (response.status_code, error_code(response)) == (400, 9060)


def test_affiliation_needs_a_disambiguated_organisation(caller: Caller) -> None:
    response = caller.post("/employment", employment(disambiguated=""))
    assert (response.status_code, error_code(response)) == (400, 9045)


@pytest.mark.parametrize(
    ("dates", "code"),
    [
        (_date("end-date", "2020"), 9050),
        (_date("start-date", "2021") + _date("end-date", "2020"), 9055),
        (_date("start-date", "2020", "13"), 9049),
    ],
)
def test_affiliation_date_rules(caller: Caller, dates: str, code: int) -> None:
    response = caller.post("/employment", employment(dates=dates))
    assert response.status_code == 400 and error_code(response) == code


def test_affiliation_round_trip(caller: Caller) -> None:
    put_code = caller.create("employment", employment(dates=_date("start-date", "2020", "09")))
    summary = caller.get(f"/employment/summary/{put_code}")
    root = etree.fromstring(summary.content)
    assert root.tag == "{http://www.orcid.org/ns/employment}employment-summary"


def test_wrong_content_type_is_415(caller: Caller) -> None:
    response = caller.post(
        "/work", work_xml("10.1/ct"), headers={**caller.headers(), "Content-Type": "text/plain"}
    )
    assert (response.status_code, error_code(response)) == (415, 9001)


def test_wrong_accept_is_406(caller: Caller) -> None:
    put_code = caller.create("work", work_xml("10.1/acc"))
    response = caller.sandbox.http.get(
        caller.url(f"/work/{put_code}"),
        headers={**caller.headers(), "Accept": "text/html"},
        timeout=5,
    )
    assert response.status_code == 406


@pytest.mark.parametrize("accept", ["application/orcid+xml", "application/xml"])
def test_xml_media_type_aliases(caller: Caller, accept: str) -> None:
    put_code = caller.create("work", work_xml("10.1/alias"))
    response = caller.get(f"/work/{put_code}", accept)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith(accept)


def test_entities_and_dtds_are_refused(caller: Caller) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        + work_xml("10.1/bomb", title="&lol2;")
    )
    response = caller.post("/work", bomb)
    assert (response.status_code, error_code(response)) == (400, 9001)
    external = (
        '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + work_xml("10.1/xxe", title="&x;")
    )
    response = caller.post("/work", external)
    assert response.status_code == 400 and "root:" not in response.text


JSON_WORK = """{"title": {"title": {"value": "JSON work"}}, "type": "journal-article",
 "external-ids": {"external-id": [{"external-id-type": "doi", "external-id-value": "10.1/json",
 "external-id-relationship": "self"}]}}"""


def test_duplicate_affiliation_from_the_same_source_is_409_9021(
    caller: Caller, samples: Path
) -> None:
    body = (samples / "employment-3.0.xml").read_bytes()
    caller.create("employment", body)
    response = caller.post("/employment", body)
    assert (response.status_code, error_code(response)) == (409, 9021)
