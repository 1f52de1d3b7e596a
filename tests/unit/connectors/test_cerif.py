"""Every record of every OpenAIRE CERIF 1.2 sample, read through the OAI envelope."""

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from oai_files import Record, read_oai_file

from connectors.records import (
    Contributor,
    ExternalId,
    FuzzyDate,
    Person,
    Relationship,
    Title,
    Tombstone,
    Work,
)

Reader = Callable[[str], list[Record]]


def by_id(records: list[Record]) -> dict[str, Record]:
    return {r.local_id: r for r in records if r is not None}


def test_publications(read_cerif: Reader) -> None:
    records = read_cerif("publications")
    assert len(records) == 8
    works = by_id(records)
    article = works["Publications/812348"]
    assert isinstance(article, Work)
    assert article.titles == (
        Title("Linking Data and Publications: Towards a Cross-Disciplinary Approach", "en"),
    )
    assert article.coar_type == "http://purl.org/coar/resource_type/c_6501"
    assert article.orcid_type == "journal-article"
    assert article.publication_date == FuzzyDate(2013, 6, 14)
    assert article.container_title == "The International Journal of Digital Curation"
    assert article.issn == ("1746-8256",)
    assert article.doi == "10.2218/ijdc.v8i1.257"
    assert ExternalId("issn", "1746-8256", Relationship.PART_OF) in article.external_ids
    assert article.language == "en"
    assert len(article.contributors) == 8
    assert article.contributors[0] == Contributor(
        "Maarten Hoogerwerf", None, "author", "Persons/2123455", 1
    )
    manghi = article.contributors[4]
    assert (manghi.name, manghi.orcid) == ("Paolo Manghi", "0000-0001-7291-3210")
    assert article.oai_identifier == "oai:cris.example.org:Publications/812348"
    assert article.last_modified == datetime(2018, 1, 7, 14, tzinfo=UTC)
    assert article.source == "cris"

    journal = works["Publications/894490"]
    assert isinstance(journal, Work)
    assert (journal.title, journal.orcid_type) == (
        "The International Journal of Digital Curation",
        "journal-issue",
    )
    assert journal.issn == ("1746-8256",) and journal.publication_date is None

    editorial = works["Publications/894491"]
    assert isinstance(editorial, Work)
    assert editorial.orcid_type == "other"
    assert [c.orcid for c in editorial.contributors] == ["0000-0001-7291-3210"]

    paper = works["Publications/4123451"]
    assert isinstance(paper, Work)
    assert paper.orcid_type == "conference-paper"
    assert paper.container_title == "Metadata and Semantics Research"
    assert paper.doi == "10.1007/978-3-642-35233-1_18"
    assert ExternalId("doi", "10.1007/978-3-642-35233-1", Relationship.PART_OF) in (
        paper.external_ids
    )
    assert paper.isbn == ("9783642352324", "9783642352331")
    assert paper.publication_date == FuzzyDate(2012, 11, 30)
    assert [c.orcid for c in paper.contributors] == [
        "0000-0001-7291-3210",
        "0000-0002-5277-285X",
        None,
        "0000-0001-7941-8108",
    ]

    lizard = works["Publications/852734"]
    assert isinstance(lizard, Work)
    assert lizard.doi == "10.1111/j.1558-5646.2011.01539.x"
    assert lizard.container_title == "Evolution" and lizard.issn == ("1558-5646",)
    assert lizard.publication_date is None
    # The dataset it references is a separate product, not this work's identifier.
    assert "10.5061/dryad.4gh6hf5g" not in lizard.ids_of("doi")

    evolution = works["Publications/893204"]
    assert isinstance(evolution, Work) and evolution.title == "Evolution"

    proceedings = works["Publications/895501"]
    assert isinstance(proceedings, Work)
    assert proceedings.orcid_type == "conference-proceedings"
    assert proceedings.subtitle is not None and proceedings.subtitle.startswith("6th Research")
    assert proceedings.isbn == ("9783642352324", "9783642352331")
    assert ExternalId("isbn", "9783642352324") in proceedings.external_ids

    gone = works["Publications/899999"]
    assert gone == Tombstone(
        "cris",
        "Publications/899999",
        "work",
        "oai:cris.example.org:Publications/899999",
        datetime(2018, 5, 15, 14, tzinfo=UTC),
    )


def test_products(read_cerif: Reader) -> None:
    records = read_cerif("products")
    works = by_id(records)
    assert len(records) == len(works) and all(isinstance(w, Work) for w in works.values())
    airborne = works["Products/7123451"]
    assert isinstance(airborne, Work)
    assert airborne.orcid_type == "data-set"
    assert airborne.title is not None and airborne.title.startswith("Airborne In-situ")
    assert airborne.url == "http://catalogue.ceda.ac.uk/uuid/d40e4067ae0121b31bb1ba57e04707de"
    assert airborne.ids_of("uri") == (airborne.url,)
    dryad = works["Products/729487"]
    assert isinstance(dryad, Work)
    assert dryad.doi == "10.5061/dryad.4gh6hf5g"
    assert [c.name for c in dryad.contributors] == ["Sonal Singhal", "Craig Moritz"]
    script = works["Products/729482"]
    assert isinstance(script, Work)
    assert (script.orcid_type, script.doi) == ("software", "10.5061/dryad.4gh6hf5g/2")
    assert ExternalId("doi", "10.5061/dryad.4gh6hf5g", Relationship.PART_OF) in (
        script.external_ids
    )


def test_patents(read_cerif: Reader) -> None:
    works = by_id(read_cerif("patents"))
    assert set(works) == {"Patents/712178", "Patents/712179"}
    granted = works["Patents/712178"]
    assert isinstance(granted, Work)
    assert granted.orcid_type == "patent"
    assert granted.title == "MEDICAL DEVICE, IN PARTICULAR FOR THE SEPARATION OF A FLUID"
    assert granted.publication_date == FuzzyDate(2017, 8, 8)
    assert granted.ids_of("pat") == ("BR20161110203",)
    assert [c.name for c in granted.contributors] == [
        "Massimo Zanin",
        "Marco Pizzi",
        "Laura Mazzucco",
        "Marco Bertoni",
    ]
    assert {c.role for c in granted.contributors} == {"co-inventor"}
    application = works["Patents/712179"]
    assert isinstance(application, Work)
    assert application.publication_date == FuzzyDate(2014, 11, 13)  # ApprovalDate


def test_persons(read_cerif: Reader) -> None:
    records = read_cerif("persons")
    assert len(records) == 18 and all(isinstance(p, Person) for p in records)
    people = by_id(records)
    houssos = people["Persons/2123451"]
    assert isinstance(houssos, Person)
    assert (houssos.family_name, houssos.given_names) == ("Houssos", "Nikos")
    assert houssos.orcid == "0000-0002-5277-285X"
    assert ExternalId("researcher-id", "F-8684-2012") in houssos.other_ids
    assert ExternalId("scopus-author-id", "6508266266") in houssos.other_ids
    assert houssos.affiliations[0].organisation == "EKT"
    assert houssos.affiliations[0].local_id == "OrgUnits/312347"
    hoogerwerf = people["Persons/2123455"]
    assert isinstance(hoogerwerf, Person)
    assert ExternalId("isni", "0000000394482436") in hoogerwerf.other_ids
    assert hoogerwerf.orcid is None
    with_orcid = {p.local_id: p.orcid for p in people.values() if isinstance(p, Person)}
    assert {k: v for k, v in with_orcid.items() if v} == {
        "Persons/2123451": "0000-0002-5277-285X",
        "Persons/2123452": "0000-0001-7291-3210",
        "Persons/2123453": "0000-0001-7941-8108",
        "Persons/2123457": "0000-0002-0458-1004",
    }


def test_placeholder_orcid_with_bad_check_digit_is_dropped(read_cerif: Reader) -> None:
    # The sample "max mustermann" carries 0009-0000-0000-0000, whose check digit is wrong.
    people = by_id(read_cerif("persons"))
    mustermann = people["Persons/2000001"]
    assert isinstance(mustermann, Person)
    assert mustermann.orcid is None
    assert ExternalId("researcher-id", "XYZ-4201-2023") in mustermann.other_ids


@pytest.mark.parametrize(
    ("entity", "count"),
    [("orgunits", 13), ("projects", 4), ("fundings", 11), ("events", 1), ("equipments", 2)],
)
def test_other_entities_are_recognised_and_skipped(
    read_cerif: Reader, entity: str, count: int
) -> None:
    assert read_cerif(entity) == [None] * count


def test_cerif_1_1_namespace_reads_the_same(cerif_samples: Path, tmp_path: Path) -> None:
    # No 1.1 sample is published beside 1.2; the element names read here are the
    # same, so the 1.2 sample with its namespace swapped stands in for one.
    source = cerif_samples / "openaire_cerif_xml_example_publications.xml"
    old = tmp_path / "publications-1.1.xml"
    old.write_bytes(source.read_bytes().replace(b"cerif-profile/1.2/", b"cerif-profile/1.1/"))
    new = read_oai_file(source, "cerif-1.2")
    assert read_oai_file(old, "cerif-1.1") == new
