"""Export → empty → re-import gives identical records, for every type and both formats;
a bad file is refused by row and column and stores nothing."""

from __future__ import annotations

import html
import io
import json
import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from orcid_hub.consortium import io as consortium_io
from orcid_hub.consortium.registry import REGISTRY
from orcid_hub.consortium.services import LEAD
from orcid_hub.tabular import read_table
from tests.functional.consortium.conftest import World, samples
from tests.helpers import csrf_token, login_as

KINDS = sorted(REGISTRY)
assert LEAD is not None and KINDS
# What a spreadsheet would run as a formula, quotes, commas and a second line.
TRICKY = '=HYPERLINK("http://x") ‘Rīga’, "pēdiņas"\notrā rinda'
_PAYLOAD = re.compile(r'name="payload" value="([^"]*)"')


def _add_records(client: FlaskClient, world: World, kind: str, token: str) -> None:
    record_type = REGISTRY[kind]
    form = samples(world)[kind]
    text = next(
        f
        for f in record_type.fields
        if f.kind == "textarea" or (f.kind == "text" and f.editable and not f.pattern)
    )
    tricky = TRICKY if text.kind == "textarea" else TRICKY.replace("\n", " ")[: text.max_length]
    response = client.post(
        f"/consortium/{kind}/new", data={**form, text.name: tricky, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def _import(client: FlaskClient, kind: str, name: str, data: bytes, token: str) -> str:
    preview = client.post(
        f"/consortium/{kind}/import",
        data={"csrf_token": token, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page
    match = _PAYLOAD.search(page)
    assert match, page
    done = client.post(
        f"/consortium/{kind}/import/confirm",
        data={"csrf_token": token, "payload": html.unescape(match.group(1))},
    )
    assert done.status_code == 302, done.get_data(as_text=True)
    return page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", KINDS)
def test_export_then_reimport_into_empty_table_is_identical(
    client: FlaskClient, world: World, db_session: Session, kind: str, fmt: str
) -> None:
    login_as(client, world.lead)
    token = csrf_token(client, f"/consortium/{kind}/new")
    _add_records(client, world, kind, token)
    model = REGISTRY[kind].model
    count = db_session.scalar(select(func.count()).select_from(model))
    exported = client.get(f"/consortium/{kind}/export.{fmt}")
    assert exported.status_code == 200
    first = exported.data
    if fmt == "xlsx":
        assert b"<f>" not in first  # no formula cells, only text

    db_session.execute(delete(model))
    db_session.commit()
    assert db_session.scalar(select(func.count()).select_from(model)) == 0

    _import(client, kind, f"{kind}.{fmt}", first, token)
    assert db_session.scalar(select(func.count()).select_from(model)) == count
    second = client.get(f"/consortium/{kind}/export.{fmt}").data
    if fmt == "csv":
        assert second == first
    else:
        columns = consortium_io.header(REGISTRY[kind], scoped=False)
        again = read_table("a.xlsx", second, [], columns)
        assert again.header == columns
        assert again.rows == read_table("a.xlsx", first, [], columns).rows


def test_reimporting_the_same_file_updates_by_key_and_adds_nothing(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    login_as(client, world.lead)
    token = csrf_token(client, "/consortium/contacts/")
    exported = client.get("/consortium/contacts/export.csv").data
    page = _import(client, "contacts", "contacts.csv", exported, token)
    assert "0 jaunas, 2 atjauninājumi" in page
    assert db_session.scalar(select(func.count()).select_from(REGISTRY["contacts"].model)) == 2


BAD = (
    "event,type,title,start_date,status,deliverables\n"
    "2025-02-11-wg,consultation,Labā rinda,2025-04-09,held,1.2.1\n"
    ",konference,Slikts veids,2025-04-09,held,\n"
    ",consultation,Slikts datums,2025-13-01,held,\n"
    ",consultation,Slikts kods,2025-04-09,held,9.9\n"
)


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_stored(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    login_as(client, world.lead)
    token = csrf_token(client, "/consortium/events/import")
    data = BAD.replace("event,", "ref,").replace("start_date", "starts_on").encode()
    response = client.post(
        "/consortium/events/import",
        data={"csrf_token": token, "file": (io.BytesIO(data), "events.csv")},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    rows = re.findall(r"<tr><td>(\d+)</td><td><code>(\w+)</code></td><td>([^<]*)</td></tr>", page)
    assert [(r, c) for r, c, _m in rows] == [
        ("3", "type"),
        ("4", "starts_on"),
        ("5", "deliverables"),
    ]
    assert "konference" in rows[0][2] and "GGGG-MM-DD" in rows[1][2]
    assert "nekas netika saglabāts" in page
    assert db_session.scalar(select(func.count()).select_from(REGISTRY["events"].model)) == 2


def test_a_bad_orcid_id_or_unknown_reference_stores_nothing(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    login_as(client, world.lead)
    token = csrf_token(client, "/consortium/contacts/import")
    data = (
        "institution,name,email,orcid\n"
        "lu,Derīgs,ok@lu.example.lv,0000-0002-1825-0097\n"
        "lu,Kļūda,bad@lu.example.lv,0000-0002-1825-0098\n"
        "nav,Nezināma,x@nav.example.lv,\n"
    ).encode()
    response = client.post(
        "/consortium/contacts/import",
        data={"csrf_token": token, "file": (io.BytesIO(data), "c.csv")},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "kontrolcipars" in page and "<code>orcid</code>" in page
    assert "<code>institution</code>" in page and "nav" in page
    # A tampered confirmation is checked again and stores nothing either.
    row = {"institution": "nav", "name": "X", "email": "x@x.lv"}
    payload = json.dumps({"header": ["institution", "name", "email"], "rows": [[2, row]]})
    again = client.post(
        "/consortium/contacts/import/confirm", data={"csrf_token": token, "payload": payload}
    )
    assert again.status_code == 400
    assert db_session.scalar(select(func.count()).select_from(REGISTRY["contacts"].model)) == 2


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("c.csv", "institution,name,email\nlu,Bērziņš,b@lu.lv\n".encode("cp1257"), "UTF-8"),
        ("c.csv", b"institution,name,email,fax\nlu,X,x@lu.lv,1\n", "fax"),
        ("c.csv", b"name,email\nX,x@lu.lv\n", "institution"),
        ("c.xlsx", b"PK\x03\x04 not really a workbook", "XLSX"),
        ("c.pdf", b"%PDF-1.4", ".csv"),
    ],
)
def test_a_malformed_file_changes_nothing(
    client: FlaskClient, world: World, db_session: Session, name: str, data: bytes, message: str
) -> None:
    login_as(client, world.lead)
    token = csrf_token(client, "/consortium/contacts/import")
    response = client.post(
        "/consortium/contacts/import",
        data={"csrf_token": token, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and "nekas netika saglabāts" in page
    assert db_session.scalar(select(func.count()).select_from(REGISTRY["contacts"].model)) == 2


def test_a_confirmation_that_is_not_an_import_is_refused(client: FlaskClient, world: World) -> None:
    login_as(client, world.lead)
    token = csrf_token(client, "/consortium/contacts/import")
    for payload in ("", "[1, 2]", '{"header": ["name"], "rows": [["x", {}]]}'):
        response = client.post(
            "/consortium/contacts/import/confirm", data={"csrf_token": token, "payload": payload}
        )
        assert response.status_code == 400
    numbers = json.dumps(
        {
            "header": ["institution", "name", "email"],
            "rows": [[2, {"institution": "lu", "name": 5, "email": "n@lu.example.lv"}]],
        }
    )
    response = client.post(
        "/consortium/contacts/import/confirm", data={"csrf_token": token, "payload": numbers}
    )
    assert response.status_code == 302  # values are read as text, like a CSV cell


def test_a_spreadsheet_formula_is_never_run_or_stored(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["institution", "name", "email"])
    sheet.append(["lu", '=HYPERLINK("http://evil.example","x")', "f@lu.example.lv"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    login_as(client, world.lead)
    token = csrf_token(client, "/consortium/contacts/import")
    response = client.post(
        "/consortium/contacts/import",
        data={"csrf_token": token, "file": (io.BytesIO(buffer.getvalue()), "c.xlsx")},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    # Only a value the spreadsheet program saved counts; this file has none, so the
    # cell is empty and the required name is missing.
    assert response.status_code == 400 and "<code>name</code>" in page and "HYPERLINK" not in page
    assert db_session.scalar(select(func.count()).select_from(REGISTRY["contacts"].model)) == 2


def test_imported_rows_are_in_the_audit_trail(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    from orcid_hub.audit.models import AuditEntry

    login_as(client, world.lead)
    token = csrf_token(client, "/consortium/networks/import")
    data = "network,name,status,since\ngeant,GÉANT,member,2023-01-01\n".encode()
    _import(client, "networks", "n.csv", data, token)
    entry = db_session.scalars(
        select(AuditEntry).where(AuditEntry.entity == "network_membership")
    ).one()
    assert entry.action == "insert" and entry.actor_id == world.lead.id
    assert entry.changes["name"] == "GÉANT"


def test_a_row_repeating_another_is_named(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    login_as(client, world.lead)
    token = csrf_token(client, "/consortium/contacts/import")
    data = (
        "institution,name,email\n"
        "lu,Viens,same@lu.example.lv\n"
        "rtu,Otrs,same@lu.example.lv\n"
        "lu,Trešais,inese@lu.example.lv\n"
    ).encode()
    response = client.post(
        "/consortium/contacts/import",
        data={"csrf_token": token, "file": (io.BytesIO(data), "c.csv")},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<td>3</td><td><code>email</code></td><td>Atkārto 2. rindu.</td>" in page
    # Row 4 updates an existing contact by its e-mail: that is allowed, not a repeat.
    assert "<td>4</td>" not in page.split("errors-table")[1].split("</table>")[0]
    assert db_session.scalar(select(func.count()).select_from(REGISTRY["contacts"].model)) == 2
