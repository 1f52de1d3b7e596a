"""DOI, ISSN and ISBN normalisation, as ORCID compares identifiers."""

from __future__ import annotations

import pytest

from orcid_hub.orcid.identifiers import IdentifierError, normalise


@pytest.mark.parametrize(
    ("id_type", "raw", "expected"),
    [
        ("doi", "10.1087/20120404", "10.1087/20120404"),
        ("doi", "https://doi.org/10.1000/ABC", "10.1000/abc"),
        ("doi", "http://dx.doi.org/10.1000/ABC", "10.1000/abc"),
        ("doi", " doi:10.1000/x.Y ", "10.1000/x.y"),
        ("doi", "doi: https://doi.org/10.1000/Z", "10.1000/z"),
        ("issn", "0317-8471", "0317-8471"),
        ("issn", "2049 3630", "2049-3630"),
        ("issn", "0000-006x", "0000-006X"),
        ("isbn", "0-306-40615-2", "0306406152"),
        ("isbn", "978-0-306-40615-7", "9780306406157"),
        ("isbn", "ISBN 0 8044 2957 X", "080442957X"),
        ("handle", "  20.500.12345/678 ", "20.500.12345/678"),
    ],
)
def test_normalise(id_type: str, raw: str, expected: str) -> None:
    assert normalise(id_type, raw) == expected


@pytest.mark.parametrize(
    ("id_type", "raw", "reason"),
    [
        ("doi", "work:doi", "not a DOI"),
        ("doi", "https://doi.org/", "not a DOI"),
        ("issn", "0317-8472", "check digit"),
        ("issn", "123", "not an ISSN"),
        ("isbn", "0-306-40615-3", "check digit"),
        ("isbn", "978-0-306-40615-8", "check digit"),
        ("isbn", "12345", "not an ISBN"),
    ],
)
def test_bad_values_say_why(id_type: str, raw: str, reason: str) -> None:
    with pytest.raises(IdentifierError, match=reason):
        normalise(id_type, raw)
