"""Records for the OAI-PMH endpoint's tests: canonical works, persons, a memory source."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from connectors.oaipmh import formats
from connectors.oaipmh.connector import convert
from connectors.oaipmh.protocol import PageReader
from connectors.records import (
    Contributor,
    ExternalId,
    FuzzyDate,
    Person,
    Relationship,
    Title,
    Work,
)
from orcid_hub.oai.source import Item, MemorySource
from orcid_hub.oai.vocab import Kind, work_kind

T0 = dt.datetime(2026, 3, 1, 9, 0, 0, tzinfo=dt.UTC)
LINKED_ORCID = "0000-0002-1825-0097"
COAR = "http://purl.org/coar/resource_type/"


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def sample_works(fixtures: Path) -> list[Work]:
    """The publications, products and patents of the OpenAIRE CERIF 1.2 samples, as parsed."""
    fmt = formats.by_name("cerif-1.2")
    assert fmt is not None
    found: list[Work] = []
    for entity in ("publications", "products", "patents"):
        path = (
            fixtures / "openaire-cerif-1.2" / "samples" / f"openaire_cerif_xml_example_{entity}.xml"
        )
        with path.open("rb") as stream:
            for raw in PageReader(stream, str(path), "ListRecords"):
                record = convert(raw, fmt, "cris")
                if isinstance(record, Work):
                    found.append(record)
    return found


def article(n: int = 1, **changes: object) -> Work:
    fields: dict[str, object] = {
        "source": "cris",
        "local_id": f"Publications/{n}",
        "titles": (Title(f"Pētījums nr. {n}", "lv"), Title(f"Study no. {n}", "en")),
        "orcid_type": "journal-article",
        "coar_type": COAR + "c_6501",
        "publication_date": FuzzyDate(2025, 5),
        "container_title": "Latvian Journal of Physics",
        "issn": ("0868-8257",),
        "external_ids": (
            ExternalId("doi", f"10.2478/lpts-2025-{n:04d}"),
            ExternalId("issn", "0868-8257", Relationship.PART_OF),
        ),
        "contributors": (
            Contributor("Anna Ozoliņa", LINKED_ORCID, "author", sequence=1),
            Contributor("Jānis Bērziņš", None, "author", sequence=2),
        ),
        "language": "lv",
    }
    fields.update(changes)
    return Work(**fields)  # type: ignore[arg-type]


def dataset(n: int = 1) -> Work:
    return Work(
        source="cris",
        local_id=f"Products/{n}",
        titles=(Title(f"Measurements {n}", "en"),),
        orcid_type="data-set",
        coar_type=COAR + "c_ddb1",
        external_ids=(ExternalId("doi", f"10.48510/data-{n}"),),
        contributors=(Contributor("Anna Ozoliņa", LINKED_ORCID, "author", sequence=1),),
    )


def patent(n: int = 1) -> Work:
    return Work(
        source="cris",
        local_id=f"Patents/{n}",
        titles=(Title(f"A method no. {n}", "en"),),
        orcid_type="patent",
        coar_type=COAR + "c_15cd",
        publication_date=FuzzyDate(2024, 2, 20),
        external_ids=(ExternalId("pat", f"LV1500{n}"),),
        contributors=(Contributor("Anna Ozoliņa", LINKED_ORCID, "author", sequence=1),),
    )


def linked_person(key: int = 7) -> Person:
    return Person(
        source="orcid-hub",
        local_id=str(key),
        family_name="Ozoliņa",
        given_names="Anna",
        orcid=LINKED_ORCID,
    )


def work_item(key: int, work: Work, stamp: dt.datetime, deleted: bool = False) -> Item:
    kind = work_kind(work)
    return Item(kind, key, stamp, deleted=deleted, record=None if deleted else work)


def memory_source(works: list[Work], start: dt.datetime = T0) -> MemorySource:
    """The works a minute apart from ``start``, and one linked person."""
    items = [work_item(i + 1, w, start + dt.timedelta(minutes=i)) for i, w in enumerate(works)]
    items.append(Item(Kind.PERSON, 7, start, record=linked_person()))
    return MemorySource(items)


def carried(work: Work) -> dict[str, object]:
    """The fields of a work that its CERIF entity carries."""
    kind = work_kind(work)
    fields = dataclasses.asdict(work)
    for name in ("source", "local_id", "oai_identifier", "last_modified", "deleted"):
        fields.pop(name)
    fields["contributors"] = [(c.name, c.orcid, c.sequence) for c in work.contributors]
    fields["external_ids"] = sorted(set(work.external_ids), key=str)
    if kind is not Kind.PUBLICATION:
        fields["publication_date"] = None if kind is Kind.PRODUCT else fields["publication_date"]
    return fields
