"""Read a CSV or XLSX file into a header and numbered rows of text cells."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import load_workbook

from connectors.errors import ParseError

__all__ = ["Table", "column_letter", "read_table"]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (spreadsheet row number, cells)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a year typed as a number
    return str(value).strip()


def _table(name: str, raw_rows: list[tuple[int, list[str]]]) -> Table:
    rows = [(n, cells) for n, cells in raw_rows if any(c.strip() for c in cells)]
    if not rows:
        raise ParseError(name, "the file has no rows")
    (_, header), *body = rows
    width = len(header)
    # Keep cells beyond the header: the row check reports them rather than drop data.
    padded = tuple((n, tuple(cells + [""] * (width - len(cells)))) for n, cells in body)
    return Table(tuple(h.strip() for h in header), padded)


def _csv(data: bytes, name: str) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(name, f"not UTF-8 text (byte {exc.start}); save it as CSV UTF-8") from exc
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # Latvian Excel writes ';'
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        raw = [(reader.line_num, [c.strip() for c in row]) for row in reader]
    except csv.Error as exc:
        raise ParseError(f"{name} line {reader.line_num}", f"broken CSV: {exc}") from exc
    return _table(name, raw)


# Broken XML inside the ZIP surfaces as a SyntaxError (expat's and lxml's parse
# errors); defusedxml's refusals are ValueErrors, and read-only sheets are parsed
# only while rows are read. Each is the file's fault: a ParseError that says so.
_UNREADABLE = (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError)


def _xlsx(data: bytes, name: str) -> Table:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _UNREADABLE as exc:
        raise ParseError(name, f"not a readable XLSX workbook: {exc}") from exc
    try:
        sheet = book.worksheets[0]
        raw = [
            (number, [_cell(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1)
        ]
    except _UNREADABLE as exc:
        raise ParseError(name, f"not a readable XLSX workbook: {exc}") from exc
    finally:
        book.close()
    return _table(name, raw)


def read_table(data: bytes, filename: str) -> Table:
    """Parse by file name extension; a workbook is recognised by its ZIP signature too."""
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return _xlsx(data, filename)
    return _csv(data, filename)
