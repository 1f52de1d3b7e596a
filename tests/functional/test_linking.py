"""A researcher follows an invitation, consents at the (local) ORCID, and sees the result."""

from __future__ import annotations

import logging

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from orcid_hub.config import OrcidSettings
from orcid_hub.institutions.models import Institution
from orcid_hub.invitations.models import Invitation
from orcid_hub.linking.models import OrcidItem, OrcidToken
from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.model import Affiliation
from tests import factories
from tests.conftest import sandbox_orcid_settings
from tests.helpers import consent_at_orcid, csrf_token, login_as
from tests.sandbox_server import SandboxServer

ANNA = "0009-0000-0000-0033"
MARTINS = "0009-0000-0000-0041"


def read_employments(sandbox: SandboxServer, token: OrcidToken) -> tuple[Affiliation, ...]:
    """What ORCID holds, read back through the Member API as any client would."""
    endpoints = OrcidSettings(**sandbox_orcid_settings(sandbox.base_url)).endpoints
    with OrcidClient(endpoints, "APP-TESTCLIENT000001", "test-secret-1") as client:
        return client.api.read_affiliations(token.orcid, token.access_token, "employment")


def follow_invitation(client: FlaskClient, token: str) -> object:
    page = client.get(f"/invite/{token}")
    assert page.status_code == 200
    response = client.post(
        f"/invite/{token}", data={"csrf_token": csrf_token(client, f"/invite/{token}")}
    )
    assert response.status_code == 302
    return response


def link(
    client: FlaskClient, sandbox: SandboxServer, token: str, orcid: str = ANNA, **kw: str
) -> object:
    callback = consent_at_orcid(sandbox, follow_invitation(client, token), orcid, **kw)
    return client.get(callback)


def linked_anna(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> tuple[Institution, OrcidToken]:
    """Anna follows an invitation of LU and consents; LU and her stored token."""
    lu = factories.institution(db_session)
    _, token = factories.invitation(db_session, lu)
    db_session.commit()
    link(client, sandbox, token)
    db_session.expire_all()
    return lu, db_session.scalars(select(OrcidToken)).one()


def test_invite_consent_dashboard(
    client: FlaskClient,
    db_session: Session,
    sandbox: SandboxServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    lu = factories.institution(db_session)
    invitation, token = factories.invitation(db_session, lu, department="Fizikas fakultāte")
    db_session.commit()

    page = client.get(f"/invite/{token}").get_data(as_text=True)
    assert "Latvijas Universitāte" in page and "ORCID" in page
    caplog.set_level(logging.DEBUG)
    done = link(client, sandbox, token)
    assert done.status_code == 302 and done.headers["Location"] == "/me"

    dashboard = client.get("/me").get_data(as_text=True)
    assert f"{sandbox.base_url}/{ANNA}" in dashboard  # the iD links to the record's site
    assert "Latvijas Universitāte" in dashboard and "Fizikas fakultāte" in dashboard

    db_session.expire_all()
    stored = db_session.scalars(select(OrcidToken)).one()
    employments = read_employments(sandbox, stored)
    assert len(employments) == 1
    assert employments[0].source is not None
    assert employments[0].source.client_id == "APP-TESTCLIENT000001"
    assert employments[0].department == "Fizikas fakultāte"
    assert employments[0].organization.disambiguated_id == "https://ror.org/05g3mes96"
    item = db_session.scalars(select(OrcidItem)).one()
    assert item.state == "written" and item.put_code == employments[0].put_code
    assert stored.scope_set >= {"/read-limited", "/activities/update"}
    assert db_session.get(Invitation, invitation.id).used_at is not None  # type: ignore[union-attr]

    raw = db_session.execute(text("SELECT access_token FROM orcid_token")).scalar_one()
    assert stored.access_token not in raw
    assert stored.access_token not in caplog.text and stored.access_token not in dashboard


def test_denied_consent_explains_and_keeps_the_invitation(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> None:
    lu = factories.institution(db_session)
    invitation, token = factories.invitation(db_session, lu)
    db_session.commit()
    page = link(client, sandbox, token, decision="deny")
    text_ = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'data-reason="consent_denied"' in text_ and "Latvijas Universitāte" in text_
    db_session.expire_all()
    assert db_session.scalars(select(OrcidToken)).all() == []
    assert db_session.get(Invitation, invitation.id).used_at is None  # type: ignore[union-attr]
    assert client.get(f"/invite/{token}").status_code == 200  # may try again


def test_callback_with_a_foreign_state_links_nothing(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> None:
    lu = factories.institution(db_session)
    _, token = factories.invitation(db_session, lu)
    db_session.commit()
    callback = consent_at_orcid(sandbox, follow_invitation(client, token), ANNA)
    forged = callback.replace("state=", "state=forged")
    page = client.get(forged)
    assert page.status_code == 400
    assert 'data-reason="state_mismatch"' in page.get_data(as_text=True)
    assert client.get(callback).status_code == 400  # the real state was single-use
    assert db_session.scalars(select(OrcidToken)).all() == []


def test_used_and_expired_and_revoked_invitations_are_refused(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> None:
    lu = factories.institution(db_session)
    _, used = factories.invitation(db_session, lu)
    _, expired = factories.invitation(db_session, lu, email="b@example.lv", ttl_days=-1)
    revoked_invitation, revoked = factories.invitation(db_session, lu, email="c@example.lv")
    revoked_invitation.revoked_at = revoked_invitation.created_at
    db_session.commit()
    link(client, sandbox, used)
    for token, reason in (
        (used, "invitation_used"),
        (expired, "invitation_expired"),
        (revoked, "invitation_revoked"),
        ("nonsense", "invitation_unknown"),
    ):
        page = client.get(f"/invite/{token}")
        assert page.status_code in (404, 410)
        assert f'data-reason="{reason}"' in page.get_data(as_text=True)
        assert client.post(
            f"/invite/{token}", data={"csrf_token": csrf_token(client)}
        ).status_code in (404, 410)


def test_unlink_revokes_at_orcid(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> None:
    _, stored = linked_anna(client, db_session, sandbox)
    access = stored.access_token
    assert sandbox.inspect(ANNA)["tokens"]
    response = client.post(
        f"/me/links/{stored.id}/unlink", data={"csrf_token": csrf_token(client, "/me")}
    )
    assert response.status_code == 302
    assert "vairs nav piekļuves" in client.get("/me").get_data(as_text=True)
    db_session.expire_all()
    assert db_session.scalars(select(OrcidToken)).all() == []
    assert sandbox.inspect(ANNA)["tokens"] == []
    probe = sandbox.http.get(
        sandbox.url(f"/v3.0/{ANNA}/employments"),
        headers={"Authorization": f"Bearer {access}", "Accept": "application/vnd.orcid+xml"},
    )
    assert probe.status_code == 401


def test_access_revoked_at_orcid_is_shown(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> None:
    lu, stored = linked_anna(client, db_session, sandbox)
    sandbox.revoke_user_tokens(ANNA)
    stored.checked_at = None  # due for a check on the next visit
    db_session.commit()
    page = client.get("/me").get_data(as_text=True)
    assert "piekļuve atsaukta ORCID" in page
    db_session.expire_all()
    assert db_session.scalars(select(OrcidToken)).one().revoked_at is not None
    # The institution's admin sees it too.
    admin = factories.person(db_session, "Jānis Kalniņš", admin_of=lu)
    db_session.commit()
    login_as(client, admin)
    assert "atsaukta ORCID" in client.get("/institutions/lu").get_data(as_text=True)


def test_one_person_linked_with_two_institutions(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> None:
    lu = factories.institution(db_session)
    rtu = factories.institution(
        db_session,
        "rtu",
        "APP-TESTCLIENT000002",
        name_lv="Rīgas Tehniskā universitāte",
        name_en="Riga Technical University",
    )
    _, first = factories.invitation(db_session, lu)
    _, second = factories.invitation(db_session, rtu)
    db_session.commit()
    link(client, sandbox, first)
    link(client, sandbox, second)
    db_session.expire_all()
    tokens = db_session.scalars(select(OrcidToken).order_by(OrcidToken.id)).all()
    assert [t.institution.slug for t in tokens] == ["lu", "rtu"]
    assert tokens[0].person_id == tokens[1].person_id
    sources = sorted(item["source"] for item in sandbox.inspect(ANNA)["items"])
    assert sources == ["APP-TESTCLIENT000001", "APP-TESTCLIENT000002"]
    page = client.get("/me").get_data(as_text=True)
    assert "Latvijas Universitāte" in page and "Rīgas Tehniskā universitāte" in page


def test_invitation_opened_by_the_wrong_account_links_nothing(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> None:
    lu = factories.institution(db_session)
    invitation, token = factories.invitation(db_session, lu, orcid=ANNA)
    db_session.commit()
    page = link(client, sandbox, token, orcid=MARTINS)
    assert page.status_code == 409
    assert 'data-reason="wrong_account"' in page.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.scalars(select(OrcidToken)).all() == []
    held = db_session.get(Invitation, invitation.id)
    assert held is not None and held.conflict_orcid == MARTINS and held.used_at is None
    assert sandbox.inspect(MARTINS)["tokens"] == []  # the token ORCID issued was revoked
