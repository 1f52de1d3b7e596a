"""The OAI-PMH connector over real loopback HTTP against tests/oai_server.py."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from connectors.base import Checkpoint, HarvestItem
from connectors.errors import ConfigurationError, ParseError, ProtocolError, TransportError
from connectors.oaipmh import OaiError, OaiPmhConnector
from connectors.records import Person, Tombstone, Work
from tests.oai_server import CerifRepository, Reply, Running, SickleRepository, oai_error, serve

# publications 8 (one deleted), products 5, patents 2, persons 18
EXPECTED_RECORDS = 33


@pytest.fixture
def cerif(fixtures_dir: Path) -> CerifRepository:
    return CerifRepository(fixtures_dir, page_size=3)


@pytest.fixture
def server(cerif: CerifRepository) -> Iterator[Running]:
    with serve(cerif) as running:
        yield running


def connector(url: str, **extra: object) -> OaiPmhConnector:
    return OaiPmhConnector({"base_url": url, "source": "cris", "timeout": 5, **extra})


def records(items: list[HarvestItem]) -> list[Work | Person | Tombstone]:
    return [i for i in items if not isinstance(i, Checkpoint)]


def test_identify_chooses_cerif_1_2_by_namespace(server: Running) -> None:
    info = connector(server.url).identify()
    assert info.name == "cris.example.org"
    assert info.formats == ("oai_cerif_openaire_v1_2",)
    assert info.details["format"] == "cerif-1.2"
    assert (info.granularity, info.deleted_record) == ("YYYY-MM-DDThh:mm:ssZ", "no")
    assert info.earliest == datetime(2008, 11, 23, 13, 11, 2, tzinfo=UTC)


def test_full_harvest_pages_through_every_set(server: Running) -> None:
    items = list(connector(server.url).harvest())
    found = records(items)
    assert len(found) == EXPECTED_RECORDS
    assert sum(isinstance(r, Person) for r in found) == 18
    assert [r.local_id for r in found if isinstance(r, Tombstone)] == ["Publications/899999"]
    checkpoints = [i for i in items if isinstance(i, Checkpoint)]
    # pages of 3: publications 3, products 2, patents 1, persons 6
    assert len(checkpoints) == 12
    assert not any(c.complete for c in checkpoints[:-1])
    final = checkpoints[-1]
    assert final.complete and final.state["next_from"] == "2024-05-01T10:00:00Z"
    # Every checkpoint follows the records of its page.
    assert isinstance(items[-1], Checkpoint)
    tokens = [p["resumptionToken"] for p in server.log if "resumptionToken" in p]
    assert tokens[:2] == ["openaire_cris_publications:1", "openaire_cris_publications:2"]
    first = next(p for p in server.log if p.get("verb") == "ListRecords")
    assert first == {
        "verb": "ListRecords",
        "metadataPrefix": "oai_cerif_openaire_v1_2",
        "set": "openaire_cris_publications",
    }


def test_harvest_killed_half_way_resumes_from_checkpoint(server: Running) -> None:
    full = {(type(r).__name__, r.local_id) for r in records(list(connector(server.url).harvest()))}
    seen: set[tuple[str, str]] = set()
    saved: Checkpoint | None = None
    run = connector(server.url).harvest()
    for item in run:
        if isinstance(item, Checkpoint):
            saved = Checkpoint.from_json(item.to_json())  # as the hub would store it
            if saved.state["token"] == "openaire_cris_products:1":  # products under way
                break
        else:
            seen.add((type(item).__name__, item.local_id))
    run.close()  # the worker died here
    assert saved is not None and saved.state["set_index"] == 1
    server.log.clear()
    rest = list(connector(server.url).harvest(checkpoint=saved))
    seen |= {(type(r).__name__, r.local_id) for r in records(rest)}
    assert seen == full
    assert server.log[0] == {"verb": "ListRecords", "resumptionToken": "openaire_cris_products:1"}
    assert all(p.get("verb") != "Identify" for p in server.log)


def test_incremental_run_uses_next_from_and_no_records_match_is_empty(
    server: Running, cerif: CerifRepository
) -> None:
    final = list(connector(server.url).harvest())[-1]
    assert isinstance(final, Checkpoint)
    cerif.empty_from = "2024-05-01T10:00:00Z"
    server.log.clear()
    items = list(connector(server.url).harvest(checkpoint=final))
    assert records(items) == []
    assert isinstance(items[-1], Checkpoint) and items[-1].complete
    assert items[-1].state["next_from"] == "2024-05-01T10:00:00Z"
    asked = [p for p in server.log if p.get("verb") == "ListRecords"]
    assert len(asked) == 4 and all(p["from"] == "2024-05-01T10:00:00Z" for p in asked)


def test_since_overrides_checkpoint(server: Running) -> None:
    list(connector(server.url).harvest(since=datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)))
    first = next(p for p in server.log if p.get("verb") == "ListRecords")
    assert first["from"] == "2020-01-02T03:04:05Z"


def test_bad_resumption_token_restarts_from_last_good_from(
    server: Running, cerif: CerifRepository
) -> None:
    cerif.once["openaire_cris_persons:2"] = [oai_error("badResumptionToken", "expired")]
    found = records(list(connector(server.url).harvest()))
    assert {r.local_id for r in found} >= {"Persons/2000002", "Publications/812348"}
    persons_starts = [
        p for p in server.log if p.get("set") == "openaire_cris_persons" and "from" not in p
    ]
    assert len(persons_starts) == 2  # the set was started again


def test_503_with_retry_after_is_honoured(server: Running, cerif: CerifRepository) -> None:
    cerif.once["openaire_cris_publications:1"] = [
        Reply(status=503, headers={"Retry-After": "1"}, body=b"busy")
    ]
    started = time.monotonic()
    found = records(list(connector(server.url).harvest()))
    assert time.monotonic() - started >= 1.0
    assert len(found) == EXPECTED_RECORDS
    asked = [p for p in server.log if p.get("resumptionToken") == "openaire_cris_publications:1"]
    assert len(asked) == 2


def test_retry_after_beyond_the_limit_fails_clearly(
    server: Running, cerif: CerifRepository
) -> None:
    cerif.once["ListRecords"] = [Reply(status=503, headers={"Retry-After": "3600"})]
    with pytest.raises(TransportError, match="asked to wait 3600 s"):
        list(connector(server.url, max_retry_wait=5).harvest())


@pytest.mark.parametrize(
    ("code", "verb"),
    [("cannotDisseminateFormat", "ListRecords"), ("badArgument", "ListRecords")],
)
def test_other_oai_errors_raise_with_code(
    server: Running, cerif: CerifRepository, code: str, verb: str
) -> None:
    cerif.once[verb] = [oai_error(code, "no such thing")]
    with pytest.raises(OaiError) as info:
        list(connector(server.url).harvest())
    assert info.value.code == code
    assert "ListRecords" in info.value.where and code in str(info.value)


def test_unknown_format_only_endpoint_is_a_configuration_error(fixtures_dir: Path) -> None:
    def only_mods(params: dict[str, str]) -> Reply:
        reply = SickleRepository(fixtures_dir)(params)
        return Reply(body=reply.body.replace(b"oai_dc/", b"oai_dc_gone/"))

    with serve(only_mods) as running, pytest.raises(ConfigurationError, match="offers none"):
        connector(running.url).identify()


def test_sickle_samples_day_granularity_and_token_chain(fixtures_dir: Path) -> None:
    with serve(SickleRepository(fixtures_dir)) as running:
        conn = connector(running.url, metadata_format="oai_dc")
        items = list(conn.harvest(since=datetime(2013, 2, 27, 23, 59, tzinfo=UTC)))
        log = list(running.log)
    found = records(items)
    assert len(found) == 7  # 4 pages of 2, one deleted header without identifier skipped
    assert sum(isinstance(r, Tombstone) for r in found) == 3
    final = items[-1]
    assert isinstance(final, Checkpoint) and final.complete
    assert final.state["skipped"] == 1
    assert final.state["next_from"] == "2013-02-27T09:10:56Z"
    first = next(p for p in log if p.get("verb") == "ListRecords")
    assert first == {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2013-02-27"}
    assert [p.get("resumptionToken") for p in log if "resumptionToken" in p] == [
        "ListRecords2.xml",
        "ListRecords3.xml",
        "ListRecords4.xml",
    ]


def test_broken_xml_gives_located_parse_error(fixtures_dir: Path) -> None:
    folder = fixtures_dir / "oai-pmh-responses"

    def broken(params: dict[str, str]) -> Reply:
        if params.get("verb") == "ListRecords":
            return Reply(body=(folder / "ListRecordsBroken.xml").read_bytes())
        return SickleRepository(fixtures_dir)(params)

    with serve(broken) as running, pytest.raises(ParseError) as info:
        list(connector(running.url, metadata_format="oai_dc").harvest())
    assert "line 1" in info.value.where and "verb=ListRecords" in info.value.where


def test_fetch_one_record(fixtures_dir: Path) -> None:
    with serve(SickleRepository(fixtures_dir)) as running:
        work = connector(running.url, metadata_format="oai_dc").fetch(
            "oai:test.example.com:1996652"
        )
    assert isinstance(work, Work) and work.title == "Sample Title"


def test_protocol_error_is_a_connector_error() -> None:
    assert issubclass(OaiError, ProtocolError)


def test_connection_lost_mid_page_is_a_retryable_transport_error(
    server: Running, cerif: CerifRepository
) -> None:
    whole = cerif.pages["openaire_cris_publications"][1]
    cerif.once["openaire_cris_publications:1"] = [Reply(body=whole[:2000], truncate=True)]
    run = connector(server.url).harvest()
    kept = []
    with pytest.raises(TransportError, match="connection lost mid-page") as info:
        kept.extend(run)
    assert info.value.retryable
    saved = [i for i in kept if isinstance(i, Checkpoint)][-1]
    assert saved.state["token"] == "openaire_cris_publications:1"  # resume from here


ERROR_FILES = {
    "badArgument.xml": "badArgument",
    "cannotDisseminateFormat.xml": "cannotDisseminateFormat",
    "idDoesNotExist.xml": "idDoesNotExist",
    "noSetHierarchy.xml": "noSetHierarchy",
    "undefinedError.xml": "undefinedError",
    "badResumptionToken.xml": "badResumptionToken",
}


@pytest.mark.parametrize("name", sorted(ERROR_FILES))
def test_every_error_sample_raises_with_its_code(fixtures_dir: Path, name: str) -> None:
    answer = (fixtures_dir / "oai-pmh-responses" / name).read_bytes()

    def failing(params: dict[str, str]) -> Reply:
        if params.get("verb") == "ListRecords":
            return Reply(body=answer)
        return SickleRepository(fixtures_dir)(params)

    with serve(failing) as running, pytest.raises(OaiError) as info:
        list(connector(running.url, metadata_format="oai_dc").harvest())
    assert info.value.code == ERROR_FILES[name]


def test_no_records_match_sample_is_an_empty_harvest(fixtures_dir: Path) -> None:
    answer = (fixtures_dir / "oai-pmh-responses" / "noRecordsMatch.xml").read_bytes()

    def empty(params: dict[str, str]) -> Reply:
        if params.get("verb") == "ListRecords":
            return Reply(body=answer)
        return SickleRepository(fixtures_dir)(params)

    with serve(empty) as running:
        items = list(connector(running.url, metadata_format="oai_dc").harvest())
    assert len(items) == 1 and isinstance(items[0], Checkpoint) and items[0].complete
    # The server's clock on the empty answer is where the next run starts.
    assert items[0].state["next_from"] == "2002-02-08T14:27:19Z"


def test_identifiers_lists_every_header_for_a_deletion_diff(fixtures_dir: Path) -> None:
    with serve(SickleRepository(fixtures_dir)) as running:
        conn = connector(running.url, metadata_format="oai_dc")
        headers = list(conn.identifiers())
        log = list(running.log)
    assert [(h.identifier, h.deleted) for h in headers] == [
        ("oai:test.example.com::1585310", False),
        ("oai:test.example.com::1585576", True),
        ("oai:test.example.com::1585310", False),
        ("oai:test.example.com::1585576", True),
    ]
    assert log[-1] == {"verb": "ListIdentifiers", "resumptionToken": "ListIdentifiers2.xml"}
