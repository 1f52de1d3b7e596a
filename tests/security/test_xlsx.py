"""XLSX uploads: openpyxl reads parts with defusedxml or with lxml without entities.

A hostile part neither expands nor fetches anything, and a part that is not XML at
all is a located ``ParseError`` (an upload page says so with 400), never a crash.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from connectors.errors import ParseError
from connectors.spreadsheet.reader import read_table
from orcid_hub.invitations.models import InvitationBatch
from tests.helpers import csrf_token, login_as
from tests.security.conftest import SECRET_TEXT, Hits, World, attacks


def _workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["email", "given_names", "family_name"])
    sheet.append(["anna@example.lv", "Anna", "Ozoliņa"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _patched(member: str, change: Callable[[bytes], bytes]) -> bytes:
    original = zipfile.ZipFile(io.BytesIO(_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as changed:
        for info in original.infolist():
            data = original.read(info.filename)
            changed.writestr(info, change(data) if info.filename == member else data)
    return out.getvalue()


PARTS = ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml", "xl/styles.xml"]


def _with_doctype(doctype: bytes) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        start = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
        return data[:start] + doctype + data[start:]

    return change


@pytest.mark.parametrize("member", PARTS)
@pytest.mark.parametrize("attack", ["billion laughs", "external entity (file)", "external DTD"])
def test_a_workbook_with_a_hostile_part_neither_expands_nor_fetches(
    member: str, attack: str, secret_file: Path, listener: str
) -> None:
    document = attacks(secret_file, listener)[attack]
    doctype = document[
        : document.index(b"]>") + 2 if b"]>" in document else document.index(b">") + 1
    ]
    before = Hits.count
    try:
        table = read_table(_patched(member, _with_doctype(doctype)), "people.xlsx")
    except ParseError as exc:
        assert SECRET_TEXT not in str(exc)
    else:
        text = repr(table)
        assert SECRET_TEXT not in text and "lollol" not in text
    assert Hits.count == before


@pytest.mark.parametrize("member", PARTS)
def test_a_workbook_with_broken_xml_is_a_located_parse_error(member: str) -> None:
    broken = _patched(member, lambda data: data[: len(data) // 2])
    with pytest.raises(ParseError) as raised:
        read_table(broken, "people.xlsx")
    assert "people.xlsx" in str(raised.value)


def test_an_upload_of_a_broken_workbook_says_so_and_changes_nothing(
    client: FlaskClient, db_session: Session, world: World
) -> None:
    login_as(client, world.lu_admin)
    batches = db_session.scalar(select(func.count()).select_from(InvitationBatch))
    broken = _patched("xl/worksheets/sheet1.xml", lambda data: data[: len(data) // 2])
    response = client.post(
        "/institutions/lu/invitations/upload",
        data={
            "csrf_token": csrf_token(client, "/institutions/lu/invitations"),
            "file": (io.BytesIO(broken), "people.xlsx"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "people.xlsx" in response.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).select_from(InvitationBatch)) == batches
