import json
from datetime import UTC, datetime

import pytest

from connectors.records import (
    Contributor,
    ExternalId,
    FuzzyDate,
    Person,
    Relationship,
    Title,
    Tombstone,
    Work,
    to_dict,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2013-06-14", FuzzyDate(2013, 6, 14)),
        ("2013-06", FuzzyDate(2013, 6)),
        ("2011", FuzzyDate(2011)),
        ("2018-01-07T14:00:00Z", FuzzyDate(2018, 1, 7)),
        ("2019-02-30", FuzzyDate(2019, 2)),
        ("2019-13-01", FuzzyDate(2019)),
        ("fjGUgM9ayQrxBZvkONAW4e2jli8kl", None),
        ("", None),
        (None, None),
    ],
)
def test_fuzzy_date_parse(text: str | None, expected: FuzzyDate | None) -> None:
    assert FuzzyDate.parse(text) == expected


def test_fuzzy_date_rules() -> None:
    assert str(FuzzyDate(2012, 3)) == "2012-03"
    with pytest.raises(ValueError, match="day needs a month"):
        FuzzyDate(2012, None, 3)


def test_work_is_frozen_and_serialisable() -> None:
    work = Work(
        source="cris",
        local_id="Publications/1",
        titles=(Title("Linking Data", "en"),),
        orcid_type="journal-article",
        publication_date=FuzzyDate(2013, 6),
        external_ids=(
            ExternalId("doi", "10.1/x"),
            ExternalId("issn", "1746-8256", Relationship.PART_OF),
        ),
        contributors=(Contributor("Paolo Manghi", "0000-0001-7291-3210"),),
        last_modified=datetime(2018, 1, 7, 14, tzinfo=UTC),
    )
    assert work.title == "Linking Data"
    assert work.doi == "10.1/x"
    assert work.ids_of("issn") == ("1746-8256",)
    with pytest.raises(AttributeError):
        work.local_id = "other"  # type: ignore[misc]
    data = json.loads(json.dumps(to_dict(work)))
    assert data["record_type"] == "work"
    assert data["publication_date"] == "2013-06"
    issn = {"type": "issn", "value": "1746-8256", "relationship": "part-of"}
    assert data["external_ids"][1] == issn
    assert data["last_modified"] == "2018-01-07T14:00:00+00:00"


def test_person_and_tombstone() -> None:
    person = Person("cris", "Persons/1", family_name="Jörg", given_names="Brigitte")
    assert person.display_name == "Brigitte Jörg"
    assert to_dict(Tombstone("cris", "x"))["record_type"] == "tombstone"
