"""CSV and XLSX files of consortium records: the exporter, and reading an upload.

Exported files read back into identical records. Cells that a spreadsheet program
would run as a formula (``=``, ``+``, ``-``, ``@``) are written with a leading ``'``,
which the importer removes again, so the values stay data both ways.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from orcid_hub.consortium.fields import Field, to_text
from orcid_hub.consortium.registry import REGISTRY, RecordType
from orcid_hub.tabular import Table, read_table

_TRIGGERS = ("=", "+", "-", "@", "'")


def escape(text: str) -> str:
    if text[:1] in _TRIGGERS[:-1] or (text[:1] == "'" and text[1:2] in _TRIGGERS):
        return "'" + text
    return text


def unescape(text: str) -> str:
    if text[:1] == "'" and text[1:2] in _TRIGGERS:
        return text[1:]
    return text


def header(record_type: RecordType, scoped: bool) -> list[str]:
    return [f.csv_name for f in record_type.csv_fields(scoped)]


def rows(
    session: Session, record_type: RecordType, records: Sequence[Any], scoped: bool
) -> list[list[str]]:
    def ref_key(field: Field, record_id: Any) -> str:
        target = REGISTRY[field.ref]
        row = session.get(target.model, record_id)
        return str(getattr(row, target.key_field or "id")) if row is not None else ""

    fields = record_type.csv_fields(scoped)
    return [
        [escape(to_text(f, getattr(record, f.name), ref_key)) for f in fields] for record in records
    ]


def to_csv(head: list[str], body: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(head)
    writer.writerows(body)
    # The BOM makes spreadsheet programs read Latvian letters as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(head: list[str], body: list[list[str]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(head)
    for values in body:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # text, never a formula or a number to reformat
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read(filename: str, data: bytes, record_type: RecordType, scoped: bool) -> Table:
    """The upload as rows of text by column; raises ``TableError`` for a bad file."""
    fields = record_type.csv_fields(scoped)
    required = [f.csv_name for f in fields if f.required]
    optional = [f.csv_name for f in fields if not f.required]
    table = read_table(filename, data, required, optional)
    for _number, values in table.rows:
        for name, text in values.items():
            values[name] = unescape(text)
    return table
