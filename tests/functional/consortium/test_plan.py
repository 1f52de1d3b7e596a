"""The development plan is revised each year; earlier revisions stay as they were."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub.consortium.models import PlanItem
from tests.functional.consortium.conftest import World
from tests.helpers import csrf_token, login_as


def test_a_new_revision_copies_the_latest_and_keeps_it(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    db_session.add_all(
        [
            PlanItem(
                revision=2025,
                objective="ORCID",
                activity="CRIS",
                years="2024–2026",
                status="in_progress",
            ),
            PlanItem(
                revision=2025,
                objective="EOSC",
                activity="Mezgls",
                years="2025–2026",
                status="planned",
            ),
        ]
    )
    db_session.commit()
    login_as(client, world.lead)
    token = csrf_token(client, "/consortium/plan/")
    response = client.post("/consortium/plan/revise", data={"csrf_token": token, "year": "2026"})
    assert response.headers["Location"].endswith("/consortium/plan/?year=2026")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sākta 2026. gada redakcija ar 2 punktiem" in page
    rows = db_session.scalars(select(PlanItem).where(PlanItem.revision == 2026)).all()
    first = rows[0]
    edit = client.post(
        f"/consortium/plan/{first.id}/edit",
        data={
            "csrf_token": token,
            "revision": "2026",
            "objective": first.objective,
            "activity": first.activity,
            "years": first.years,
            "status": "done",
        },
    )
    assert edit.status_code == 302
    statuses = db_session.scalars(
        select(PlanItem.status).where(PlanItem.activity == "CRIS").order_by(PlanItem.revision)
    ).all()
    assert statuses == ["in_progress", "done"]
    again = client.post("/consortium/plan/revise", data={"csrf_token": token, "year": "2026"})
    assert "jau ir 2026. gada redakcija" in client.get(again.headers["Location"]).get_data(
        as_text=True
    )
    assert len(db_session.scalars(select(PlanItem)).all()) == 4


def test_only_the_lead_revises(client: FlaskClient, world: World) -> None:
    token = csrf_token(client)
    login_as(client, world.admin_a)
    response = client.post("/consortium/plan/revise", data={"csrf_token": token, "year": "2026"})
    assert response.status_code == 403
