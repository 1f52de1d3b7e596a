"""Model values: dates, the token answer, grouped works."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from orcid_hub.orcid.model import FuzzyDate, TokenResponse, Work, WorkGroup, WorksSummary

TOKEN_JSON: dict[str, object] = {
    "access_token": "f5af9f51-07e6-4332-8f1a-c0c11c1e3728",
    "token_type": "bearer",
    "refresh_token": "f725f747-3a65-49f6-a231-3e8944ce464d",
    "expires_in": 631138518,
    "scope": "/activities/update /read-limited",
    "name": "Sofia Garcia",
    "orcid": "0000-0001-2345-6789",
}


def test_fuzzy_date_text_forms() -> None:
    assert FuzzyDate.parse("2012") == FuzzyDate(2012)
    assert FuzzyDate.parse("2012-10-01") == FuzzyDate(2012, 10, 1)
    assert str(FuzzyDate(2012, 3)) == "2012-03"
    with pytest.raises(ValueError, match="YYYY"):
        FuzzyDate.parse("2012-01-01-01")
    with pytest.raises(ValueError, match="YYYY"):
        FuzzyDate.parse("May 2012")


def test_token_response_is_kept_whole() -> None:
    received = datetime(2026, 1, 1, tzinfo=UTC)
    token = TokenResponse.from_json(TOKEN_JSON, received_at=received)
    assert token.scope == {"/activities/update", "/read-limited"}
    assert token.has_scope("/read-limited") and not token.has_scope("/person/update")
    assert (token.name, token.orcid, token.id_token) == (
        "Sofia Garcia",
        "0000-0001-2345-6789",
        None,
    )
    assert token.expires_at == received + timedelta(seconds=631138518)


def test_token_repr_hides_the_tokens() -> None:
    token = TokenResponse.from_json(TOKEN_JSON)
    assert "f5af9f51" not in repr(token) and "f725f747" not in repr(token)


def test_client_credentials_token_has_no_orcid() -> None:
    token = TokenResponse.from_json(
        {"access_token": "a", "token_type": "bearer", "scope": "/read-public", "orcid": None}
    )
    assert token.orcid is None and token.refresh_token is None


def test_works_summary_flattens_groups() -> None:
    one = Work("A", "book", put_code=1)
    two = Work("A", "book", put_code=2)
    summary = WorksSummary((WorkGroup((), (one, two)), WorkGroup((), (Work("B", "book"),))))
    assert summary.put_codes == (1, 2)
    assert len(summary.summaries) == 3
