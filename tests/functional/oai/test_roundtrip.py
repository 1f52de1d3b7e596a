"""The hub's endpoint harvested back by the hub's own OAI-PMH connector over loopback HTTP."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from connectors.base import Checkpoint
from connectors.oaipmh import OaiPmhConnector
from connectors.records import Person, Tombstone, Work
from orcid_hub.oai.source import Item, MemorySource
from orcid_hub.oai.vocab import Kind, work_kind
from tests.oai_data import (
    article,
    at,
    carried,
    dataset,
    linked_person,
    patent,
    sample_works,
    work_item,
)


def test_round_trip_through_the_connector(
    live_url: str, fixtures_dir: Path, serve: Callable[..., None], source: MemorySource
) -> None:
    works = [*sample_works(fixtures_dir), article(1), dataset(2), patent(3)]
    source.items[:] = [work_item(i + 1, w, at(i)) for i, w in enumerate(works)]
    source.items.append(Item(Kind.PERSON, 7, at(0), record=linked_person()))
    source.items.append(work_item(99, article(99), at(50), deleted=True))
    serve(page_size=4)

    connector = OaiPmhConnector({"base_url": live_url, "source": "hub", "timeout": 5})
    assert connector.identify().details["format"] == "cerif-1.2"
    items = list(connector.harvest())
    records = [i for i in items if not isinstance(i, Checkpoint)]
    assert sum(isinstance(i, Checkpoint) for i in items) > 4  # it went through tokens

    harvested = {r.local_id: r for r in records}
    served = {f"lu/{work_kind(w).value}/{i + 1}": w for i, w in enumerate(works)}
    for local_id, work in served.items():
        back = harvested[local_id]
        assert isinstance(back, Work)
        assert carried(back) == carried(work), local_id
    person = harvested["lu/Persons/7"]
    assert isinstance(person, Person)
    assert (person.orcid, person.family_name, person.given_names) == (
        "0000-0002-1825-0097",
        "Ozoliņa",
        "Anna",
    )
    tombstone = harvested["lu/Publications/99"]
    assert isinstance(tombstone, Tombstone) and tombstone.kind == "work"


def test_round_trip_in_oai_dc(
    live_url: str, serve: Callable[..., None], source: MemorySource
) -> None:
    served = [article(1), article(4), article(5)]
    serve(page_size=2)
    connector = OaiPmhConnector(
        {"base_url": live_url, "source": "hub", "timeout": 5, "metadata_format": "oai_dc"}
    )
    works = [i for i in connector.harvest() if isinstance(i, Work)]
    # The memory source also holds a dataset and a patent: oai_dc carries every work.
    assert [w.local_id for w in works] == [
        "lu/Publications/1",
        "lu/Publications/4",
        "lu/Publications/5",
        "lu/Products/2",
        "lu/Patents/3",
    ]
    for back, original in zip(works, served, strict=False):
        assert back.titles == original.titles
        assert (back.orcid_type, back.coar_type) == (original.orcid_type, original.coar_type)
        assert back.publication_date == original.publication_date
        assert (back.container_title, back.language) == (original.container_title, "lv")
        assert set(back.external_ids) == set(original.external_ids)
        assert [(c.name, c.role) for c in back.contributors] == [
            (c.name, c.role) for c in original.contributors
        ]
