"""The protocol client verbs against the sickle sample responses over loopback."""

from pathlib import Path

from connectors.http import HttpClient
from connectors.oaipmh.client import OaiClient
from tests.oai_server import Reply, SickleRepository, file_reply, serve


def test_verbs(fixtures_dir: Path) -> None:
    with serve(SickleRepository(fixtures_dir)) as running:
        client = OaiClient(running.url, HttpClient(timeout=5))
        info = client.identify()
        formats = client.list_metadata_formats()
        sets = client.list_sets()
        params = OaiClient.list_params("ListIdentifiers", "oai_dc")
        with client.page(params) as page:
            headers = [r.header for r in page]
            token = page.token
        with client.page(OaiClient.list_params("ListIdentifiers", "", token=token)) as page:
            headers += [r.header for r in page]
            last = page.token
        record = client.get_record("oai:test.example.com:1996652", "oai_dc")
    assert (info.repository_name, info.granularity, info.deleted_record) == (
        "A Test Repository",
        "YYYY-MM-DD",
        "persistent",
    )
    assert info.admin_emails == ("john.doe@example.com",)
    assert [f.prefix for f in formats] == [
        "epicur",
        "xMetaDissPlus",
        "oai_dc",
        "mods",
        "swepub_mods",
    ]
    assert formats[2].namespace == "http://www.openarchives.org/OAI/2.0/oai_dc/"
    assert sets[0].spec == "bi" and sets[0].name == "All BI publications (already published)"
    assert len(sets) > 50
    assert token == "ListIdentifiers2.xml" and last is None
    assert [h.deleted for h in headers] == [False, True, False, True]
    assert headers[1].identifier == "oai:test.example.com::1585576"
    assert record is not None and record.header.identifier == "oai:test.example.com:1996652"
    assert record.metadata is not None


def test_id_does_not_exist_is_none_and_no_set_hierarchy_is_empty(fixtures_dir: Path) -> None:
    folder = fixtures_dir / "oai-pmh-responses"

    def errors(params: dict[str, str]) -> Reply:
        name = {"GetRecord": "idDoesNotExist.xml", "ListSets": "noSetHierarchy.xml"}
        return file_reply(folder / name[params["verb"]])

    with serve(errors) as running:
        client = OaiClient(running.url, HttpClient(timeout=5))
        assert client.get_record("oai:x:1", "oai_dc") is None
        assert client.list_sets() == []


def test_list_params_token_is_exclusive() -> None:
    assert OaiClient.list_params("ListRecords", "oai_dc", set_spec="s", token="t") == {
        "verb": "ListRecords",
        "resumptionToken": "t",
    }


def test_cerif_identify_formats_and_sets(fixtures_dir: Path) -> None:
    samples = fixtures_dir / "openaire-cerif-1.2" / "samples"
    names = {
        "Identify": "openaire_oaipmh_example_Identify.xml",
        "ListMetadataFormats": "openaire_oaipmh_example_ListMetadataFormats.xml",
        "ListSets": "openaire_oaipmh_example_ListSets.xml",
    }
    with serve(lambda params: file_reply(samples / names[params["verb"]])) as running:
        client = OaiClient(running.url, HttpClient(timeout=5))
        info = client.identify()
        (fmt,) = client.list_metadata_formats()
        sets = client.list_sets()
    assert info.base_url == "https://cris.example.org/openaire/connector"
    assert info.deleted_record == "no"
    assert (fmt.prefix, fmt.namespace) == (
        "oai_cerif_openaire_v1_2",
        "https://www.openaire.eu/cerif-profile/1.2/",
    )
    specs = {s.spec for s in sets}
    assert {"openaire_cris_publications", "openaire_cris_persons", "openaire_cris_patents"} <= specs
