"""Pure web services connector, faked with ``responses``; asserts the api-key header."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import responses

from connectors.base import Checkpoint, PersonRef
from connectors.errors import TransportError
from connectors.pure import PureConnector
from connectors.records import Affiliation, Contributor, FuzzyDate, Person, Work

API = "https://pure.rsu.lv/ws/api/524"


def output(uuid: str, title: Any = "Vitamin D in Latvia", **extra: Any) -> dict[str, Any]:
    return {
        "uuid": uuid,
        "title": title,
        "type": {
            "uri": "/dk/atira/pure/researchoutput/researchoutputtypes/contributiontojournal/article"
        },
        "publicationStatuses": [
            {"current": False, "publicationDate": {"year": 2021}},
            {"current": True, "publicationDate": {"year": 2022, "month": 3, "day": 9}},
        ],
        "personAssociations": [
            {
                "name": {"firstName": "Anna", "lastName": "Bērziņa"},
                "person": {"uuid": "p-1"},
                "personRole": {
                    "uri": "/dk/atira/pure/researchoutput/roles/contributiontojournal/author"
                },
            }
        ],
        "electronicVersions": [{"doi": "https://doi.org/10.3390/NU14061234"}],
        "journalAssociation": {"title": {"value": "Nutrients"}, "issn": {"value": "2072-6643"}},
        "info": {"modifiedDate": "2024-01-10T09:00:00.000+0000"},
        **extra,
    }


PERSON = {
    "uuid": "p-1",
    "name": {"firstName": "Anna", "lastName": "Bērziņa"},
    "orcid": "0000-0002-1825-0097",
    "staffOrganisationAssociations": [
        {
            "organisationalUnit": {
                "uuid": "o-9",
                "name": {"text": [{"value": "Rīga Stradiņš University"}]},
            }
        }
    ],
}


@pytest.fixture
def http() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock() as mock:
        yield mock


def connector() -> PureConnector:
    return PureConnector({"api_url": API, "api_key": "k-123", "source": "rsu", "page_size": 2})


def test_output_mapping_and_api_key(http: responses.RequestsMock) -> None:
    http.get(f"{API}/research-outputs", json={"count": 1, "items": [output("o-1")]})
    http.get(f"{API}/persons", json={"count": 1, "items": [PERSON]})
    items = list(connector().harvest())
    work, _, person, done = items
    assert isinstance(work, Work) and isinstance(person, Person)
    assert isinstance(done, Checkpoint) and done.complete
    assert work.title == "Vitamin D in Latvia" and work.orcid_type == "journal-article"
    assert work.publication_date == FuzzyDate(2022, 3, 9)  # the current status
    assert work.doi == "10.3390/nu14061234"
    assert work.issn == ("2072-6643",) and work.container_title == "Nutrients"
    assert work.contributors == (Contributor("Anna Bērziņa", None, "author", "p-1", 1),)
    assert person.orcid == "0000-0002-1825-0097"
    assert person.affiliations == (Affiliation("Rīga Stradiņš University", "o-9"),)
    for call in http.calls:
        assert call.request.headers["api-key"] == "k-123"
        assert call.request.headers["Accept"] == "application/json"


def test_paging_checkpoint_and_resume(http: responses.RequestsMock) -> None:
    http.get(f"{API}/research-outputs", json={"count": 3, "items": [output("o-1"), output("o-2")]})
    run = connector().harvest()
    first = [next(run), next(run), next(run)]
    run.close()
    saved = first[2]
    assert isinstance(saved, Checkpoint) and saved.state["offset"] == 2
    http.get(f"{API}/research-outputs", json={"count": 3, "items": [output("o-3", {"value": "T"})]})
    http.get(f"{API}/persons", json={"count": 0, "items": []})
    rest = list(connector().harvest(checkpoint=saved))
    assert [r.local_id for r in rest if isinstance(r, Work)] == ["o-3"]
    assert parse_qs(urlsplit(http.calls[1].request.url).query)["offset"] == ["2"]


def test_since_filters_old_records(http: responses.RequestsMock) -> None:
    http.get(f"{API}/research-outputs", json={"count": 1, "items": [output("o-1")]})
    http.get(f"{API}/persons", json={"count": 0, "items": []})
    items = list(connector().harvest(since=datetime(2024, 6, 1, tzinfo=UTC)))
    assert not any(isinstance(i, Work) for i in items)


def test_works_of_person_by_orcid(http: responses.RequestsMock) -> None:
    http.get(f"{API}/persons", json={"count": 1, "items": [PERSON]})
    http.get(f"{API}/persons/p-1/research-outputs", json={"count": 1, "items": [output("o-1")]})
    works = list(
        connector().works_of_person(PersonRef(orcid="https://orcid.org/0000-0002-1825-0097"))
    )
    assert [w.local_id for w in works] == ["o-1"]
    assert parse_qs(urlsplit(http.calls[0].request.url).query)["q"] == [
        "https://orcid.org/0000-0002-1825-0097"
    ]


def test_a_redirect_is_not_followed_with_the_api_key(http: responses.RequestsMock) -> None:
    http.get(
        f"{API}/research-outputs",
        status=301,
        headers={"Location": "https://elsewhere.example.com/ws/api/research-outputs"},
    )
    with pytest.raises(TransportError, match=r"redirected to https://elsewhere\.example\.com"):
        connector().identify()
    assert len(http.calls) == 1
