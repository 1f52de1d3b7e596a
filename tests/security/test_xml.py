"""Every parser entry point refuses entity bombs, external entities and external DTDs.

Each attack comes plain, behind a comment that holds a ``<`` (a byte scan for the
prologue stops there), and in UTF-16 (a byte scan for ``<!DOCTYPE`` sees nothing):
whatever the encoding, the parser's own view of the document decides. A refusal is
an error that says so; it never carries the content of a file the document named.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from connectors.errors import ParseError
from connectors.oaipmh.xml import iter_elements, parse_document
from orcid_hub.orcid.xml import XmlError, parse_bytes
from orcid_hub.sandbox.codec import XmlInputError, parse_xml
from tests.security.conftest import SECRET_TEXT, Hits, attacks


def disguised(document: bytes) -> dict[str, bytes]:
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    utf16 = b'<?xml version="1.0" encoding="UTF-16"?>\n' + document
    return {
        "plain": declaration + document,
        "after a comment": declaration + b"<!-- a <b> in a comment -->" + document,
        "utf-16": utf16.decode().encode("utf-16"),
    }


def _oai_stream(data: bytes) -> Any:
    return [(e.tag, e.text) for e in iter_elements(io.BytesIO(data), ["title"], "test")]


ENTRY_POINTS: dict[str, tuple[Callable[[bytes], Any], type[Exception]]] = {
    "orcid client parse_bytes": (parse_bytes, XmlError),
    "sandbox incoming XML": (parse_xml, XmlInputError),
    "OAI-PMH iter_elements": (_oai_stream, ParseError),
    "OAI-PMH parse_document": (lambda data: parse_document(data, "test"), ParseError),
}


@pytest.mark.parametrize("variant", ["plain", "after a comment", "utf-16"])
@pytest.mark.parametrize(
    "attack",
    [
        "billion laughs",
        "external entity (file)",
        "external entity (http)",
        "external DTD",
        "parameter entity",
    ],
)
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_a_hostile_document_is_refused(
    entry: str, attack: str, variant: str, secret_file: Path, listener: str
) -> None:
    parse, refusal = ENTRY_POINTS[entry]
    document = disguised(attacks(secret_file, listener)[attack])[variant]
    before = Hits.count
    with pytest.raises(refusal) as raised:
        parse(document)
    assert SECRET_TEXT not in str(raised.value)
    assert "lollol" not in str(raised.value)
    assert Hits.count == before  # nothing was fetched


def test_an_oai_document_without_the_elements_asked_for_is_still_checked(
    secret_file: Path, listener: str
) -> None:
    document = disguised(attacks(secret_file, listener)["external DTD"])["after a comment"]
    with pytest.raises(ParseError):
        list(iter_elements(io.BytesIO(document), ["nothing-of-this-name"], "test"))


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_a_well_formed_document_still_parses(entry: str) -> None:
    parse, _refusal = ENTRY_POINTS[entry]
    # The sandbox reads ORCID documents only; any root will do for the others.
    parse(b'<?xml version="1.0"?><!-- <b> --><r><title>ok</title></r>')
