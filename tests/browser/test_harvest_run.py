"""In a real browser: an admin harvests a CRIS now and watches the run page fill in.

The hub runs the harvest in a background thread, as in production; the run page
polls its status and shows the final counts when the run ends.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest

from orcid_hub import db
from orcid_hub.harvest import services
from orcid_hub.institutions.models import Institution
from tests.browser.conftest import ADMIN, LiveHub
from tests.browser.test_invitation_flow import sign_in_at_orcid
from tests.oai_server import CerifRepository, Reply, serve

pytestmark = pytest.mark.browser


def test_harvest_now_shows_progress_then_counts(
    browser: Any, live_hub: LiveHub, sandbox: Any, fixtures_dir: Path, artifacts: Path
) -> None:
    repository = CerifRepository(fixtures_dir, page_size=3)

    def slow(params: dict[str, str]) -> Reply:
        time.sleep(0.3)  # slow enough for the page to see the run in progress
        return repository(params)

    with serve(slow) as cris:
        with db.transaction(live_hub.app) as session:
            lu = session.query(Institution).filter_by(slug="lu").one()
            settings = {"base_url": cris.url, "source": "lu-cris", "attempts": "1"}
            config = services.create_config(session, lu.id, "oai-pmh", "LU CRIS", settings)
            session.flush()
            config_id = config.id
        page = browser.new_context(locale="lv-LV").new_page()
        page.goto(live_hub.url + "/signin")
        page.click("text=Pieteikties ar ORCID")
        sign_in_at_orcid(page, ADMIN)
        page.wait_for_url(re.compile(re.escape(live_hub.url) + "/institutions/lu"))
        page.click("nav.tabs >> text=Savienotāji")
        page.click("text=LU CRIS")
        page.wait_for_url(re.compile(f"/connectors/{config_id}$"))
        page.screenshot(path=str(artifacts / "harvest-connector.png"), full_page=True)
        page.click("button:has-text('Ievākt tagad')")
        page.wait_for_url(re.compile(r"/runs/\d+$"))
        assert page.locator("progress").count() == 1  # still running
        page.screenshot(path=str(artifacts / "harvest-running.png"), full_page=True)
        page.wait_for_selector(".badge.ok", timeout=20_000)  # reloaded when done
        assert page.inner_text("[data-count=added]") == "14"
        assert page.locator("progress").count() == 0
        page.screenshot(path=str(artifacts / "harvest-done.png"), full_page=True)
        page.click("text=Ievāktie darbi")
        assert "Linking Data and Publications" in page.inner_text("main")
        page.context.close()
