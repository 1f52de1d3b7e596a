"""The Endpoint over a memory source, without HTTP: paging corner cases."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from lxml import etree

from orcid_hub.oai import services
from orcid_hub.oai.envelope import OAI, envelope
from orcid_hub.oai.protocol import OaiError, OaiRequest, Tokens
from orcid_hub.oai.repository import FORMATS, Repository
from orcid_hub.oai.services import Endpoint
from orcid_hub.oai.source import MemorySource, OrgUnit
from tests.oai_data import T0, article, at, memory_source, work_item

Q = "{" + OAI + "}"
REPO = Repository(
    slug="lu",
    domain="orcid.lv",
    base_url="https://orcid.lv/oai/lu",
    website="https://orcid.lv/",
    admin_email="hub@orcid.lv",
    org=OrgUnit("Latvijas Universitāte", "University of Latvia", "LU", None),
    org_key=1,
    org_datestamp=T0,
)


def run(source: MemorySource, page_size: int = 2, **arguments: str) -> etree._Element:
    endpoint = Endpoint(REPO, source, Tokens("s", "lu", dt.timedelta(hours=1)), page_size)
    verb = arguments.pop("verb")
    root = envelope(REPO.base_url, T0, verb, arguments)
    endpoint.handle(OaiRequest(verb, arguments), root)
    return root


def keys(root: etree._Element) -> list[str]:
    return [
        (h.findtext(Q + "identifier") or "").rsplit(":", 1)[-1] for h in root.iter(Q + "header")
    ]


def token(root: etree._Element) -> etree._Element | None:
    return next(root.iter(Q + "resumptionToken"), None)


def test_no_metadata_formats_for_an_item_no_format_carries(monkeypatch: pytest.MonkeyPatch) -> None:
    only_dc = tuple(f for f in FORMATS if f.prefix == "oai_dc")
    monkeypatch.setattr(services, "FORMATS", only_dc)
    with pytest.raises(OaiError) as caught:
        run(memory_source([]), verb="ListMetadataFormats", identifier="oai:orcid.lv:lu/Persons/7")
    assert caught.value.code == "noMetadataFormats"


def test_a_page_ending_with_the_list_has_no_token() -> None:
    source = memory_source([article(1), article(2)])
    root = run(source, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert keys(root) == ["lu/Publications/1", "lu/Publications/2"] and token(root) is None


def test_a_record_changed_during_paging_comes_again_not_skipped() -> None:
    source = memory_source([article(1), article(2), article(3), article(4)])
    first = run(source, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert keys(first) == ["lu/Publications/1", "lu/Publications/2"]
    # Publication 1 (already shown) and 3 (not yet shown) change before the next page.
    for i, item in enumerate(source.items):
        if item.key in (1, 3):
            source.items[i] = dataclasses.replace(item, datestamp=at(60 + item.key))
    resumed = token(first)
    assert resumed is not None and resumed.text
    rest = run(source, verb="ListIdentifiers", resumptionToken=resumed.text)
    assert keys(rest) == ["lu/Publications/4", "lu/Publications/1"]
    last = token(rest)
    assert last is not None and last.text
    assert keys(run(source, verb="ListIdentifiers", resumptionToken=last.text)) == [
        "lu/Publications/3"
    ]


def test_a_resumed_list_whose_records_vanished_matches_nothing() -> None:
    source = memory_source([article(1), article(2), article(3)])
    first = run(source, verb="ListIdentifiers", metadataPrefix="oai_dc")
    resumed = token(first)
    assert resumed is not None and resumed.text
    source.items[:] = [i for i in source.items if i.key != 3]
    with pytest.raises(OaiError) as caught:
        run(source, verb="ListIdentifiers", resumptionToken=resumed.text)
    assert caught.value.code == "noRecordsMatch"


def test_deleted_works_are_listed_in_both_formats() -> None:
    source = MemorySource([work_item(5, article(5), at(1), deleted=True)])
    for prefix in ("oai_dc", "oai_cerif_openaire"):
        root = run(
            source, verb="ListRecords", metadataPrefix=prefix, set="openaire_cris_publications"
        )
        header = root.find(f"{Q}ListRecords/{Q}record/{Q}header")
        assert header is not None and header.get("status") == "deleted"
