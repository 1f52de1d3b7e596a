from __future__ import annotations

from lxml import etree

from connectors.oaipmh import cerif as parser
from connectors.oaipmh.formats import RecordContext
from connectors.records import Contributor, ExternalId, FuzzyDate, Person, Relationship, Title, Work
from connectors.worktypes import ORCID_WORK_TYPES, orcid_to_coar
from orcid_hub.oai.cerif import CERIF, orcid_uri, work_element
from orcid_hub.oai.cerif_agents import orgunit_element, person_element
from orcid_hub.oai.source import OrgUnit
from orcid_hub.oai.vocab import Kind, cerif_type, kind_of
from tests.oai_data import COAR, article, patent

C = "{" + CERIF + "}"
ORG = OrgUnit("Rīgas Tehniskā universitāte", "Riga Technical University", "RTU", "01a92vw29")


def valid(schema: etree.XMLSchema, element: etree._Element) -> etree._Element:
    assert schema.validate(element), schema.error_log
    return element


def test_kinds_and_types_stay_inside_the_profile_lists() -> None:
    assert kind_of(COAR + "c_6501", "journal-article") is Kind.PUBLICATION
    assert kind_of(COAR + "c_ddb1", "other") is Kind.PRODUCT
    assert kind_of(None, "software") is Kind.PRODUCT
    assert kind_of(None, "patent") is Kind.PATENT
    assert kind_of("http://example.org/unknown", "other") is Kind.PUBLICATION
    # COAR's "conference presentation" id in worktypes is not in the 1.2 list: text instead.
    assert cerif_type(Kind.PUBLICATION, COAR + "c_R60J", "other") == COAR + "c_18cf"
    assert cerif_type(Kind.PUBLICATION, None, "book") == COAR + "c_2f33"
    assert cerif_type(Kind.PRODUCT, COAR + "c_6501", "data-set") == COAR + "c_ddb1"


def test_orcid_ids_outside_the_profile_pattern_are_left_out() -> None:
    assert orcid_uri("0000-0002-1825-0097", "x") == "https://orcid.org/0000-0002-1825-0097"
    assert orcid_uri("0009-0002-1825-0097", "x") == "https://orcid.org/0009-0002-1825-0097"
    assert orcid_uri("0000-0001-2345-6789", "x") is None  # below the issued range
    assert orcid_uri(None, "x") is None


def test_a_book_chapter_is_part_of_its_book(oai_schema: etree.XMLSchema) -> None:
    chapter = Work(
        source="cris",
        local_id="1",
        titles=(Title("Chapter"),),
        orcid_type="book-chapter",
        coar_type=COAR + "c_3248",
        container_title="The Book",
        isbn=("9783642352331",),
        external_ids=(
            ExternalId("isbn", "9783642352331", Relationship.PART_OF),
            ExternalId("doi", "not a doi"),
            ExternalId("handle", "20.500.12345/7"),
        ),
        contributors=(Contributor("Ed Itor", None, "editor", sequence=1),),
    )
    element = valid(oai_schema, work_element(chapter, Kind.PUBLICATION, "lu/Publications/1", {}))
    book = element.find(f"{C}PartOf/{C}Publication")
    assert book is not None and book.findtext(C + "ISBN") == "9783642352331"
    assert element.find(C + "DOI") is None  # a value the profile's pattern refuses
    assert element.findtext(C + "Handle") == "20.500.12345/7"
    assert element.findtext(f"{C}Editors/{C}Editor/{C}DisplayName") == "Ed Itor"


def test_a_patent_keeps_only_a_whole_date(oai_schema: etree.XMLSchema) -> None:
    whole = valid(oai_schema, work_element(patent(1), Kind.PATENT, "lu/Patents/1", {}))
    assert whole.findtext(C + "PublicationDate") == "2024-02-20"
    assert whole.findtext(C + "PatentNumber") == "LV15001"
    year_only = Work(
        **{
            **{f: getattr(patent(1), f) for f in Work.__dataclass_fields__},
            "publication_date": FuzzyDate(2024),
        }
    )
    assert (
        valid(oai_schema, work_element(year_only, Kind.PATENT, "p", {})).find(C + "PublicationDate")
        is None
    )


def test_persons_and_the_institution(oai_schema: etree.XMLSchema) -> None:
    person = Person("hub", "3", "Kalniņa", "Līga Marta", "0000-0002-1825-0097")
    element = valid(oai_schema, person_element(person, "rtu/Persons/3", ORG, "rtu/OrgUnits/2"))
    context = RecordContext("hub", "rtu/Persons/3", "oai:x.lv:rtu/Persons/3", None)
    back = parser.parse(element, context)
    assert isinstance(back, Person)
    assert (back.family_name, back.given_names, back.orcid) == (
        "Kalniņa",
        "Līga Marta",
        "0000-0002-1825-0097",
    )
    assert back.affiliations[0].local_id == "rtu/OrgUnits/2"
    nameless = Person("hub", "4")
    valid(oai_schema, person_element(nameless, "rtu/Persons/4", ORG, "rtu/OrgUnits/2"))
    org = valid(oai_schema, orgunit_element(ORG, "rtu/OrgUnits/2"))
    assert org.findtext(C + "RORID") == "https://ror.org/01a92vw29"
    odd = OrgUnit("Nosaukums", "", "X", "not-a-ror")
    assert valid(oai_schema, orgunit_element(odd, "x/OrgUnits/1")).find(C + "RORID") is None


def test_article_parsed_back_by_the_connector(oai_schema: etree.XMLSchema) -> None:
    work = article(3)
    element = valid(oai_schema, work_element(work, Kind.PUBLICATION, "lu/Publications/3", {}))
    back = parser.parse(element, RecordContext("cris", "Publications/3", "oai:x:1", None))
    assert isinstance(back, Work)
    assert back.titles == work.titles
    assert set(back.external_ids) == set(work.external_ids)
    assert back.publication_date == FuzzyDate(2025, 5) and back.language == "lv"


def test_values_the_profile_refuses_are_cleaned_or_left_out(oai_schema: etree.XMLSchema) -> None:
    messy = Work(
        source="sheet",
        local_id="1",
        titles=(Title("Bell\x07 and tab\there", "en_US"), Title("Otrs", "lv")),
        orcid_type="book",
        coar_type=COAR + "c_2f33",
        container_title="Series",
        issn=("ISSN 12",),
        isbn=("978-9934-18-123-4",),
        external_ids=(
            ExternalId("isbn", "12345", Relationship.SELF),
            ExternalId("isbn", "978-9934-18-123-4", Relationship.SELF),
            ExternalId("issn", "1234-5679", Relationship.PART_OF),
        ),
    )
    element = valid(oai_schema, work_element(messy, Kind.PUBLICATION, "x/Publications/1", {}))
    titles = element.findall(C + "Title")
    assert [t.text for t in titles] == ["Bell and tab\there", "Otrs"]
    assert [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in titles] == [None, "lv"]
    assert [e.text for e in element.iter(C + "ISSN")] == ["1234-5679"]
    assert [e.text for e in element.findall(C + "ISBN")] == ["978-9934-18-123-4"]


def test_every_orcid_work_type_makes_a_valid_record(oai_schema: etree.XMLSchema) -> None:
    for work_type in sorted(ORCID_WORK_TYPES):
        for coar in (orcid_to_coar(work_type), None):
            work = article(1, orcid_type=work_type, coar_type=coar)
            kind = kind_of(coar, work_type)
            valid(oai_schema, work_element(work, kind, f"lu/{kind.value}/1", {}))
