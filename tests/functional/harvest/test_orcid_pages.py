"""The Connectors tab's "Read works from ORCID now", and ``orcid-hub connectors pull-orcid``."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from orcid_hub.db import make_engine
from orcid_hub.harvest.models import ConnectorConfig, HarvestRun
from orcid_hub.institutions.models import Institution
from tests import factories
from tests.conftest import TEST_KEY
from tests.functional.harvest.orcid_setup import TESS, link, orcid_client
from tests.helpers import csrf_token, login_as
from tests.integration.conftest import work
from tests.sandbox_server import SandboxServer

PULL = "/institutions/lu/connectors/orcid/pull"


def test_an_admin_reads_works_from_orcid_from_the_connectors_tab(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer, lu: Institution
) -> None:
    tess = link(db_session, sandbox, lu, TESS, "Tess Tester")
    with orcid_client(client.application) as orcid:
        orcid.api.create_work(TESS, tess.access_token, work(1))
    admin = factories.person(db_session, "Jānis Kalniņš", admin_of=lu)
    db_session.commit()
    login_as(client, admin)
    listing = client.get("/institutions/lu/connectors").get_data(as_text=True)
    assert "Nolasīt darbus no ORCID tagad" in listing and PULL in listing

    assert client.post(PULL).status_code == 400  # no CSRF token
    token = csrf_token(client, "/institutions/lu/connectors")
    response = client.post(PULL, data={"csrf_token": token})
    assert response.status_code == 302
    run_url = response.headers["Location"]
    assert run_url.startswith("/institutions/lu/runs/")
    run_page = client.get(run_url).get_data(as_text=True)
    assert 'data-count="added">1<' in run_page and "izdevās" in run_page
    db_session.expire_all()
    config = db_session.scalars(
        select(ConnectorConfig).where(ConnectorConfig.connector == "orcid")
    ).one()
    assert config.institution_id == lu.id
    listing = client.get("/institutions/lu/connectors").get_data(as_text=True)
    assert config.label in listing and f'/connectors/{config.id}"' not in listing
    assert db_session.scalars(select(HarvestRun)).one().trigger == "manual"


def test_pull_orcid_from_the_command_line(run_cli: Any, scratch_database_url: str) -> None:
    env = {
        "ORCID_HUB_DATABASE__URL": scratch_database_url,
        "ORCID_HUB_APP__SECRET_KEY": "s",
        "ORCID_HUB_SECURITY__ENCRYPTION_KEYS": TEST_KEY,
    }
    assert run_cli("db", "upgrade", env=env).exit_code == 0
    engine = make_engine(scratch_database_url)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO institution (slug, name_lv, name_en) VALUES ('lu', 'LU', 'LU')")
        )
    engine.dispose()
    missing = run_cli("connectors", "pull-orcid", "nosuch", env=env)
    assert missing.exit_code == 2 and "no institution" in missing.output
    # No researcher has linked yet: an empty, successful run, listed like a harvest.
    result = run_cli("connectors", "pull-orcid", "lu", env=env)
    assert result.exit_code == 0, result.output
    assert "succeeded; added 0, changed 0, deleted 0, failed 0" in result.output
    listing = run_cli("connectors", "list", env=env).output
    assert "\torcid\tORCID\tby hand\tsucceeded" in listing
