import pytest

from connectors.identifiers import (
    InvalidIdentifier,
    external_id,
    normalise,
    normalise_doi,
    normalise_handle,
    normalise_isbn,
    normalise_issn,
    normalise_orcid,
    normalise_pmid,
    normalise_wosuid,
)
from connectors.records import ExternalId, Relationship


@pytest.mark.parametrize(
    "raw",
    [
        "10.1111/J.1558-5646.2011.01539.X",
        "https://doi.org/10.1111/j.1558-5646.2011.01539.x",
        "http://dx.doi.org/10.1111/J.1558-5646.2011.01539.X",
        "doi:10.1111/j.1558-5646.2011.01539.X ",
        "info:doi/10.1111/j.1558-5646.2011.01539.x",
    ],
)
def test_doi_is_lower_case_without_resolver(raw: str) -> None:
    assert normalise_doi(raw) == "10.1111/j.1558-5646.2011.01539.x"


@pytest.mark.parametrize("raw", ["", "11.1000/x", "doi:10.1000", "https://example.org/10.1/x"])
def test_bad_doi_is_rejected_with_reason(raw: str) -> None:
    with pytest.raises(InvalidIdentifier, match="doi"):
        normalise_doi(raw)


def test_handle_pmid_wos() -> None:
    assert normalise_handle("https://hdl.handle.net/20.500.12345/678") == "20.500.12345/678"
    assert normalise_handle("hdl:1234/5") == "1234/5"
    assert normalise_pmid("PMID: 012345") == "12345"
    assert normalise_pmid("https://pubmed.ncbi.nlm.nih.gov/31452104/") == "31452104"
    assert normalise_wosuid("wos:000301236300004") == "WOS:000301236300004"
    assert normalise("scp-number", "2-s2.0-84870645466") == ("eid", "2-s2.0-84870645466")
    with pytest.raises(InvalidIdentifier):
        normalise_pmid("12a")


def test_pmcid_filed_as_pmid_becomes_pmc() -> None:
    assert normalise("PMID", "PMC5574022") == ("pmc", "PMC5574022")


def test_issn_check_digit() -> None:
    assert normalise_issn("17468256") == "1746-8256"
    assert normalise_issn("0378-5955") == "0378-5955"
    assert normalise_issn("2434-561x") == "2434-561X"
    with pytest.raises(InvalidIdentifier, match="check digit"):
        normalise_issn("1746-8257")


def test_isbn_10_and_13() -> None:
    assert normalise_isbn("978-3-642-35232-4") == "9783642352324"
    assert normalise_isbn("ISBN 0-306-40615-2") == "0306406152"
    assert normalise_isbn("0-8044-2957-X") == "080442957X"
    with pytest.raises(InvalidIdentifier, match="ISBN-13"):
        normalise_isbn("978-3-642-35232-5")
    with pytest.raises(InvalidIdentifier, match="ISBN-10"):
        normalise_isbn("0-306-40615-3")


def test_orcid_checksum() -> None:
    assert normalise_orcid("https://orcid.org/0000-0002-5277-285X") == "0000-0002-5277-285X"
    assert normalise_orcid("0000000172913210") == "0000-0001-7291-3210"
    with pytest.raises(InvalidIdentifier, match="check digit"):
        normalise_orcid("0000-0001-7291-3211")


def test_external_id_relationships() -> None:
    assert external_id("ISSN", "1746-8256") == ExternalId("issn", "1746-8256", Relationship.PART_OF)
    assert external_id("DOI", "10.1234/X") == ExternalId("doi", "10.1234/x", Relationship.SELF)
    assert external_id("isbn", "bad") is None
    assert external_id("URL", " https://x.org/a ") == ExternalId("uri", "https://x.org/a")
