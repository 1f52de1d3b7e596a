"""ListRecords, ListIdentifiers and GetRecord: pages, windows, sets, deletions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from orcid_hub.institutions.models import Institution
from orcid_hub.oai.source import MemorySource
from tests.functional.oai.conftest import Ask, error_of, q
from tests.oai_data import article, at, sample_works, work_item
from tests.oai_schema import CERIF

C = "{" + CERIF + "}"
PREFIX = "oai:localhost.localdomain:lu/"


def identifiers(root: etree._Element) -> list[str]:
    return [h.findtext(q("identifier")) or "" for h in root.iter(q("header"))]


def token_of(root: etree._Element) -> etree._Element | None:
    return next(root.iter(q("resumptionToken")), None)


def harvest(ask: Ask, verb: str, **params: str) -> tuple[list[str], list[etree._Element]]:
    """Follow resumption tokens to the end; return every identifier and every token element."""
    found: list[str] = []
    tokens: list[etree._Element] = []
    root = ask(verb=verb, **params)
    while True:
        assert error_of(root) is None, etree.tostring(root)
        found.extend(identifiers(root))
        token = token_of(root)
        if token is None:
            return found, tokens
        tokens.append(token)
        if not token.text:
            return found, tokens
        root = ask(verb=verb, resumptionToken=token.text)


EVERYTHING = [
    "Publications/1",
    "Publications/4",
    "Publications/5",
    "Products/2",
    "Patents/3",
    "Persons/7",
    "OrgUnits/{org}",
]


def test_list_records_pages_through_every_kind(
    ask: Ask, serve: Callable[..., None], lu: Institution
) -> None:
    serve(page_size=2)
    found, tokens = harvest(ask, "ListRecords", metadataPrefix="oai_cerif_openaire")
    assert found == [PREFIX + i.format(org=lu.id) for i in EVERYTHING]
    assert [(t.get("cursor"), t.get("completeListSize")) for t in tokens] == [
        ("0", "7"),
        ("2", "7"),
        ("4", "7"),
        ("6", "7"),
    ]
    assert all(t.get("expirationDate") for t in tokens[:-1])
    assert tokens[-1].text is None  # the last page ends the list with an empty token


def test_a_single_page_has_no_token(ask: Ask) -> None:
    root = ask(verb="ListRecords", metadataPrefix="oai_cerif_openaire")
    assert len(identifiers(root)) == 7 and token_of(root) is None


def test_list_identifiers_in_oai_dc_holds_only_works(ask: Ask, serve: Callable[..., None]) -> None:
    serve(page_size=3)
    found, _ = harvest(ask, "ListIdentifiers", metadataPrefix="oai_dc")
    assert found == [PREFIX + i for i in EVERYTHING[:5]]


def test_sets_select_one_kind(ask: Ask, lu: Institution) -> None:
    def listed(set_spec: str) -> list[str]:
        root = ask(verb="ListIdentifiers", metadataPrefix="oai_cerif_openaire", set=set_spec)
        return identifiers(root)

    assert listed("openaire_cris_publications") == [PREFIX + i for i in EVERYTHING[:3]]
    assert listed("openaire_cris_products") == [PREFIX + "Products/2"]
    assert listed("openaire_cris_patents") == [PREFIX + "Patents/3"]
    assert listed("openaire_cris_persons") == [PREFIX + "Persons/7"]
    assert listed("openaire_cris_orgunits") == [PREFIX + f"OrgUnits/{lu.id}"]
    root = ask(verb="ListRecords", metadataPrefix="oai_cerif_openaire", set="openaire_cris_persons")
    person = root.find(f".//{C}Person")
    assert (
        person is not None
        and person.findtext(C + "ORCID") == "https://orcid.org/0000-0002-1825-0097"
    )
    assert person.find(f"{C}Affiliation/{C}OrgUnit").get("id") == f"lu/OrgUnits/{lu.id}"  # type: ignore[union-attr]


def test_from_and_until_select_by_datestamp(ask: Ask, source: MemorySource) -> None:
    # Works are a minute apart from 09:00; the person is at 09:00 too.
    def listed(**window: str) -> list[str]:
        root = ask(verb="ListIdentifiers", metadataPrefix="oai_dc", **window)
        return [] if error_of(root) else [i.removeprefix(PREFIX) for i in identifiers(root)]

    assert listed(**{"from": "2026-03-01T09:02:00Z"}) == [
        "Publications/4",
        "Publications/5",
        "Patents/3",
    ]
    assert listed(until="2026-03-01T09:01:00Z") == ["Publications/1", "Products/2"]
    assert listed(**{"from": "2026-03-01T09:01:00Z", "until": "2026-03-01T09:01:00Z"}) == [
        "Products/2"
    ]
    assert listed(**{"from": "2026-03-01", "until": "2026-03-01"}) == EVERYTHING[:5]
    assert listed(**{"from": "2026-03-02"}) == []
    root = ask(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2026-03-02"})
    assert error_of(root) == "noRecordsMatch"
    # A datestamp is shown to the second, but the window compares full precision.
    source.items.append(work_item(9, article(9), at(10) + dt.timedelta(milliseconds=500)))
    assert listed(**{"from": "2026-03-01T09:10:00Z", "until": "2026-03-01T09:10:00Z"}) == [
        "Publications/9"
    ]


def test_deleted_records_keep_a_header_without_metadata(ask: Ask, source: MemorySource) -> None:
    source.items.append(work_item(8, article(8), at(30), deleted=True))
    root = ask(verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2026-03-01T09:30:00Z"})
    record = root.find(f"{q('ListRecords')}/{q('record')}")
    assert record is not None
    assert record.find(q("header")).get("status") == "deleted"  # type: ignore[union-attr]
    assert record.find(q("metadata")) is None
    one = ask(
        verb="GetRecord", metadataPrefix="oai_cerif_openaire", identifier=PREFIX + "Publications/8"
    )
    assert one.find(f".//{q('header')}").get("status") == "deleted"  # type: ignore[union-attr]


def test_get_record_in_both_formats(ask: Ask, lu: Institution) -> None:
    cerif = ask(
        verb="GetRecord", metadataPrefix="oai_cerif_openaire", identifier=PREFIX + "Publications/1"
    )
    publication = cerif.find(f".//{C}Publication")
    assert publication is not None and publication.get("id") == "lu/Publications/1"
    assert publication.findtext(C + "DOI") == "10.2478/lpts-2025-0001"
    author = publication.find(f"{C}Authors/{C}Author/{C}Person")
    assert author is not None and author.get("id") == "lu/Persons/7"  # a served person
    assert author.findtext(C + "ORCID") == "https://orcid.org/0000-0002-1825-0097"
    dc = ask(verb="GetRecord", metadataPrefix="oai_dc", identifier=PREFIX + "Publications/1")
    ids = [e.text for e in dc.iter("{http://purl.org/dc/elements/1.1/}identifier")]
    assert ids == ["https://doi.org/10.2478/lpts-2025-0001"]
    org = ask(
        verb="GetRecord",
        metadataPrefix="oai_cerif_openaire",
        identifier=PREFIX + f"OrgUnits/{lu.id}",
    )
    assert org.find(f".//{C}OrgUnit/{C}Acronym").text == "LU"  # type: ignore[union-attr]


def test_get_record_errors(ask: Ask) -> None:
    def code(prefix: str, identifier: str) -> str | None:
        return error_of(ask(verb="GetRecord", metadataPrefix=prefix, identifier=identifier))

    assert code("oai_dc", PREFIX + "Persons/7") == "cannotDisseminateFormat"
    assert code("marc21", PREFIX + "Publications/1") == "cannotDisseminateFormat"
    assert code("oai_dc", PREFIX + "Publications/99") == "idDoesNotExist"
    assert code("oai_dc", "oai:localhost.localdomain:rtu/Publications/1") == "idDoesNotExist"
    assert code("oai_dc", "oai:cris.example.org:lu/Publications/1") == "idDoesNotExist"
    assert code("oai_dc", PREFIX + "Projects/1") == "idDoesNotExist"
    assert code("oai_dc", PREFIX + "Publications/x") == "idDoesNotExist"


def test_every_sample_work_validates_in_both_formats(
    ask: Ask, source: MemorySource, fixtures_dir: Path, serve: Callable[..., None]
) -> None:
    works = sample_works(fixtures_dir)
    source.items[:] = [work_item(i + 1, w, at(i)) for i, w in enumerate(works)]
    serve(page_size=5)
    for prefix in ("oai_cerif_openaire", "oai_dc"):
        found, _ = harvest(ask, "ListRecords", metadataPrefix=prefix)  # each page validated
        assert len(found) == len(works) + (1 if prefix == "oai_cerif_openaire" else 0)
