"""The documented spreadsheet templates: one per record type.

A file's first row holds column names. Names match ours case-insensitively
(spaces count as underscores); an admin can map other names with the
connector's ``column_map`` setting. Cells that hold lists (authors, ISBNs)
separate items with ``;``. An author may carry an ORCID iD in brackets:
``Bērziņa, Anna (0000-0002-1825-0097)``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from openpyxl import Workbook

__all__ = ["TEMPLATES", "Column", "describe", "template_csv", "template_xlsx"]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    help: str
    example: str
    required: bool = False


WORK_COLUMNS = (
    Column("local_id", "The work's id in your system; unique in the file", "PUB-2024-017", True),
    Column("title", "Main title", "Ziemeļvalstu un Baltijas pētniecības tīkli", True),
    Column("title_lang", "Language code of the title", "lv"),
    Column("type", "ORCID work type or COAR type URI", "journal-article", True),
    Column("publication_date", "YYYY, YYYY-MM or YYYY-MM-DD", "2024-03"),
    Column("journal", "Journal, book or proceedings it appeared in", "Latvijas Vēstnesis"),
    Column("doi", "DOI, with or without https://doi.org/", "10.1234/abcd.5678"),
    Column("handle", "Handle", "20.500.12345/678"),
    Column("pmid", "PubMed id", ""),
    Column("eid", "Scopus EID", ""),
    Column("wosuid", "Web of Science UID", ""),
    Column("isbn", "ISBN-10 or ISBN-13; several separated by ;", ""),
    Column("issn", "ISSN of the journal; several separated by ;", "1407-0626"),
    Column("url", "Web address of the work", ""),
    Column("language", "Language code of the work", "lv"),
    Column(
        "authors",
        "Authors separated by ;, each optionally with (ORCID iD)",
        "Bērziņa, Anna (0000-0002-1825-0097); Ozols, Jānis",
    ),
)

PERSON_COLUMNS = (
    Column("local_id", "The person's id in your system; unique in the file", "P-1042", True),
    Column("family_name", "Family name", "Bērziņa", True),
    Column("given_names", "Given names", "Anna"),
    Column("orcid", "ORCID iD, bare or as https://orcid.org/…", "0000-0002-1825-0097"),
    Column("affiliation", "Organisation name", "Latvijas Universitāte"),
    Column("affiliation_id", "Organisation id in your system", "LU"),
)

TEMPLATES: dict[str, tuple[Column, ...]] = {"works": WORK_COLUMNS, "persons": PERSON_COLUMNS}


def describe(kind: str) -> str:
    """Plain-text documentation of a template, for the upload page and the CLI."""
    lines = [f"Columns for {kind} (* = required):"]
    for column in TEMPLATES[kind]:
        mark = "*" if column.required else " "
        lines.append(f"{mark} {column.name}: {column.help}")
    return "\n".join(lines)


def template_csv(kind: str) -> str:
    """A CSV with the header row and one example row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.name for c in TEMPLATES[kind]])
    writer.writerow([c.example for c in TEMPLATES[kind]])
    return out.getvalue()


def template_xlsx(kind: str) -> bytes:
    """The same template as an XLSX workbook."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = kind
    sheet.append([c.name for c in TEMPLATES[kind]])
    sheet.append([c.example for c in TEMPLATES[kind]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
