"""Turn spreadsheet rows into canonical records, collecting every problem by row and column."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from connectors.errors import ConfigurationError
from connectors.identifiers import InvalidIdentifier, normalise, normalise_orcid
from connectors.records import (
    Affiliation,
    Contributor,
    ExternalId,
    FuzzyDate,
    Person,
    Relationship,
    Title,
    Work,
)
from connectors.spreadsheet.reader import Table, column_letter
from connectors.spreadsheet.templates import TEMPLATES
from connectors.worktypes import COAR, ORCID_WORK_TYPES, coar_to_orcid, orcid_to_coar

__all__ = ["Preview", "RowError", "build", "parse_column_map"]

_ID_COLUMNS = ("doi", "handle", "pmid", "eid", "wosuid", "isbn", "issn")
_AUTHOR = re.compile(r"^(?P<name>.*?)\s*(?:\((?P<orcid>[^)]*)\))?\s*$")


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    column: str  # e.g. "C (doi)"; empty for a problem with the whole row
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Preview:
    """What an import would do. Accept it only when ``ok``: nothing is half-imported."""

    records: tuple[Work | Person, ...]
    errors: tuple[RowError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_column_map(text: str | None, kind: str) -> dict[str, str]:
    """``"Nosaukums=title; DOI numurs=doi"`` → {"nosaukums": "title", "doi numurs": "doi"}."""
    known = {c.name for c in TEMPLATES[kind]}
    mapping: dict[str, str] = {}
    for part in re.split(r"[;\n]", text or ""):
        if not part.strip():
            continue
        theirs, sep, ours = part.partition("=")
        if not sep or ours.strip() not in known:
            raise ConfigurationError(
                "setting 'column_map'",
                f"{part.strip()!r}: use 'their header=one of {sorted(known)}'",
            )
        mapping[theirs.strip().lower()] = ours.strip()
    return mapping


class _Row:
    """One row's cells by our column names, recording errors against file columns."""

    def __init__(self, number: int, cells: Mapping[str, tuple[int, str, str]]) -> None:
        self.number = number
        self.cells = cells  # ours -> (index, their header, value)
        self.errors: list[RowError] = []

    def get(self, name: str) -> str:
        return self.cells[name][2] if name in self.cells else ""

    def fail(self, name: str, message: str) -> None:
        index, header, _ = self.cells.get(name, (-1, name, ""))
        label = f"{column_letter(index)} ({header})" if index >= 0 else name
        self.errors.append(RowError(self.number, label, message))


def _ids(row: _Row) -> list[ExternalId]:
    found: list[ExternalId] = []
    for column in _ID_COLUMNS:
        for value in filter(None, (v.strip() for v in row.get(column).split(";"))):
            try:
                kind, text = normalise(column, value)
            except InvalidIdentifier as exc:
                row.fail(column, exc.why)
                continue
            rel = Relationship.PART_OF if kind == "issn" else Relationship.SELF
            found.append(ExternalId(kind, text, rel))
    return found


def _authors(row: _Row) -> list[Contributor]:
    people = []
    for n, item in enumerate(filter(None, (a.strip() for a in row.get("authors").split(";"))), 1):
        match = _AUTHOR.match(item)
        assert match is not None  # the pattern matches any text
        orcid = None
        if match["orcid"]:
            try:
                orcid = normalise_orcid(match["orcid"])
            except InvalidIdentifier as exc:
                row.fail("authors", f"author {n}: {exc.why}")
        people.append(Contributor(match["name"], orcid, "author", None, n))
    return people


def _work(row: _Row, source: str) -> Work:
    kind = row.get("type")
    coar = kind if kind.startswith(COAR) else orcid_to_coar(kind)
    orcid_type = coar_to_orcid(kind) if kind.startswith(COAR) else kind
    if kind and orcid_type not in ORCID_WORK_TYPES:
        row.fail("type", f"{kind!r} is neither an ORCID work type nor a COAR type URI")
    issued = FuzzyDate.parse(row.get("publication_date"))
    if row.get("publication_date") and issued is None:
        row.fail("publication_date", "use YYYY, YYYY-MM or YYYY-MM-DD")
    ids = _ids(row)
    return Work(
        source=source,
        local_id=row.get("local_id"),
        titles=(Title(row.get("title"), row.get("title_lang") or None),),
        orcid_type=orcid_type,
        coar_type=coar,
        publication_date=issued,
        container_title=row.get("journal") or None,
        issn=tuple(i.value for i in ids if i.type == "issn"),
        isbn=tuple(i.value for i in ids if i.type == "isbn"),
        external_ids=tuple(dict.fromkeys(ids)),
        contributors=tuple(_authors(row)),
        language=row.get("language") or None,
        url=row.get("url") or None,
    )


def _person(row: _Row, source: str) -> Person:
    orcid = None
    if row.get("orcid"):
        try:
            orcid = normalise_orcid(row.get("orcid"))
        except InvalidIdentifier as exc:
            row.fail("orcid", exc.why)
    org = row.get("affiliation")
    return Person(
        source=source,
        local_id=row.get("local_id"),
        family_name=row.get("family_name"),
        given_names=row.get("given_names") or None,
        orcid=orcid,
        affiliations=(Affiliation(org, row.get("affiliation_id") or None),) if org else (),
    )


_BUILDERS: dict[str, Callable[[_Row, str], Work | Person]] = {"works": _work, "persons": _person}


def build(table: Table, kind: str, source: str, column_map: Mapping[str, str]) -> Preview:
    """Check every row; return all records and all problems (never stop at the first)."""
    columns = TEMPLATES[kind]
    known = {c.name for c in columns}
    positions: dict[str, tuple[int, str]] = {}
    for index, header in enumerate(table.header):
        key = header.strip().lower()
        ours = column_map.get(key) or key.replace(" ", "_")
        if ours in known and ours not in positions:
            positions[ours] = (index, header)
    errors = [
        RowError(1, c.name, "required column is missing")
        for c in columns
        if c.required and c.name not in positions
    ]
    if errors:
        return Preview((), tuple(errors))
    records: list[Work | Person] = []
    seen: dict[str, int] = {}
    width = len(table.header)
    for number, cells in table.rows:
        if any(c.strip() for c in cells[width:]):
            used = width + max(i for i, c in enumerate(cells[width:], 1) if c.strip())
            errors.append(
                RowError(
                    number,
                    "",
                    f"{used} values but the header names {width} columns "
                    "(a delimiter inside an unquoted cell?)",
                )
            )
            continue
        row = _Row(number, {k: (i, h, cells[i].strip()) for k, (i, h) in positions.items()})
        for column in columns:
            if column.required and not row.get(column.name):
                row.fail(column.name, "is required")
        local = row.get("local_id")
        if local in seen:
            row.fail("local_id", f"{local!r} already used on row {seen[local]}")
        seen.setdefault(local, number)
        record = _BUILDERS[kind](row, source)
        errors.extend(row.errors)
        if not row.errors:
            records.append(record)
    return Preview(tuple(records), tuple(errors))
