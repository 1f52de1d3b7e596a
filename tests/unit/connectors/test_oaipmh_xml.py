"""The hardened XML reader: no DTDs, no entities, no network, located errors."""

import io

import pytest

from connectors.errors import ParseError, XmlSecurityError
from connectors.oaipmh.xml import iter_elements, parse_document, text_of

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><a>&lol3;</a></OAI-PMH>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<r>&x;</r>"""

REMOTE_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd">
<r/>"""


@pytest.mark.parametrize("document", [BOMB, EXTERNAL, REMOTE_DTD], ids=["bomb", "xxe", "dtd"])
def test_dtd_documents_are_refused_when_streaming(document: bytes) -> None:
    with pytest.raises(XmlSecurityError, match="refused for safety"):
        list(iter_elements(io.BytesIO(document), ["{x}y"], "http://cris/oai"))


@pytest.mark.parametrize("document", [BOMB, EXTERNAL, REMOTE_DTD], ids=["bomb", "xxe", "dtd"])
def test_dtd_documents_are_refused_whole(document: bytes) -> None:
    with pytest.raises(XmlSecurityError) as info:
        parse_document(document, "http://cris/oai?verb=Identify")
    assert info.value.where == "http://cris/oai?verb=Identify"


def test_comment_before_root_is_fine() -> None:
    root = parse_document(b"<?xml version='1.0'?><!-- hi --><r>1</r>", "here")
    assert text_of(root) == "1"


def test_oversized_document_is_refused() -> None:
    data = b"<r>" + b"<a/>" * 1000 + b"</r>"
    with pytest.raises(XmlSecurityError, match="larger than"):
        list(iter_elements(io.BytesIO(data), ["a"], "here", max_bytes=100))


def test_malformed_xml_error_is_located() -> None:
    with pytest.raises(ParseError) as info:
        list(iter_elements(io.BytesIO(b"<r>\n<a></b></r>"), ["a"], "page 3"))
    assert info.value.where.startswith("page 3 line 2")
    assert "not well-formed" in info.value.why
