"""Works on the sandbox's Member API: ORCID's write rules, over real HTTP."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from tests.sandbox_server import OTHER_CLIENT, SandboxServer
from tests.unit.orcid_hub.sandbox.conftest import (
    JSON,
    XML,
    Caller,
    error_code,
    make_caller,
    work_xml,
)

W = "{http://www.orcid.org/ns/work}"
C = "{http://www.orcid.org/ns/common}"


def _schema(fixtures_dir: Path, name: str) -> etree.XMLSchema:
    return etree.XMLSchema(
        etree.parse(str(fixtures_dir / f"orcid-model/record_3.0/{name}-3.0.xsd"))
    )


def test_post_returns_201_location_and_an_empty_body(caller: Caller, samples: Path) -> None:
    response = caller.post("/work", (samples / "work-simple-3.0.xml").read_bytes())
    assert response.status_code == 201
    assert response.content == b""
    location = response.headers["Location"]
    assert location.startswith(caller.sandbox.url(f"/v3.0/{caller.orcid}/work/"))
    assert location.rsplit("/", 1)[1].isdigit()


def test_read_back_has_server_set_source_dates_path_and_visibility(
    caller: Caller, samples: Path, fixtures_dir: Path
) -> None:
    put_code = caller.create("work", (samples / "work-full-3.0.xml").read_bytes())
    response = caller.get(f"/work/{put_code}")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(XML)
    work = etree.fromstring(response.content)
    _schema(fixtures_dir, "work").assertValid(work)
    assert work.get("put-code") == str(put_code)
    assert work.get("path") == f"/{caller.orcid}/work/{put_code}"
    assert work.get("visibility") == "public"  # the user's default
    assert work.findtext(f"{C}source/{C}source-client-id/{C}path") == caller.client_id
    assert work.findtext(f"{C}source/{C}source-name") == "Test Member Client"
    assert work.findtext(f"{C}created-date")
    assert work.find(f".//{W}contributor-email") is None  # write-only


def test_visibility_is_the_users_default_whatever_is_sent(sandbox: SandboxServer) -> None:
    private_user = next(u for u in sandbox.users if u.visibility == "private")
    caller = make_caller(sandbox, private_user.orcid)
    put_code = caller.create(
        "work", work_xml("10.1/vis").replace("<work:work ", '<work:work visibility="public" ')
    )
    work = etree.fromstring(caller.get(f"/work/{put_code}").content)
    assert work.get("visibility") == "private"


def test_json_in_and_out(caller: Caller, samples: Path) -> None:
    put_code = caller.create("work", (samples / "work-full-3.0.json").read_bytes(), JSON)
    response = caller.get(f"/work/{put_code}", JSON)
    assert response.headers["Content-Type"].startswith(JSON)
    body = response.json()
    assert body["put-code"] == put_code
    assert body["title"]["title"] == {"value": "Work Title"}
    assert body["type"] == "journal-article"
    assert isinstance(body["created-date"]["value"], int)  # epoch milliseconds
    assert body["source"]["source-client-id"]["path"] == caller.client_id
    ids = body["external-ids"]["external-id"]
    assert {i["external-id-relationship"] for i in ids} == {"self", "part-of"}


def test_put_requires_the_matching_put_code_and_returns_the_work(caller: Caller) -> None:
    put_code = caller.create("work", work_xml("10.1/put"))
    missing = caller.put(f"/work/{put_code}", work_xml("10.1/put", "New title"))
    assert (missing.status_code, error_code(missing)) == (409, 9031)
    wrong = caller.put(f"/work/{put_code}", work_xml("10.1/put", "New", put_code=put_code + 1))
    assert (wrong.status_code, error_code(wrong)) == (400, 9019)
    ok = caller.put(f"/work/{put_code}", work_xml("10.1/put", "New title", put_code=put_code))
    assert ok.status_code == 200
    assert etree.fromstring(ok.content).findtext(f"{W}title/{C}title") == "New title"


def test_put_cannot_change_visibility(caller: Caller) -> None:
    put_code = caller.create("work", work_xml("10.1/visput"))
    body = work_xml("10.1/visput", put_code=put_code).replace(
        "<work:work ", '<work:work visibility="private" '
    )
    response = caller.put(f"/work/{put_code}", body)
    assert (response.status_code, error_code(response)) == (403, 9035)


def test_delete_returns_204_then_404(caller: Caller) -> None:
    put_code = caller.create("work", work_xml("10.1/del"))
    assert caller.delete(f"/work/{put_code}").status_code == 204
    assert caller.get(f"/work/{put_code}").status_code == 404


def test_put_code_on_create_is_refused(caller: Caller) -> None:
    response = caller.post("/work", work_xml("10.1/pc", put_code=5))
    assert (response.status_code, error_code(response)) == (400, 9024)


def test_only_the_source_may_update_or_delete(sandbox: SandboxServer, caller: Caller) -> None:
    put_code = caller.create("work", work_xml("10.1/own"))
    other = make_caller(sandbox, caller.orcid, OTHER_CLIENT)
    assert other.get(f"/work/{put_code}").status_code == 200  # visible, not editable
    update = other.put(f"/work/{put_code}", work_xml("10.1/own", put_code=put_code))
    assert (update.status_code, error_code(update)) == (403, 9010)
    delete = other.delete(f"/work/{put_code}")
    assert (delete.status_code, error_code(delete)) == (403, 9010)


def test_duplicate_from_the_same_source_names_the_existing_put_code(caller: Caller) -> None:
    put_code = caller.create("work", work_xml("10.1000/ABC"))
    response = caller.post("/work", work_xml("https://doi.org/10.1000/abc", "Same DOI"))
    assert (response.status_code, error_code(response)) == (409, 9021)
    message = etree.fromstring(response.content).findtext(
        "{http://www.orcid.org/ns/error}developer-message", ""
    )
    assert f"please see element with put-code {put_code}." in message
    assert "If you are trying to edit the item, please use PUT instead of POST." in message


def test_part_of_ids_are_not_duplicates(caller: Caller) -> None:
    caller.create("work", work_xml("10.1/a", part_of="10.1/book"))
    assert caller.post("/work", work_xml("10.1/b", part_of="10.1/book")).status_code == 201


def test_works_are_grouped_by_self_and_version_of_across_sources(
    sandbox: SandboxServer, caller: Caller, fixtures_dir: Path
) -> None:
    other = make_caller(sandbox, caller.orcid, OTHER_CLIENT)
    caller.create("work", work_xml("10.1/same"))
    other.create("work", work_xml("10.1/SAME"))  # another source: no conflict, one group
    caller.create("work", work_xml("10.1/preprint", version_of="10.1/final"))
    other.create("work", work_xml("10.1/final"))
    caller.create("work", work_xml("10.1/c1", part_of="10.1/book"))
    caller.create("work", work_xml("10.1/c2", part_of="10.1/book"))
    response = caller.get("/works")
    works = etree.fromstring(response.content)
    _schema(fixtures_dir, "activities").assertValid(works)
    sizes = sorted(len(g.findall(f"{W}work-summary")) for g in works)
    assert [s for s in sizes if s] == [1, 1, 2, 2]
    as_json = caller.get("/works", JSON).json()
    assert sorted(len(g["work-summary"]) for g in as_json["group"]) == [1, 1, 2, 2]


def test_bulk_create_returns_each_work_or_its_error(caller: Caller, samples: Path) -> None:
    bulk = (samples / "bulk-work-3.0.xml").read_bytes()
    response = caller.post("/works", bulk)
    assert response.status_code == 200
    slots = etree.fromstring(response.content)
    assert all(slot.tag == f"{W}work" and slot.get("put-code") for slot in slots)
    again = etree.fromstring(caller.post("/works", bulk).content)
    codes = [int(s.findtext("{http://www.orcid.org/ns/error}error-code") or 0) for s in again]
    assert codes == [9021] * len(slots)


def test_bulk_json_sample(caller: Caller, samples: Path) -> None:
    response = caller.post("/works", (samples / "bulk-works-3-works-3.0.json").read_bytes(), JSON)
    assert response.status_code == 200, response.text
    slots = response.json()["bulk"]
    assert len(slots) == 3 and all("work" in slot for slot in slots)


def test_bulk_over_100_is_refused(caller: Caller) -> None:
    works = [json.loads(json.dumps({"title": {"title": {"value": f"W{n}"}}})) for n in range(101)]
    response = caller.post("/works", json.dumps({"bulk": [{"work": w} for w in works]}), JSON)
    assert (response.status_code, error_code(response)) == (400, 9006)


def test_read_works_by_put_codes_up_to_100(caller: Caller) -> None:
    codes = [caller.create("work", work_xml(f"10.1/m{n}")) for n in range(3)]
    response = caller.get("/works/" + ",".join(map(str, codes)))
    assert [w.get("put-code") for w in etree.fromstring(response.content)] == list(map(str, codes))
    too_many = caller.get("/works/" + ",".join(str(n) for n in range(1, 102)))
    assert (too_many.status_code, error_code(too_many)) == (400, 9042)


def test_bulk_of_exactly_100_is_accepted(caller: Caller, samples: Path) -> None:
    body = (samples / "bulk-works-100-works-3.0.json").read_bytes()
    response = caller.post("/works", body, JSON)
    assert response.status_code == 200, response.text[:500]
    slots = response.json()["bulk"]
    assert len(slots) == 100
    errors = [slot["error"]["developer-message"] for slot in slots if "error" in slot]
    assert not errors, errors[:3]
