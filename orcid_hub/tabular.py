"""Reading uploaded spreadsheets (CSV or XLSX) into rows, with errors that say where.

Row numbers are the ones a person sees in a spreadsheet program: the header is row
1, the first data row is row 2. Nothing here stores anything; callers validate every
row first and import all rows or none.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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
        raise TableError(f"{filename}: the file is larger than {MAX_BYTES // 1024 // 1024} MB")
    if not data.strip():
        raise TableError(f"{filename}: the file is empty")
    lowered = filename.lower()
    if lowered.endswith(".xlsx"):
        raw_rows = _xlsx_rows(filename, data)
    elif lowered.endswith((".csv", ".txt")):
        raw_rows = _csv_rows(filename, data)
    else:
        raise TableError(f"{filename}: only .csv and .xlsx files can be read")
    if not raw_rows:
        raise TableError(f"{filename}: the file has no header row")
    header = [_normalise_header(name) for name in raw_rows[0]]
    known = set(required) | set(optional)
    missing = [name for name in required if name not in header]
    if missing:
        raise TableError(
            f"{filename}: row 1 (the header) lacks the column(s) {', '.join(missing)};"
            f" expected columns: {', '.join([*required, *optional])}"
        )
    unknown = [name for name in header if name and name not in known]
    if unknown:
        raise TableError(f"{filename}: row 1 has unknown column(s) {', '.join(unknown)}")
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    if duplicated:
        raise TableError(f"{filename}: row 1 repeats the column(s) {', '.join(duplicated)}")
    table = Table(header=header)
    for number, raw in enumerate(raw_rows[1:], start=2):
        if len(table.rows) >= MAX_ROWS:
            raise TableError(f"{filename}: more than {MAX_ROWS} rows; split the file")
        values = ["" if v is None else str(v).strip() for v in raw]
        if not any(values):
            continue  # blank lines between rows are harmless
        if len(values) > len(header) and any(values[len(header) :]):
            raise TableError(f"{filename}: row {number} has more cells than the header")
        values += [""] * (len(header) - len(values))
        table.rows.append((number, {name: values[i] for i, name in enumerate(header) if name}))
    return table


def _csv_rows(filename: str, data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableError(
            f"{filename}: line {line} is not UTF-8 text; save the file as 'CSV UTF-8'"
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [row for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise TableError(f"{filename}: not a readable CSV file ({exc})") from None


def _xlsx_rows(filename: str, data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        # read_only streams the sheet; data_only takes cached values and never
        # evaluates a formula, so a spreadsheet cannot compute anything here.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TableError(f"{filename}: not a readable XLSX workbook ({exc})") from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(v) for v in values])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
