"""An event's page gathers what came of it; minutes keep every version."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub.audit.models import AuditEntry
from orcid_hub.consortium.event_models import Event, Minutes, Outcome, Participant
from tests.functional.consortium.conftest import World
from tests.helpers import csrf_token, login_as


def test_sub_records_are_added_from_the_event_page_and_return_to_it(
    client: FlaskClient, world: World
) -> None:
    login_as(client, world.lead)
    event_page = f"/consortium/events/{world.event.id}"
    page = client.get(event_page).get_data(as_text=True)
    for kind in ("participants", "minutes", "outcomes", "materials", "positions", "proposals"):
        assert f"/consortium/{kind}/new?event_id={world.event.id}" in page
    form_page = client.get(f"/consortium/outcomes/new?event_id={world.event.id}")
    assert f'<option value="{world.event.id}" selected>' in form_page.get_data(as_text=True)
    token = csrf_token(client, event_page)
    response = client.post(
        "/consortium/outcomes/new",
        data={
            "csrf_token": token,
            "event_id": str(world.event.id),
            "kind": "recommendation",
            "text": "Izmantot ROR",
            "status": "open",
        },
    )
    assert response.headers["Location"] == event_page
    assert "Izmantot ROR" in client.get(event_page).get_data(as_text=True)


def test_editing_minutes_adds_a_version_and_keeps_the_older(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    login_as(client, world.lead)
    token = csrf_token(client, "/consortium/minutes/new")
    base = {"csrf_token": token, "event_id": str(world.event.id), "author": "VPC"}
    client.post("/consortium/minutes/new", data={**base, "text": "Pirmā redakcija"})
    first = db_session.scalars(select(Minutes)).one()
    client.post(f"/consortium/minutes/{first.id}/edit", data={**base, "text": "Otrā redakcija"})
    versions = db_session.scalars(select(Minutes).order_by(Minutes.version)).all()
    assert [(m.version, m.text) for m in versions] == [
        (1, "Pirmā redakcija"),
        (2, "Otrā redakcija"),
    ]


def test_training_details_belong_to_a_training_event(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    login_as(client, world.lead)
    token = csrf_token(client, "/consortium/trainings/new")
    form = {"csrf_token": token, "topic": "ORCID", "audience": "IT"}
    wrong = client.post("/consortium/trainings/new", data={**form, "event_id": str(world.event.id)})
    assert wrong.status_code == 400
    assert "„Apmācība”" in wrong.get_data(as_text=True)
    ok = {**form, "event_id": str(world.training_event.id)}
    assert client.post("/consortium/trainings/new", data=ok).status_code == 302
    again = client.post("/consortium/trainings/new", data=ok)
    assert again.status_code == 400 and "jau ir" in again.get_data(as_text=True)


def test_a_participant_names_someone(client: FlaskClient, world: World) -> None:
    login_as(client, world.lead)
    token = csrf_token(client, "/consortium/participants/new")
    data = {"csrf_token": token, "event_id": str(world.event.id), "role": "attendee"}
    response = client.post("/consortium/participants/new", data=data)
    assert response.status_code == 400
    assert "Norādiet kontaktpersonu" in response.get_data(as_text=True)


def test_deleting_an_institution_audits_each_of_its_records(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    from orcid_hub.consortium.models import Contact

    contact_id, inst_id = world.contact_b.id, world.inst_b.id
    login_as(client, world.lead)
    confirm = client.get(f"/consortium/institutions/{inst_id}/delete").get_data(as_text=True)
    assert "Tiks dzēsti arī: Kontaktpersonas un lomas (1)" in confirm
    token = csrf_token(client, f"/consortium/institutions/{inst_id}/delete")
    client.post(f"/consortium/institutions/{inst_id}/delete", data={"csrf_token": token})
    db_session.expire_all()
    assert db_session.get(Contact, contact_id) is None
    entry = db_session.scalars(
        select(AuditEntry).where(
            AuditEntry.entity == "consortium_contact", AuditEntry.action == "delete"
        )
    ).one()
    assert entry.entity_id == contact_id and entry.actor_id == world.lead.id


def test_a_policy_proposal_outlives_its_event(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    import datetime as dt

    from orcid_hub.consortium.event_models import PolicyProposal

    proposal = PolicyProposal(
        event_id=world.event.id,
        title="ORCID LZP",
        made_on=dt.date(2025, 10, 20),
        addressee="LZP",
        summary="s",
        status="submitted",
    )
    db_session.add(proposal)
    db_session.commit()
    proposal_id, event_id = proposal.id, world.event.id
    login_as(client, world.lead)
    confirm = client.get(f"/consortium/events/{event_id}/delete").get_data(as_text=True)
    assert "Tiks dzēsti arī" not in confirm  # the proposal only loses its event
    token = csrf_token(client, f"/consortium/events/{event_id}/delete")
    client.post(f"/consortium/events/{event_id}/delete", data={"csrf_token": token})
    db_session.expire_all()
    kept = db_session.get(PolicyProposal, proposal_id)
    assert kept is not None and kept.event_id is None


def test_deleting_an_event_deletes_what_came_of_it_with_an_audit_entry_each(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    event = world.event
    event.participants.append(Participant(contact=world.contact_a, role="speaker"))
    event.outcomes.append(Outcome(kind="decision", text="Apstiprināts", status="done"))
    db_session.commit()
    outcome_id, event_id = event.outcomes[0].id, event.id
    login_as(client, world.lead)
    confirm = client.get(f"/consortium/events/{event_id}/delete").get_data(as_text=True)
    assert "Tiks dzēsti arī: Dalībnieki (1)" in confirm
    token = csrf_token(client, f"/consortium/events/{event_id}/delete")
    client.post(f"/consortium/events/{event_id}/delete", data={"csrf_token": token})
    db_session.expire_all()
    assert db_session.get(Event, event_id) is None
    assert db_session.get(Outcome, outcome_id) is None
    deleted = db_session.scalars(
        select(AuditEntry.entity).where(AuditEntry.action == "delete").order_by(AuditEntry.entity)
    ).all()
    assert deleted == ["consortium_event", "event_outcome", "event_participant"]


def test_year_filter(client: FlaskClient, world: World) -> None:
    login_as(client, world.lead)
    in_2025 = client.get("/consortium/events/?year=2025").get_data(as_text=True)
    assert "<td>Darba grupa</td>" in in_2025
    in_2024 = client.get("/consortium/events/?year=2024").get_data(as_text=True)
    assert "<td>Darba grupa</td>" not in in_2024


def test_lists_and_exports_narrow_by_choices(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    import datetime as dt

    db_session.add(
        Event(
            ref="e3",
            kind="eosc",
            title="EOSC GA",
            starts_on=dt.date(2025, 5, 20),
            status="held",
            deliverables="2.1;2.2",
        )
    )
    world.event.deliverables = "1.2.1;3.2.3"
    db_session.commit()
    login_as(client, world.lead)
    wg, eosc = "<td>Darba grupa</td>", "<td>EOSC GA</td>"

    def listed(query: str) -> str:
        return client.get(f"/consortium/events/?{query}").get_data(as_text=True)

    page = listed("f_deliverables=2.1")
    # "2.1" is a whole code: it does not match inside "1.2.1".
    assert eosc in page and wg not in page
    page = listed("f_deliverables=1.2")  # not a code: ignored, everything listed
    assert eosc in page and wg in page
    page = listed("f_kind=working_group&year=2025")
    assert wg in page and eosc not in page
    assert "/consortium/events/export.csv?year=2025&amp;f_kind=working_group" in page
    exported = client.get("/consortium/events/export.csv?f_deliverables=3.2.3").get_data(
        as_text=True
    )
    assert "Darba grupa" in exported and "EOSC GA" not in exported
