"""``orcid-hub connectors list|add|test|run`` against a fresh database and the loopback CRIS."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from orcid_hub.db import make_engine
from tests.conftest import TEST_KEY
from tests.functional.harvest.conftest import drop_first_title
from tests.oai_server import CerifRepository, Running


def test_add_list_test_and_run(
    run_cli: Any, scratch_database_url: str, cris: Running, repository: CerifRepository
) -> None:
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

    def ok(*args: str) -> str:
        result = run_cli("connectors", *args, env=env)
        assert result.exit_code == 0, result.output
        return str(result.output)

    settings = ["--set", f"base_url={cris.url}", "--set", "source=lu", "--set", "attempts=1"]
    assert "Added connector 1 (oai-pmh)" in ok("add", "lu", "oai-pmh", "LU CRIS", *settings)
    key = "cli-pure-key-93b1"
    pure = ["--set", "api_url=https://pure.example.lv/ws/api", "--set", "source=lu"]
    ok(
        "add",
        "lu",
        "pure",
        "Pure",
        *pure,
        "--set",
        f"api_key={key}",
        "--schedule",
        "60",
        "--disabled",
    )
    listing = ok("list")
    assert "LU CRIS" in listing and "never run" in listing and "every 60 min" in listing
    assert "Pure (disabled)" in listing
    assert "pure:" in listing and "(secret: api_key)" in listing
    assert key not in listing
    assert ok("test", "1").startswith("Connected: ")
    drop_first_title(repository)
    ran = ok("run", "1")
    assert "succeeded; added 13, changed 0, deleted 0, failed 1" in ran
    assert "failed Publications/812348: the work has no title" in ran
    again = ok("run", "1")
    assert "added 0, changed 0, deleted 0, failed 1" in again
    assert "No connector is due." in ok("run", "--due")  # Pure is switched off
    bad = run_cli("connectors", "add", "lu", "oai-pmh", "X", "--set", "base_url=ftp://x", env=env)
    assert bad.exit_code != 0 and "not added" in bad.output
    with engine.connect() as conn:
        raw = conn.execute(text("SELECT * FROM connector_config")).all()
        audit = conn.execute(text("SELECT changes FROM audit_entry")).all()
        stored = conn.execute(text("SELECT count(*) FROM stored_work")).scalar()
    engine.dispose()
    assert key not in repr(raw) and key not in repr(audit)
    assert stored == 13
