"""Each typed error of the client, from a real sandbox answer over HTTP."""

from __future__ import annotations

import dataclasses

import pytest

from orcid_hub.orcid import xml_write
from orcid_hub.orcid.api import WRITE
from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.errors import (
    DeprecatedRecordError,
    DuplicateError,
    InvalidTokenError,
    MissingScopeError,
    NotSourceError,
    OAuthError,
    OrcidValidationError,
    RecordLockedError,
    WrongRecordError,
)
from orcid_hub.orcid.model import ExternalId
from orcid_hub.orcid.validation import ValidationError
from tests.integration.conftest import (
    ILZE,
    PAT,
    TESS,
    CallLog,
    LinkUser,
    affiliation,
    funding,
    work,
)
from tests.sandbox_server import TEST_CLIENT, SandboxServer


def test_not_source_of_another_clients_work(
    sandbox: SandboxServer, orcid: OrcidClient, other_orcid: OrcidClient, link: LinkUser
) -> None:
    theirs = link(client=other_orcid).access_token
    ours = link().access_token
    put_code = other_orcid.api.create_work(TESS, theirs, work())
    # Readable by us (public), but not ours to change.
    seen = orcid.api.read_work(TESS, ours, put_code)
    with pytest.raises(NotSourceError) as update:
        orcid.api.update_work(TESS, ours, dataclasses.replace(seen, title="Taken over"))
    assert (update.value.status, update.value.error_code) == (403, 9010)
    with pytest.raises(NotSourceError):
        orcid.api.delete_work(TESS, ours, put_code)
    assert orcid.api.read_work(TESS, ours, put_code).title == work().title


def test_duplicate_names_the_existing_put_code(orcid: OrcidClient, link: LinkUser) -> None:
    token = link().access_token
    first = orcid.api.create_work(TESS, token, work())
    # The same DOI written differently is the same work to ORCID.
    again = work(
        title="Another title",
        external_ids=(ExternalId("doi", "https://doi.org/10.5555/LV.2024.1", "self"),),
    )
    with pytest.raises(DuplicateError) as duplicate:
        orcid.api.create_work(TESS, token, again)
    assert (duplicate.value.status, duplicate.value.error_code) == (409, 9021)
    assert duplicate.value.existing_put_code == first
    funded = orcid.api.create_funding(TESS, token, funding())
    with pytest.raises(DuplicateError) as twice:
        orcid.api.create_funding(TESS, token, funding(title="The same grant again"))
    assert twice.value.existing_put_code == funded


def test_locked_record(sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser) -> None:
    token = link().access_token
    sandbox.inject("locked", orcid=TESS)
    with pytest.raises(RecordLockedError) as locked:
        orcid.api.create_work(TESS, token, work())
    assert (locked.value.status, locked.value.error_code) == (409, 9018)
    assert not locked.value.retryable
    with pytest.raises(RecordLockedError):
        orcid.api.read_record(TESS, token)
    assert sandbox.inspect(TESS)["items"] == []


def test_deprecated_record_names_the_primary(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser
) -> None:
    token = link().access_token
    sandbox.inject("deprecated", orcid=TESS, primary=ILZE)
    with pytest.raises(DeprecatedRecordError) as merged:
        orcid.api.read_record(TESS, token)
    assert (merged.value.status, merged.value.error_code) == (301, 9007)
    assert merged.value.primary_orcid == ILZE
    with pytest.raises(DeprecatedRecordError) as writing:
        orcid.api.create_work(TESS, token, work())
    assert writing.value.primary_orcid == ILZE


def test_token_of_another_record(orcid: OrcidClient, link: LinkUser) -> None:
    tess = link(TESS).access_token
    link(PAT)
    with pytest.raises(WrongRecordError) as wrong:
        orcid.api.read_record(PAT, tess)
    assert (wrong.value.status, wrong.value.error_code) == (401, 9017)
    with pytest.raises(WrongRecordError):
        orcid.api.create_work(PAT, tess, work())


def test_token_without_activities_update(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser
) -> None:
    token = link(scopes=("/read-limited",))
    assert token.scope == {"/read-limited"}
    assert orcid.api.read_record(TESS, token.access_token).orcid == TESS
    with pytest.raises(MissingScopeError) as missing:
        orcid.api.create_work(TESS, token.access_token, work())
    assert (missing.value.status, missing.value.error_code) == (403, 9038)
    with pytest.raises(MissingScopeError):
        orcid.api.create_affiliation(TESS, token.access_token, affiliation())
    assert sandbox.inspect(TESS)["items"] == []


def test_user_revoked_access_at_orcid(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser
) -> None:
    """Revoked-token detection: the user removed the member from their trusted parties."""
    token = link()
    put_code = orcid.api.create_work(TESS, token.access_token, work())
    assert sandbox.revoke_user_tokens(TESS, TEST_CLIENT) == 1
    with pytest.raises(InvalidTokenError) as revoked:
        orcid.api.read_work(TESS, token.access_token, put_code)
    assert revoked.value.status == 401
    assert not revoked.value.retryable
    assert token.access_token not in str(revoked.value)
    with pytest.raises(InvalidTokenError):
        orcid.api.update_work(
            TESS, token.access_token, dataclasses.replace(work(), put_code=put_code)
        )
    # The refresh token went too: only a new consent helps.
    assert token.refresh_token
    with pytest.raises(OAuthError) as refresh:
        orcid.oauth.refresh(token.refresh_token)
    assert refresh.value.oauth_error == "invalid_grant"


def test_orcid_validation_error_reaches_the_caller(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser, call_log: CallLog
) -> None:
    """The client validates before sending, so ORCID's own refusal is seen only for a
    document that skipped that check: sent here through the client's transport."""
    token = link().access_token
    url = f"{orcid.api.base}/{TESS}/work"
    untitled = xml_write.work_to_xml(work(title=" "))
    with pytest.raises(OrcidValidationError) as untitled_error:
        orcid.transport.request("POST", url, token=token, headers=WRITE, data=untitled)
    assert (untitled_error.value.status, untitled_error.value.error_code) == (400, 9022)
    assert "title" in untitled_error.value.developer_message
    with pytest.raises(OrcidValidationError) as garbage:
        orcid.transport.request("POST", url, token=token, headers=WRITE, data=b"<work>")
    assert (garbage.value.status, garbage.value.error_code) == (400, 9001)
    assert len(call_log.calls("POST", "/work")) == 2  # a 400 is never retried
    assert sandbox.inspect(TESS)["items"] == []
    # Through the API the same work never leaves the hub.
    with pytest.raises(ValidationError):
        orcid.api.create_work(TESS, token, work(title=" "))
    assert len(call_log.calls("POST", "/work")) == 2


def test_funding_type_text_over_orcid_limit_is_refused_by_the_client(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser, call_log: CallLog
) -> None:
    """ORCID's schema allows 255 characters of organization-defined-type (400/9001)."""
    token = link().access_token
    call_log.clear()
    with pytest.raises(ValidationError) as refused:
        orcid.api.create_funding(TESS, token, funding(organization_defined_type="x" * 256))
    assert "organization_defined_type" in str(refused.value)
    assert call_log.calls("POST") == []
    put_code = orcid.api.create_funding(TESS, token, funding(organization_defined_type="x" * 255))
    assert orcid.api.read_funding(TESS, token, put_code).organization_defined_type == "x" * 255


def test_text_xml_cannot_carry_is_refused_by_the_client(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser, call_log: CallLog
) -> None:
    """A form feed pasted from a PDF is a listed problem, not a crash of the serialiser."""
    token = link().access_token
    call_log.clear()
    with pytest.raises(ValidationError) as refused:
        orcid.api.create_work(TESS, token, work(title="Results\x0cDiscussion"))
    assert [p.path for p in refused.value.problems] == ["work.title"]
    with pytest.raises(ValidationError):
        orcid.api.create_affiliation(TESS, token, affiliation(department="Computing\x0b"))
    assert call_log.calls("POST") == []
    assert sandbox.inspect(TESS)["items"] == []
