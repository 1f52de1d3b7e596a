from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from orcid_hub import crypto, keys
from orcid_hub.accounts.models import Person
from orcid_hub.audit.models import AuditEntry
from orcid_hub.institutions.models import Institution
from orcid_hub.linking.models import OrcidToken
from tests.conftest import OTHER_KEY, TEST_KEY

ACCESS = "f5af9f51-07e6-4332-8f1a-c0c11c1e3728"
REFRESH = "f725f747-3a65-49f6-a231-3e8944ce464d"


def store_token(db_session: Session) -> OrcidToken:
    inst = Institution(slug="lu", name_lv="Latvijas Universitāte", name_en="University of Latvia")
    person = Person(orcid="0000-0002-1825-0097", name="Anna Ozoliņa")
    token = OrcidToken(
        person=person,
        institution=inst,
        orcid=person.orcid or "",
        scopes="/read-limited /activities/update",
        access_token=ACCESS,
        refresh_token=REFRESH,
    )
    db_session.add(token)
    db_session.commit()
    return token


def raw_row(db_session: Session, token_id: int) -> tuple[str, str]:
    row = db_session.execute(
        text("SELECT access_token, refresh_token FROM orcid_token WHERE id = :id"),
        {"id": token_id},
    ).one()
    return row[0], row[1]


def test_tokens_are_not_stored_in_clear(db_session: Session) -> None:
    token = store_token(db_session)
    access, refresh = raw_row(db_session, token.id)
    assert ACCESS not in access and REFRESH not in refresh
    db_session.expire_all()
    assert db_session.get(OrcidToken, token.id).access_token == ACCESS  # type: ignore[union-attr]


def test_audit_log_records_the_change_without_the_secret(db_session: Session) -> None:
    token = store_token(db_session)
    entry = db_session.scalars(
        select(AuditEntry).where(AuditEntry.entity == "orcid_token", AuditEntry.action == "insert")
    ).one()
    assert entry.entity_id == token.id
    assert entry.institution_id == token.institution_id
    assert entry.changes["access_token"] == "<secret>"
    assert ACCESS not in str(entry.changes) and REFRESH not in str(entry.changes)
    assert entry.changes["scopes"] == "/read-limited /activities/update"


def test_rotate_key_moves_every_secret_to_the_new_key(app, db_session: Session) -> None:  # type: ignore[no-untyped-def]
    token = store_token(db_session)
    crypto.configure([OTHER_KEY, TEST_KEY])
    try:
        counts = keys.rotate_all(app)
        assert counts["orcid_token.access_token"] >= 1
        access, _ = raw_row(db_session, token.id)
        assert crypto.Keyring([OTHER_KEY]).decrypt(access) == ACCESS
        with pytest.raises(crypto.SecretKeyError):
            crypto.Keyring([TEST_KEY]).decrypt(access)
    finally:
        crypto.configure([TEST_KEY])


def test_a_malformed_key_is_named() -> None:
    with pytest.raises(crypto.SecretKeyError, match=r"encryption_keys\[1\] is not a Fernet key"):
        crypto.Keyring([TEST_KEY, "not-a-key"])
