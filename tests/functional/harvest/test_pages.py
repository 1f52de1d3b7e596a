"""The institution admin's connector pages: configure, test, harvest, follow runs, decide."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from orcid_hub.accounts.models import Person
from orcid_hub.harvest import services
from orcid_hub.harvest.models import ConnectorConfig, DuplicateLink, HarvestRun
from orcid_hub.institutions.models import Institution
from tests import factories
from tests.functional.harvest.conftest import oai_settings
from tests.helpers import csrf_token, login_as
from tests.oai_server import Running


@pytest.fixture
def admin(client: FlaskClient, db_session: Session, lu: Institution) -> Person:
    person = factories.person(db_session, "Jānis Kalniņš", admin_of=lu)
    db_session.commit()
    login_as(client, person)
    return person


def post(client: FlaskClient, url: str, data: dict[str, str] | None = None) -> object:
    token = csrf_token(client, "/institutions/lu/connectors")
    return client.post(url, data={**(data or {}), "csrf_token": token})


def page(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


def test_add_test_and_harvest_from_the_pages(
    client: FlaskClient, db_session: Session, admin: Person, cris: Running
) -> None:
    assert "Savienotāji" in page(client, "/institutions/lu")  # the tab, in Latvian
    form = {"label": "LU CRIS", **oai_settings(cris.url), "schedule_minutes": "60", "enabled": "on"}
    response = post(client, "/institutions/lu/connectors/new/oai-pmh", form)
    assert response.status_code == 302  # type: ignore[attr-defined]
    config = db_session.scalars(select(ConnectorConfig)).one()
    assert config.schedule_minutes == 60 and config.settings["base_url"] == cris.url
    edit = f"/institutions/lu/connectors/{config.id}"
    post(client, f"{edit}/test")
    assert "Savienojums ar" in page(client, edit)
    response = post(client, f"{edit}/run")
    run_url = response.headers["Location"]  # type: ignore[attr-defined]
    assert run_url.startswith("/institutions/lu/runs/")
    run_page = page(client, run_url)
    assert "izdevās" in run_page and 'data-count="added">14<' in run_page
    status = client.get(f"{run_url}/status").get_json()
    assert status["status"] == "succeeded" and status["added"] == 14
    listing = page(client, "/institutions/lu/connectors")
    assert "LU CRIS" in listing and "ik pēc 60 min" in listing
    works = page(client, "/institutions/lu/works")
    assert "Linking Data and Publications" in works and "doi:10.2218/ijdc.v8i1.257" in works


def test_bad_settings_are_shown_and_nothing_is_saved(
    client: FlaskClient, db_session: Session, admin: Person
) -> None:
    form = {"label": "CRIS", "base_url": "ftp://nowhere", "source": ""}
    response = post(client, "/institutions/lu/connectors/new/oai-pmh", form)
    assert response.status_code == 400  # type: ignore[attr-defined]
    body = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert "base_url" in body and "source" in body and 'value="ftp://nowhere"' in body
    assert db_session.scalars(select(ConnectorConfig)).all() == []


def test_a_secret_is_never_shown_back_and_blank_keeps_it(
    client: FlaskClient, db_session: Session, admin: Person
) -> None:
    key = "pure-secret-0d6f1c"
    form = {"label": "Pure", "api_url": "https://pure.example.lv/ws/api", "source": "lu"}
    post(client, "/institutions/lu/connectors/new/pure", {**form, "api_key": key})
    config = db_session.scalars(select(ConnectorConfig)).one()
    edit = page(client, f"/institutions/lu/connectors/{config.id}")
    assert key not in edit and "Saglabāts šifrēts" in edit
    post(client, f"/institutions/lu/connectors/{config.id}", {**form, "api_key": ""})
    db_session.expire_all()
    assert services.build(config).config["api_key"] == key
    raw = db_session.execute(text("SELECT * FROM connector_config")).all()
    assert key not in repr(raw)


def test_title_and_year_proposals_are_confirmed_or_rejected(
    client: FlaskClient, db_session: Session, admin: Person, lu: Institution, cris: Running
) -> None:
    for label in ("CRIS", "Repository"):
        config = services.create_config(db_session, lu.id, "oai-pmh", label, oai_settings(cris.url))
        db_session.commit()
        post(client, f"/institutions/lu/connectors/{config.id}/run")
    links = list(db_session.scalars(select(DuplicateLink)))
    reasons = sorted({link.reason for link in links})
    # The same CRIS twice: DOIs link at once; patents (no DOI) share only title and year.
    assert reasons == ["doi", "title_year"]
    proposal = next(link for link in links if link.reason == "title_year")
    listing = page(client, "/institutions/lu/duplicates")
    assert "vienāds nosaukums un gads" in listing and "MEDICAL DEVICE" in listing
    post(client, f"/institutions/lu/duplicates/{proposal.id}", {"decision": "confirm"})
    db_session.refresh(proposal)
    assert proposal.confirmed and proposal.decided_by_id == admin.id
    assert "Apstiprināts" in page(client, "/institutions/lu/duplicates")


def test_pages_in_english(client: FlaskClient, admin: Person, lu_cris: ConnectorConfig) -> None:
    with client.session_transaction() as session:
        session["lang"] = "en"
    assert "Add a connector" in page(client, "/institutions/lu/connectors")
    assert "Test the connection" in page(client, f"/institutions/lu/connectors/{lu_cris.id}")
    assert "No works harvested yet." in page(client, "/institutions/lu/works")
    assert "No duplicates found." in page(client, "/institutions/lu/duplicates")


ADMIN_PAGES = [
    ("GET", "/institutions/{slug}/connectors"),
    ("GET", "/institutions/{slug}/connectors/new/oai-pmh"),
    ("POST", "/institutions/{slug}/connectors/new/oai-pmh"),
    ("GET", "/institutions/{slug}/connectors/{config}"),
    ("POST", "/institutions/{slug}/connectors/{config}"),
    ("POST", "/institutions/{slug}/connectors/{config}/test"),
    ("POST", "/institutions/{slug}/connectors/{config}/run"),
    ("POST", "/institutions/{slug}/connectors/orcid/pull"),
    ("GET", "/institutions/{slug}/connectors/{config}/preview"),
    ("GET", "/institutions/{slug}/connectors/templates/works.csv"),
    ("GET", "/institutions/{slug}/runs/{run}"),
    ("GET", "/institutions/{slug}/runs/{run}/status"),
    ("GET", "/institutions/{slug}/works"),
    ("GET", "/institutions/{slug}/duplicates"),
    ("POST", "/institutions/{slug}/duplicates/{link}"),
]


def test_only_the_institution_s_admins_reach_its_connectors(
    client: FlaskClient, db_session: Session, lu: Institution
) -> None:
    rtu = factories.institution(db_session, "rtu", None, name_lv="RTU", name_en="RTU")
    rtu_config = services.create_config(
        db_session, rtu.id, "oai-pmh", "RTU CRIS", oai_settings("http://127.0.0.1:9/oai")
    )
    db_session.flush()
    run = HarvestRun(config_id=rtu_config.id, trigger="test", status="succeeded")
    db_session.add(run)
    db_session.flush()
    researcher = factories.person(db_session, "Edgars Vītols")
    lu_admin = factories.person(db_session, "Jānis Kalniņš", admin_of=lu)
    rtu_admin = factories.person(db_session, "Līga Krūmiņa", admin_of=rtu)
    db_session.commit()
    ids = {"config": rtu_config.id, "run": run.id, "link": 999999}
    for who in (lu_admin, researcher):
        login_as(client, who)
        token = csrf_token(client)
        for method, pattern in ADMIN_PAGES:
            url = pattern.format(slug="rtu", **ids)
            response = client.open(url, method=method, data={"csrf_token": token})
            assert response.status_code == 403, (who.name, method, url, response.status_code)
    # An admin of LU naming RTU's objects under LU's own address finds nothing there,
    # exactly as for an id that does not exist: ids reveal no other institution's rows.
    login_as(client, lu_admin)
    token = csrf_token(client)
    for method, pattern in ADMIN_PAGES:
        if "{config}" in pattern or "{run}" in pattern:
            url = pattern.format(slug="lu", **ids)
            response = client.open(url, method=method, data={"csrf_token": token})
            missing = client.open(
                pattern.format(slug="lu", config=999999, run=999999, link=999999),
                method=method,
                data={"csrf_token": token},
            )
            assert response.status_code == missing.status_code == 404, (method, url)
    login_as(client, rtu_admin)
    assert client.get(f"/institutions/rtu/connectors/{rtu_config.id}").status_code == 200
    assert client.get(f"/institutions/rtu/runs/{run.id}/status").status_code == 200
    db_session.expire_all()
    assert db_session.get(ConnectorConfig, rtu_config.id).label == "RTU CRIS"  # type: ignore[union-attr]
    with client.session_transaction() as session:
        session.clear()
    response = client.get("/institutions/rtu/connectors")
    assert response.status_code == 302 and "/signin" in response.headers["Location"]


def test_every_registered_connector_gets_a_form_from_its_settings(
    client: FlaskClient, admin: Person
) -> None:
    listing = page(client, "/institutions/lu/connectors")
    for name, cls in services.connector_types().items():
        assert f"/institutions/lu/connectors/new/{name}" in listing
        form = page(client, f"/institutions/lu/connectors/new/{name}")
        for setting in cls.settings:
            assert f'name="{setting.name}"' in form, (name, setting.name)
            if setting.secret:
                assert f'type="password" name="{setting.name}"' in form
