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


def consent_at_orcid(
    sandbox: object,
    hub_redirect: object,
    orcid: str,
    *,
    decision: str = "approve",
) -> str:
    """Follow the hub's redirect to the sandbox, sign in as ``orcid`` and decide there.

    Returns the path and query of ORCID's redirect back to the hub (its callback URL).
    """
    from urllib.parse import parse_qsl, urlencode, urlsplit

    location = hub_redirect.headers["Location"]  # type: ignore[attr-defined]
    params = dict(parse_qsl(urlsplit(location).query))
    assert location.startswith(sandbox.base_url + "/oauth/authorize"), location  # type: ignore[attr-defined]
    query = sandbox.authorize(  # type: ignore[attr-defined]
        client_id=params["client_id"],
        scopes=params["scope"],
        redirect_uri=params["redirect_uri"],
        state=params["state"],
        orcid=orcid,
        decision=decision,
    )
    return f"{urlsplit(params['redirect_uri']).path}?{urlencode(query)}"
