"""Tokens, scopes and visibility on the sandbox API."""

from __future__ import annotations

from lxml import etree

from tests.sandbox_server import OTHER_CLIENT, SandboxServer
from tests.unit.orcid_hub.sandbox.conftest import XML, Caller, error_code, make_caller, work_xml


def test_write_without_activities_update_is_403_9038(sandbox: SandboxServer) -> None:
    reader = make_caller(sandbox, scopes="/read-limited")
    response = reader.post("/work", work_xml("10.1/scope"))
    assert (response.status_code, error_code(response)) == (403, 9038)


def test_token_for_another_record_is_401_9017(sandbox: SandboxServer, caller: Caller) -> None:
    someone_else = sandbox.users[3].orcid
    response = caller.post("/work", work_xml("10.1/x"), orcid=someone_else)
    assert (response.status_code, error_code(response)) == (401, 9017)


def test_unknown_token_is_401_invalid_token_json(sandbox: SandboxServer) -> None:
    response = sandbox.http.get(
        sandbox.url(f"/v3.0/{sandbox.users[0].orcid}/works"),
        headers={"Authorization": "Bearer 00000000-0000-0000-0000-000000000000", "Accept": XML},
        timeout=5,
    )
    assert response.status_code == 401
    assert response.json() == {
        "error": "invalid_token",
        "error_description": "Invalid access token: 00000000-0000-0000-0000-000000000000",
    }


def test_user_revoking_access_at_orcid_invalidates_the_token(
    sandbox: SandboxServer, caller: Caller
) -> None:
    assert caller.get("/works").status_code == 200
    assert sandbox.revoke_user_tokens(caller.orcid) == 1
    response = caller.get("/works")
    assert response.status_code == 401 and response.json()["error"] == "invalid_token"


def test_limited_items_need_read_limited(sandbox: SandboxServer) -> None:
    limited = next(u for u in sandbox.users if u.visibility == "limited")
    writer = make_caller(sandbox, limited.orcid)
    put_code = writer.create("work", work_xml("10.1/lim"))
    other_client_reader = make_caller(sandbox, limited.orcid, OTHER_CLIENT, "/read-limited")
    assert other_client_reader.get(f"/work/{put_code}").status_code == 200
    no_scope = make_caller(sandbox, limited.orcid, OTHER_CLIENT, "/authenticate")
    denied = no_scope.get(f"/work/{put_code}")
    assert (denied.status_code, error_code(denied)) == (403, 9038)
    assert str(put_code) not in no_scope.get("/works").text


def test_private_items_only_for_their_source(sandbox: SandboxServer) -> None:
    private = next(u for u in sandbox.users if u.visibility == "private")
    writer = make_caller(sandbox, private.orcid)
    put_code = writer.create("work", work_xml("10.1/priv"))
    assert writer.get(f"/work/{put_code}").status_code == 200
    other = make_caller(sandbox, private.orcid, OTHER_CLIENT)
    denied = other.get(f"/work/{put_code}")
    assert (denied.status_code, error_code(denied)) == (403, 9013)


def test_public_api_reads_public_items_only(sandbox: SandboxServer) -> None:
    limited = next(u for u in sandbox.users if u.visibility == "limited")
    public_writer = make_caller(sandbox)
    limited_writer = make_caller(sandbox, limited.orcid)
    public_code = public_writer.create("work", work_xml("10.1/pub"))
    limited_code = limited_writer.create("work", work_xml("10.1/notpub"))
    token = sandbox.client_token("/read-public")
    headers = {"Authorization": f"Bearer {token}", "Accept": XML}
    ok = sandbox.http.get(
        sandbox.url(f"/pub/v3.0/{public_writer.orcid}/work/{public_code}"),
        headers=headers,
        timeout=5,
    )
    assert ok.status_code == 200
    hidden = sandbox.http.get(
        sandbox.url(f"/pub/v3.0/{limited.orcid}/work/{limited_code}"), headers=headers, timeout=5
    )
    assert (hidden.status_code, error_code(hidden)) == (403, 9039)
    no_writes = sandbox.http.post(
        sandbox.url(f"/pub/v3.0/{public_writer.orcid}/work"),
        data=work_xml("10.1/w"),
        headers={**headers, "Content-Type": XML},
        timeout=5,
    )
    assert no_writes.status_code == 405


def test_record_and_activities_list_the_sections(caller: Caller) -> None:
    caller.create("work", work_xml("10.1/rec"))
    record = etree.fromstring(caller.get("/record").content)
    assert record.get("path") == f"/{caller.orcid}"
    assert record.findtext("{*}orcid-identifier/{*}path") == caller.orcid
    summary = record.find("{*}activities-summary")
    assert summary is not None
    names = [etree.QName(e).localname for e in summary]
    assert {"educations", "employments", "fundings", "works"} <= set(names)
    activities = caller.get("/activities", "application/vnd.orcid+json").json()
    assert len(activities["works"]["group"]) == 1
    person = caller.get("/person", "application/vnd.orcid+json").json()
    assert person["name"]["family-name"]


def test_unknown_record_is_404(caller: Caller) -> None:
    response = caller.sandbox.http.get(
        caller.sandbox.url("/pub/v3.0/0000-0002-1825-0097/works"), timeout=5
    )
    assert response.status_code == 404
