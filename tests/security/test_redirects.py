"""No open redirect: ``next`` after sign-in and after choosing a language stays on the hub."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from orcid_hub.web.views import safe_next
from tests import factories
from tests.helpers import consent_at_orcid, csrf_token
from tests.sandbox_server import SandboxServer

JANIS = "0009-0000-0000-0025"
HOST = "http://localhost/"

ELSEWHERE = [
    "https://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\/evil.example/",
    "/\\/evil.example/",
    "\\\\evil.example/",
    "/\t/evil.example/",
    "/\n/evil.example/",
    " //evil.example/",
    "http:/evil.example/",
    "javascript:alert(1)",
]


def lands_on_the_hub(location: str) -> bool:
    """Where a browser goes: it drops tabs and newlines and reads '\\' as '/' (WHATWG URL)."""
    seen = re.sub(r"[\t\n\r]", "", location).replace("\\", "/").strip()
    if seen.startswith("//"):
        return False  # any number of slashes: another host (the URL standard skips them)
    target = urlsplit(urljoin(HOST, seen))
    return target.scheme == "http" and target.netloc == "localhost"


@pytest.mark.parametrize("target", ["/institutions/lu", "/me?tab=links", "/a\\b"])
def test_safe_next_keeps_a_path_of_this_site(target: str) -> None:
    kept = safe_next(target, "/")
    assert kept.startswith("/") and lands_on_the_hub(kept)


@pytest.mark.parametrize("target", ELSEWHERE)
def test_sign_in_never_sends_the_browser_elsewhere(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer, target: str
) -> None:
    factories.person(db_session, "Jānis Kalniņš", JANIS)
    db_session.commit()
    page = client.get("/signin", query_string={"next": target}).get_data(as_text=True)
    found = re.search(r'name="next" value="([^"]*)"', page)
    assert found is not None
    carried = html.unescape(found.group(1))  # what the browser posts back
    started = client.post(
        "/signin/orcid", data={"csrf_token": csrf_token(client, "/signin"), "next": carried}
    )
    done = client.get(consent_at_orcid(sandbox, started, JANIS))
    assert done.status_code == 302
    assert lands_on_the_hub(done.headers["Location"]), done.headers["Location"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_choosing_a_language_never_sends_the_browser_elsewhere(
    client: FlaskClient, target: str
) -> None:
    response = client.post(
        "/language", data={"lang": "en", "next": target, "csrf_token": csrf_token(client)}
    )
    assert response.status_code == 302
    assert lands_on_the_hub(response.headers["Location"]), response.headers["Location"]
