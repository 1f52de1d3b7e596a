"""Reading uploaded spreadsheets (CSV or XLSX) into rows, with errors that say where.

Row numbers are the ones a person sees in a spreadsheet program: the header is row
1, the first data row is row 2. Nothing here stores anything; callers validate every
row first and import all rows or none.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from flask_babel import gettext as _

from connectors.errors import ConnectorError
from connectors.spreadsheet import reader as spreadsheet_reader

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column!r}" if self.column else "")
        return f"{where}: {self.message}"


class TableError(ValueError):
    """The file as a whole cannot be read (not a table, wrong header, too large)."""


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def _normalise_header(name: object) -> str:
    return str(name or "").strip().lower().replace(" ", "_")


def read_table(
    filename: str,
    data: bytes,
    required: Sequence[str],
    optional: Iterable[str] = (),
) -> Table:
    """Rows as ``{column: text}``; raise :class:`TableError` naming what is wrong."""
    if len(data) > MAX_BYTES:
        raise TableError(
            _("%(file)s: the file is larger than %(mb)s MB", file=filename, mb=MAX_BYTES >> 20)
        )
    if not data.strip():
        raise TableError(_("%(file)s: the file is empty", file=filename))
    if not filename.lower().endswith((".xlsx", ".csv", ".txt")):
        raise TableError(_("%(file)s: only .csv and .xlsx files can be read", file=filename))
    try:
        # Decoding (UTF-8 CSV with any delimiter, XLSX without formulas) is the
        # spreadsheet connector's; this module adds the column rules of a form.
        raw = spreadsheet_reader.read_table(data, filename)
    except ConnectorError as exc:
        raise TableError(str(exc)) from None
    header = [_normalise_header(name) for name in raw.header]
    known = set(required) | set(optional)
    missing = [name for name in required if name not in header]
    if missing:
        raise TableError(
            _(
                "%(file)s: row 1 (the header) lacks the column(s) %(missing)s;"
                " expected columns: %(expected)s",
                file=filename,
                missing=", ".join(missing),
                expected=", ".join([*required, *optional]),
            )
        )
    unknown = [name for name in header if name and name not in known]
    if unknown:
        raise TableError(
            _(
                "%(file)s: row 1 has unknown column(s) %(columns)s",
                file=filename,
                columns=", ".join(unknown),
            )
        )
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    if duplicated:
        raise TableError(
            _(
                "%(file)s: row 1 repeats the column(s) %(columns)s",
                file=filename,
                columns=", ".join(duplicated),
            )
        )
    if len(raw.rows) > MAX_ROWS:
        raise TableError(
            _("%(file)s: more than %(rows)s rows; split the file", file=filename, rows=MAX_ROWS)
        )
    table = Table(header=header)
    for number, cells in raw.rows:
        values = [cell.strip() for cell in cells]
        if len(values) > len(header) and any(values[len(header) :]):
            raise TableError(
                _("%(file)s: row %(row)s has more cells than the header", file=filename, row=number)
            )
        table.rows.append((number, {name: values[i] for i, name in enumerate(header) if name}))
    return table


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[object]], title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(header))
    for row in rows:
        # A leading "=" would be a formula in the recipient's spreadsheet program.
        sheet.append([f"'{v}" if isinstance(v, str) and v.startswith("=") else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
