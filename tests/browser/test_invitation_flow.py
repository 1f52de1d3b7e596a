"""In a real browser: the admin invites, the researcher follows the e-mail, consents at
the local ORCID sandbox and sees the affiliation on the dashboard, in Latvian and English."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ADMIN, RESEARCHER, LiveHub

pytestmark = pytest.mark.browser

TEXT = {
    "lv": {
        "signin": "Pieteikties ar ORCID",
        "send": "Nosūtīt uzaicinājumu",
        "connect": "Piesaistīt savu ORCID iD",
        "written": "jūsu profilā",
        "invites": "aicina jūs piesaistīt",
    },
    "en": {
        "signin": "Sign in with ORCID",
        "send": "Send invitation",
        "connect": "Connect your ORCID iD",
        "written": "on your record",
        "invites": "invites you to link your ORCID iD",
    },
}


def sign_in_at_orcid(page: Any, orcid: str) -> None:
    """The local sandbox's sign-in and consent page, as a person fills it in."""
    page.wait_for_selector("#authorize-form")
    if page.locator("#orcid").count():
        page.fill("#orcid", orcid)
        page.fill("#password", "demo")
    page.click("#approve")


def choose_language(page: Any, hub: LiveHub, lang: str) -> None:
    page.goto(hub.url + "/")
    page.click(f"form.lang button[value={lang}]")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_invitation_to_dashboard(
    browser: Any, live_hub: LiveHub, sandbox: Any, artifacts: Path, lang: str
) -> None:
    words = TEXT[lang]
    admin = browser.new_context(locale="lv-LV")
    page = admin.new_page()
    choose_language(page, live_hub, lang)
    page.goto(live_hub.url + "/signin")
    page.click(f"text={words['signin']}")
    sign_in_at_orcid(page, ADMIN)
    page.wait_for_url(re.compile(re.escape(live_hub.url) + "/institutions/lu"))

    page.goto(live_hub.url + "/institutions/lu/invitations")
    page.fill("#i-email", "anna.ozolina@example.lv")
    page.fill("#i-given_names", "Anna")
    page.fill("#i-family_name", "Ozoliņa")
    page.click(f"button:has-text('{words['send']}')")
    page.wait_for_selector("tr[data-status=pending]")
    page.screenshot(path=str(artifacts / f"1-invitations-{lang}.png"), full_page=True)

    page.goto(live_hub.url + "/outbox")
    mail_text = page.inner_text("article.mail pre")
    assert words["invites"] in mail_text or TEXT["lv"]["invites"] in mail_text
    link = re.search(r"http://127\.0\.0\.1:\d+/invite/\S+", mail_text)
    assert link is not None
    admin.close()

    researcher = browser.new_context()
    page = researcher.new_page()
    choose_language(page, live_hub, lang)
    page.goto(link.group(0))
    page.screenshot(path=str(artifacts / f"2-invitation-{lang}.png"), full_page=True)
    page.click("#link-orcid")
    sign_in_at_orcid(page, RESEARCHER)
    page.wait_for_url(re.compile(re.escape(live_hub.url) + "/me"))
    body = page.inner_text("main")
    assert f"{sandbox.base_url}/{RESEARCHER}" in body
    assert "Datorikas fakultāte" in body and words["written"] in body
    page.screenshot(path=str(artifacts / f"3-dashboard-{lang}.png"), full_page=True)

    # The iD links to the record at (the local) ORCID, where the employment now shows.
    page.click("a.orcid-id")
    record = page.inner_text("#items")
    assert "Latvijas Universitāte · Datorikas fakultāte" in record
    assert "Test Member Client" in record  # the institution's client is the source
    page.screenshot(path=str(artifacts / f"4-orcid-record-{lang}.png"), full_page=True)
    researcher.close()
