"""DSpace 7 REST connector, faked at the HTTP boundary with ``responses``."""

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import responses

from connectors.base import Checkpoint, PersonRef
from connectors.dspace import DSpaceConnector
from connectors.errors import TransportError
from connectors.records import ExternalId, FuzzyDate, Relationship, Tombstone, Work

API = "https://dspace.lu.lv/server/api"
SEARCH = f"{API}/discover/search/objects"


def item(uuid: str, title: str, **extra: Any) -> dict[str, Any]:
    metadata = {
        "dc.title": [{"value": title, "language": "lv", "authority": None, "place": 0}],
        "dc.contributor.author": [
            {"value": "Bērziņa, Anna", "authority": "0000-0002-1825-0097", "place": 0},
            {"value": "Ozols, Jānis", "authority": None, "place": 1},
        ],
        "dc.date.issued": [{"value": "2023-05"}],
        "dc.type": [{"value": "Article"}],
        "dc.identifier.doi": [{"value": "https://doi.org/10.22364/BJMC.2023.11.2.01"}],
        "dc.identifier.issn": [{"value": "2255-8942"}],
        "dc.identifier.uri": [{"value": f"https://dspace.lu.lv/handle/7/{uuid}"}],
        "dc.relation.ispartof": [{"value": "Baltic Journal of Modern Computing"}],
        "dc.language.iso": [{"value": "en"}],
    }
    return {
        "id": uuid,
        "uuid": uuid,
        "name": title,
        "handle": f"7/{uuid}",
        "metadata": metadata,
        "inArchive": True,
        "withdrawn": False,
        "lastModified": "2024-02-01T10:11:12.345+00:00",
        "type": "item",
        **extra,
    }


def page(items: list[dict[str, Any]], number: int, total_pages: int) -> dict[str, Any]:
    objects = [{"_embedded": {"indexableObject": i}, "type": "discover"} for i in items]
    return {
        "type": "discover",
        "_embedded": {
            "searchResult": {
                "_embedded": {"objects": objects},
                "page": {"number": number, "size": 2, "totalPages": total_pages},
            }
        },
    }


@pytest.fixture
def http() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock() as mock:
        yield mock


def connector() -> DSpaceConnector:
    return DSpaceConnector({"api_url": API, "source": "lu", "page_size": 2})


def query_of(call: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(call.request.url).query)


def test_identify(http: responses.RequestsMock) -> None:
    http.get(API, json={"dspaceName": "LU DSpace", "dspaceVersion": "DSpace 7.6.1"})
    info = connector().identify()
    assert (info.name, info.details["version"]) == ("LU DSpace", "DSpace 7.6.1")
    assert http.calls[0].request.headers["Accept"] == "application/json"


def test_item_metadata_to_work(http: responses.RequestsMock) -> None:
    http.get(SEARCH, json=page([item("a1", "Datu kvalitāte")], 0, 1))
    work, done = list(connector().harvest())
    assert isinstance(work, Work) and isinstance(done, Checkpoint) and done.complete
    assert work.local_id == "a1"
    assert work.title == "Datu kvalitāte" and work.titles[0].lang == "lv"
    assert work.orcid_type == "journal-article"
    assert work.publication_date == FuzzyDate(2023, 5)
    assert work.doi == "10.22364/bjmc.2023.11.2.01"
    assert ExternalId("issn", "2255-8942", Relationship.PART_OF) in work.external_ids
    assert ExternalId("handle", "7/a1") in work.external_ids
    assert work.container_title == "Baltic Journal of Modern Computing"
    assert [(c.name, c.orcid) for c in work.contributors] == [
        ("Bērziņa, Anna", "0000-0002-1825-0097"),
        ("Ozols, Jānis", None),
    ]


def test_harvest_pages_and_checkpoints_and_withdrawn(http: responses.RequestsMock) -> None:
    http.get(SEARCH, json=page([item("a1", "A"), item("a2", "B")], 0, 2))
    http.get(SEARCH, json=page([item("a3", "C", withdrawn=True)], 1, 2))
    items = list(connector().harvest())
    assert [type(i).__name__ for i in items] == [
        "Work",
        "Work",
        "Checkpoint",
        "Tombstone",
        "Checkpoint",
    ]
    middle = items[2]
    assert isinstance(middle, Checkpoint) and middle.state["page"] == 1
    assert items[3] == Tombstone("lu", "a3")
    first, second = (query_of(c) for c in http.calls)
    assert first["sort"] == ["lastModified,ASC"] and first["dsoType"] == ["ITEM"]
    assert (first["page"], second["page"]) == (["0"], ["1"])
    assert "query" not in first


def test_incremental_harvest_queries_last_modified(http: responses.RequestsMock) -> None:
    http.get(SEARCH, json=page([], 0, 0))
    done = Checkpoint({"next_since": "2024-03-01T08:00:00+00:00"}, complete=True)
    list(connector().harvest(checkpoint=done))
    assert query_of(http.calls[0])["query"] == ["lastModified:[2024-03-01T08:00:00Z TO *]"]


def test_works_of_person_by_orcid_and_by_local_id(http: responses.RequestsMock) -> None:
    http.get(SEARCH, json=page([item("a1", "A"), item("a2", "B", withdrawn=True)], 0, 1))
    http.get(SEARCH, json=page([item("a1", "A")], 0, 1))
    by_orcid = list(connector().works_of_person(PersonRef(orcid="0000-0002-1825-0097")))
    by_local = list(connector().works_of_person(PersonRef(local_id="person-uuid")))
    assert [w.local_id for w in by_orcid] == ["a1"]  # withdrawn items are not offered
    assert [w.local_id for w in by_local] == ["a1"]
    assert query_of(http.calls[0])["query"] == ["0000-0002-1825-0097"]
    assert query_of(http.calls[1])["f.author"] == ["person-uuid,authority"]


def test_http_error_is_a_transport_error(http: responses.RequestsMock) -> None:
    http.get(SEARCH, status=401, json={"message": "Authentication is required"})
    with pytest.raises(TransportError, match="HTTP 401"):
        list(connector().harvest())
