"""Spreadsheet import: templates, CSV and XLSX, column mapping, per-row errors, no half-imports."""

import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from connectors.base import Checkpoint
from connectors.errors import ConfigurationError, ParseError
from connectors.records import Contributor, FuzzyDate, Person, Work
from connectors.spreadsheet import (
    SpreadsheetConnector,
    describe,
    preview,
    template_csv,
    template_xlsx,
)

GOOD = """local_id;title;type;publication_date;doi;issn;authors
PUB-1;Datu kvalitāte;journal-article;2023-05;https://doi.org/10.1234/ABC;1407-0626;\
"Bērziņa, Anna (0000-0002-1825-0097); Ozols, Jānis"
PUB-2;Grāmata;http://purl.org/coar/resource_type/c_2f33;2020;;;
"""


def test_templates_are_documented_and_readable() -> None:
    assert "* local_id" in describe("works") and "* family_name" in describe("persons")
    for kind in ("works", "persons"):
        from_csv = preview(template_csv(kind).encode(), f"{kind}.csv", kind)
        from_xlsx = preview(template_xlsx(kind), f"{kind}.xlsx", kind)
        assert from_csv.ok and from_xlsx.ok, (from_csv.errors, from_xlsx.errors)
        assert from_csv.records == from_xlsx.records and len(from_csv.records) == 1


def test_semicolon_csv_to_works() -> None:
    result = preview(GOOD.encode(), "works.csv", "works", "lu")
    assert result.ok, result.errors
    first, second = result.records
    assert isinstance(first, Work) and isinstance(second, Work)
    assert (first.local_id, first.title, first.orcid_type) == (
        "PUB-1",
        "Datu kvalitāte",
        "journal-article",
    )
    assert first.publication_date == FuzzyDate(2023, 5)
    assert first.doi == "10.1234/abc" and first.issn == ("1407-0626",)
    assert first.contributors == (
        Contributor("Bērziņa, Anna", "0000-0002-1825-0097", "author", None, 1),
        Contributor("Ozols, Jānis", None, "author", None, 2),
    )
    assert second.orcid_type == "book" and second.coar_type.endswith("c_2f33")  # type: ignore[union-attr]


def test_every_bad_cell_is_reported_by_row_and_column() -> None:
    data = (
        b"local_id,title,type,publication_date,doi,issn,authors\n"
        b"A,Ok,journal-article,2020,10.1234/x,,\n"
        b"B,,poem,2020-13-45x,not-a-doi,1746-8257,X (0000-0001-7291-3211)\n"
        b"A,Dup,book,,,,\n"
    )
    result = preview(data, "w.csv")
    assert not result.ok and result.records[0].local_id == "A"
    messages = [str(e) for e in result.errors]
    assert messages == [
        "row 3, column B (title): is required",
        "row 3, column C (type): 'poem' is neither an ORCID work type nor a COAR type URI",
        "row 3, column D (publication_date): use YYYY, YYYY-MM or YYYY-MM-DD",
        "row 3, column E (doi): a DOI starts with '10.', a registrant and '/'",
        "row 3, column F (issn): the check digit does not match",
        "row 3, column G (authors): author 1: the check digit does not match",
        "row 4, column A (local_id): 'A' already used on row 2",
    ]


def test_row_with_more_values_than_the_header_is_an_error() -> None:
    result = preview("local_id;title;type\nA;T;book;Ozols, Jānis\n".encode(), "w.csv")
    assert [str(e) for e in result.errors] == [
        "row 2: 4 values but the header names 3 columns (a delimiter inside an unquoted cell?)"
    ]


def test_missing_required_column_is_reported_on_the_header_row() -> None:
    result = preview(b"title,type\nX,book\n", "w.csv")
    assert [str(e) for e in result.errors] == ["row 1, column local_id: required column is missing"]


def test_column_map_and_xlsx_persons(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "Uzvārds", "Vārds", "ORCID", "Iestāde"])
    sheet.append([17, "Bērziņa", "Anna", "https://orcid.org/0000-0002-1825-0097", "LU"])
    path = tmp_path / "people.xlsx"
    book.save(path)
    conn = SpreadsheetConnector(
        {
            "path": str(path),
            "source": "lu",
            "record_type": "persons",
            "column_map": (
                "ID=local_id; Uzvārds=family_name; Vārds=given_names; Iestāde=affiliation"
            ),
        }
    )
    assert conn.identify().details["rows"] == "1"
    person, done = list(conn.harvest())
    assert isinstance(person, Person) and isinstance(done, Checkpoint) and done.complete
    assert (person.local_id, person.family_name, person.orcid) == (
        "17",
        "Bērziņa",
        "0000-0002-1825-0097",
    )
    assert person.affiliations[0].organisation == "LU"
    # The same file again: nothing to do.
    assert list(conn.harvest(checkpoint=done)) == [done]


def test_bad_column_map_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="column_map"):
        SpreadsheetConnector({"path": "x.csv", "source": "s", "column_map": "Nosaukums=titel"})


def test_malformed_file_never_half_imports(tmp_path: Path) -> None:
    path = tmp_path / "works.csv"
    path.write_bytes(GOOD.encode() + b"PUB-3;;journal-article;;;;\n")
    conn = SpreadsheetConnector({"path": str(path), "source": "lu"})
    yielded = []
    with pytest.raises(ParseError, match=r"1 problem\(s\), nothing imported: row 4, column B"):
        yielded.extend(conn.harvest())
    assert yielded == []


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\xff\xfe l\x00", "w.csv", "not UTF-8"),
        (b"PK\x03\x04 not really a zip", "w.xlsx", "not a readable XLSX"),
        (b"\n\n", "w.csv", "no rows"),
    ],
)
def test_unreadable_files(data: bytes, name: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        preview(data, name)


def test_xlsx_date_cells_become_dates() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["local_id", "title", "type", "publication_date"])
    sheet.append(["X", "T", "book", date(2021, 4, 5)])
    sheet.append(["Y", "T", "book", 2019])
    out = io.BytesIO()
    book.save(out)
    result = preview(out.getvalue(), "w.xlsx")
    assert [r.publication_date for r in result.records] == [FuzzyDate(2021, 4, 5), FuzzyDate(2019)]  # type: ignore[union-attr]
