"""The spreadsheet connector from the pages: upload, preview with row problems, import."""

from __future__ import annotations

import io

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub.accounts.models import Person
from orcid_hub.harvest.models import ConnectorConfig, StoredWork
from orcid_hub.institutions.models import Institution
from tests import factories
from tests.helpers import csrf_token, login_as

GOOD = (
    "local_id,title,type,publication_date,doi,authors\n"
    "PUB-1,Ziemeļvalstu pētniecības tīkli,journal-article,2024-03,10.1234/abcd.1,"
    "Bērziņa Anna (0000-0002-1825-0097)\n"
    "PUB-2,Otrais raksts,book,2023,,Ozols Jānis\n"
)
BAD = "local_id,title,type,publication_date\nPUB-1,,journal-article,2024-13\n"


def upload(client: FlaskClient, url: str, content: str, **fields: str) -> object:
    data = {
        "path": (io.BytesIO(content.encode()), "darbi.csv"),
        "csrf_token": csrf_token(client, "/institutions/lu/connectors"),
        "enabled": "on",
        **fields,
    }
    return client.post(url, data=data, content_type="multipart/form-data")


def test_upload_preview_and_import(
    client: FlaskClient, db_session: Session, lu: Institution
) -> None:
    admin: Person = factories.person(db_session, admin_of=lu)
    db_session.commit()
    login_as(client, admin)
    new = "/institutions/lu/connectors/new/spreadsheet"
    assert 'type="file" name="path"' in client.get(new).get_data(as_text=True)
    template = client.get("/institutions/lu/connectors/templates/works.csv")
    assert template.status_code == 200 and b"local_id" in template.data
    response = upload(client, new, BAD, label="Excel", source="lu-xls", record_type="works")
    assert response.status_code == 302, response.get_data(as_text=True)  # type: ignore[attr-defined]
    config = db_session.scalars(select(ConnectorConfig)).one()
    assert config.settings["path"].endswith("-darbi.csv")
    preview = f"/institutions/lu/connectors/{config.id}/preview"
    page = client.get(preview).get_data(as_text=True)
    assert "Problēmas pa rindām" in page and "title" in page
    # A new file replaces the old; a typed path is ignored, never read.
    edit = f"/institutions/lu/connectors/{config.id}"
    upload(client, edit, GOOD, label="Excel", source="lu-xls", record_type="works")
    db_session.refresh(config)
    kept = config.settings["path"]
    token = csrf_token(client, edit)
    form = {"label": "Excel", "source": "lu-xls", "path": "/etc/passwd", "csrf_token": token}
    client.post(edit, data=form)
    db_session.refresh(config)
    assert config.settings["path"] == kept
    page = client.get(preview).get_data(as_text=True)
    assert "Gatavi importēšanai ieraksti: 2." in page, page
    client.post(f"{edit}/run", data={"csrf_token": token})
    titles = {w.local_id: w.title for w in db_session.scalars(select(StoredWork))}
    assert titles == {"PUB-1": "Ziemeļvalstu pētniecības tīkli", "PUB-2": "Otrais raksts"}


def test_other_files_are_refused(client: FlaskClient, db_session: Session, lu: Institution) -> None:
    admin = factories.person(db_session, admin_of=lu)
    db_session.commit()
    login_as(client, admin)
    data = {
        "path": (io.BytesIO(b"#!/bin/sh"), "run.sh"),
        "csrf_token": csrf_token(client, "/institutions/lu/connectors"),
        "label": "X",
        "source": "x",
    }
    response = client.post(
        "/institutions/lu/connectors/new/spreadsheet", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert db_session.scalars(select(ConnectorConfig)).all() == []
