"""Small helpers for functional tests that drive the app through HTTP."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from orcid_hub.accounts.models import Person

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(client: FlaskClient, url: str = "/") -> str:
    """The CSRF token a person would find in the form on ``url``."""
    page = client.get(url).get_data(as_text=True)
    match = _CSRF.search(page)
    assert match, f"no CSRF token in the form at {url}"
    return match.group(1)


def login_as(client: FlaskClient, person: Person) -> None:
    """Put ``person`` into the test client's session, as a finished ORCID sign-in would."""
    with client.session_transaction() as session:
        session["person_id"] = person.id


def post_form(client: FlaskClient, url: str, data: dict[str, str], form_page: str = "/") -> object:
    return client.post(url, data={**data, "csrf_token": csrf_token(client, form_page)})
