"""Semantic checks: every problem reported at once, with the field path."""

from __future__ import annotations

import dataclasses

import pytest

from orcid_hub.orcid import validation
from orcid_hub.orcid.model import Contributor, ExternalId, FuzzyDate, Organization
from orcid_hub.orcid.validation import ValidationError

from .conftest import UNIVERSITY, make_affiliation, make_funding, make_work


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {p.path: p.message for p in exc.value.problems}


def test_good_items_pass() -> None:
    validation.validate_work(make_work())
    validation.validate_affiliation(make_affiliation())
    validation.validate_funding(make_funding())


def test_every_problem_of_a_work_is_listed_with_its_path() -> None:
    work = make_work(
        title="  ",
        type="blog",
        publication_date=FuzzyDate(1899, 2, 30),
        external_ids=(
            ExternalId("doi", "not-a-doi", "part-of"),
            ExternalId("made-up", "x", "sibling-of"),
        ),
        contributors=(Contributor("A", "0000-0002-1825-0098", None, "third", "boss"),),
        language_code="xx",
        country="LA-",
    )
    with pytest.raises(ValidationError) as caught:
        validation.validate_work(work)
    found = problems(caught)
    assert set(found) == {
        "work.title",
        "work.type",
        "work.publication_date.year",
        "work.external_ids[0].value",
        "work.external_ids[1].type",
        "work.external_ids[1].relationship",
        "work.external_ids",
        "work.contributors[0].role",
        "work.contributors[0].sequence",
        "work.contributors[0].orcid",
        "work.language_code",
        "work.country",
    }
    assert "self" in found["work.external_ids"]
    assert "work.title: is required" in str(caught.value)


def test_a_work_needs_an_external_id() -> None:
    with pytest.raises(ValidationError, match="at least one external id is required"):
        validation.validate_work(make_work(external_ids=()))


@pytest.mark.parametrize(
    ("date", "path", "message"),
    [
        (FuzzyDate(2023, 2, 29), "work.publication_date.day", "not a calendar day"),
        (FuzzyDate(2024, 13), "work.publication_date.month", "not a month"),
        (FuzzyDate(2024, None, 5), "work.publication_date.day", "needs a month"),
        (FuzzyDate(None, 5), "work.publication_date", "needs a year"),
        (FuzzyDate(2101), "work.publication_date.year", "outside 1900-2100"),
    ],
)
def test_partial_dates(date: FuzzyDate, path: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.validate_work(make_work(publication_date=date))
    assert message in problems(caught)[path]


def test_leap_day_and_partial_dates_are_fine() -> None:
    validation.validate_work(make_work(publication_date=FuzzyDate(2024, 2, 29)))
    validation.validate_work(make_work(publication_date=FuzzyDate(1900)))


def test_work_type_alias_is_accepted_and_sent_canonical() -> None:
    work = validation.normalised_work(make_work(type="dataset"))
    assert work.type == "data-set"


def test_identifier_values_are_normalised_for_sending() -> None:
    work = validation.normalised_work(
        make_work(
            external_ids=(
                ExternalId("doi", "https://doi.org/10.1000/ABC", "self"),
                ExternalId("isbn", "978-0-306-40615-7", "part-of"),
                ExternalId("issn", "0317847x".replace("x", "1"), "part-of"),
            )
        )
    )
    assert [e.value for e in work.external_ids] == ["10.1000/abc", "9780306406157", "0317-8471"]


def test_affiliation_needs_a_full_disambiguated_organisation() -> None:
    org = Organization(name="", city=None, country="Latvia")
    with pytest.raises(ValidationError) as caught:
        validation.validate_affiliation(make_affiliation(organization=org))
    assert set(problems(caught)) == {
        "affiliation.organization.name",
        "affiliation.organization.city",
        "affiliation.organization.country",
        "affiliation.organization.disambiguated_id",
        "affiliation.organization.disambiguation_source",
    }


def test_end_date_needs_a_start_and_must_not_precede_it() -> None:
    with pytest.raises(ValidationError, match="end date needs a start date"):
        validation.validate_affiliation(make_affiliation(start_date=None))
    with pytest.raises(ValidationError, match="before the start date"):
        validation.validate_affiliation(
            make_affiliation(start_date=FuzzyDate(2020, 5), end_date=FuzzyDate(2020, 4, 30))
        )
    # Same year, end month unknown: as precise as both dates allow, it is not earlier.
    validation.validate_affiliation(
        make_affiliation(start_date=FuzzyDate(2020, 5), end_date=FuzzyDate(2020))
    )


def test_funding_rules() -> None:
    funding = make_funding(
        type="gift",
        currency=None,
        contributors=(Contributor("A", role="author"),),
        external_ids=(ExternalId("grant_number", "1", "part-of"),),
        organization=dataclasses.replace(UNIVERSITY, disambiguation_source="ISNI"),
    )
    with pytest.raises(ValidationError) as caught:
        validation.validate_funding(funding)
    assert set(problems(caught)) == {
        "funding.type",
        "funding.currency",
        "funding.contributors[0].role",
        "funding.external_ids",
        "funding.organization.disambiguation_source",
    }


def test_bulk_limit_and_per_work_paths() -> None:
    with pytest.raises(ValidationError) as caught:
        validation.validate_works([make_work()] * 100 + [make_work(title="")])
    assert set(problems(caught)) == {"works", "works[100].title"}


def test_lengths_urls_and_emails_the_xsd_would_refuse() -> None:
    work = make_work(
        subtitle="s" * 1001,
        url="http://example.lv/a%zz",
        contributors=(Contributor("n" * 151, email="not-an-email"),),
        external_ids=(ExternalId("doi", "10.1000/x", "self", "https://doi.org/ 10.1000/x"),),
    )
    with pytest.raises(ValidationError) as caught:
        validation.validate_work(work)
    assert set(problems(caught)) == {
        "work.subtitle",
        "work.url",
        "work.contributors[0].name",
        "work.contributors[0].email",
        "work.external_ids[0].url",
    }
    with pytest.raises(ValidationError, match="is not a URL"):
        validation.validate_work(make_work(url="http://[bad"))

    with pytest.raises(ValidationError) as long_type:
        validation.validate_funding(make_funding(organization_defined_type="t" * 256))
    assert set(problems(long_type)) == {"funding.organization_defined_type"}
    validation.validate_funding(make_funding(organization_defined_type="t" * 255))


def test_control_characters_xml_cannot_carry_are_problems_not_crashes() -> None:
    work = make_work(
        title="Results\x0cDiscussion",
        contributors=(Contributor("Anna\x00"),),
        external_ids=(ExternalId("doi", "10.1000/x\x1f", "self"),),
    )
    with pytest.raises(ValidationError) as caught:
        validation.validate_work(work)
    assert {"work.title", "work.contributors[0].name", "work.external_ids[0].value"} <= set(
        problems(caught)
    )
    with pytest.raises(ValidationError) as affiliation:
        validation.validate_affiliation(make_affiliation(department="Dept\x0b"))
    assert set(problems(affiliation)) == {"affiliation.department"}
    organization = dataclasses.replace(UNIVERSITY, name="University\x01 of Latvia")
    with pytest.raises(ValidationError) as funding:
        validation.validate_funding(make_funding(organization=organization))
    assert set(problems(funding)) == {"funding.organization.name"}
    validation.validate_work(make_work(title="Tabs\tand\nnew lines\r are fine"))


def test_contributor_ids_are_sent_in_canonical_form() -> None:
    work = make_work(contributors=(Contributor("A", "https://orcid.org/0000-0002-1825-0097"),))
    assert validation.normalised_work(work).contributors[0].orcid == "0000-0002-1825-0097"
