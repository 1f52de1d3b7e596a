"""OpenAIRE Literature Repositories v4 samples (oai_openaire)."""

from pathlib import Path

import pytest
from oai_files import read_bare_file

from connectors.records import Contributor, ExternalId, FuzzyDate, Relationship, Title, Work


@pytest.fixture
def samples(fixtures_dir: Path) -> Path:
    return fixtures_dir / "openaire-literature-4" / "samples"


def test_journal_article(samples: Path) -> None:
    work = read_bare_file(samples / "sample_journalarticle1.xml", "oai_openaire")
    assert isinstance(work, Work)
    assert work.titles == (
        Title("Redox‐Neutral Dual Functionalization of Electron‐Deficient Alkenes", "eng"),
    )
    assert work.orcid_type == "journal-article"
    assert work.coar_type == "http://purl.org/coar/resource_type/c_6501"
    assert work.doi == "10.1002/chem.201701589"
    assert work.ids_of("pmc") == ("PMC5574022",)  # filed as PMID in the sample
    assert work.issn == ("0947-6539", "1521-3765")
    assert ExternalId("issn", "1521-3765", Relationship.PART_OF) in work.external_ids
    assert work.publication_date == FuzzyDate(2018, 2, 25)  # Accepted: no Issued date
    assert work.container_title == "Chemistry"
    assert work.url == "http://europepmc.org/articles/PMC5574022"
    assert work.language == "eng"
    assert [c.name for c in work.contributors] == [
        "Pettersson, Fredrik",
        "Bergonzini, Giulia",
        "Cassani, Carlo",
        "Wallentin, Carl‐Johan",
    ]
    assert work.contributors[3] == Contributor(
        "Wallentin, Carl‐Johan", "0000-0003-1983-9378", "author", None, 4
    )


def test_minimal(samples: Path) -> None:
    work = read_bare_file(samples / "sample_minimal.xml", "oai_openaire")
    assert isinstance(work, Work)
    assert work.title == "A general approach to finite dimensional division algebras"
    assert work.orcid_type == "report"
    assert work.publication_date == FuzzyDate(2011)
    assert work.ids_of("urn") == ("http://urn.kb.se/resolve?urn=urn:nbn:se:uu:diva-160648",)
    assert work.contributors == (Contributor("Dieterich, Ernst", None, "author", None, 1),)


def test_mock_sample_with_junk_values_still_reads(samples: Path) -> None:
    work = read_bare_file(samples / "mocksample.xml", "oai_openaire")
    assert isinstance(work, Work)
    assert work.titles == ()  # only an alternative title and a subtitle
    assert work.subtitle == "SS-0Pg4fD4QPnX"
    assert work.publication_date is None  # the dates are random strings
    assert work.orcid_type == "other"  # c_18hj is not mapped
    assert [c.role for c in work.contributors] == ["author", "author", "other", "editor"]
    assert all(c.orcid is None for c in work.contributors)
    assert work.container_title == "b.Aaayzp1jr"
