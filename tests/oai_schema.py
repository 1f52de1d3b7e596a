"""Validation of the hub's OAI-PMH responses against the official schemas, offline.

One driver schema imports OAI-PMH.xsd, oai-identifier.xsd and the OpenAIRE
CERIF 1.2 profile from ``../shared/fixtures`` in place; libxml2 finds the
W3C schemas they import through the XML catalogs shipped there, so nothing
is fetched from the network. The envelope's ``<metadata>`` and
``<description>`` are strict wildcards, so validating a whole response also
validates every CERIF payload in it.

The fixtures hold no ``oai_dc.xsd``; a stand-in declares ``oai_dc:dc`` and
checks its Dublin Core children laxly. That one is ours, not official.
"""

from __future__ import annotations

import os
from pathlib import Path

from lxml import etree

CERIF = "https://www.openaire.eu/cerif-profile/1.2/"
OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"

_OAI_DC_STAND_IN = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    targetNamespace="{OAI_DC}" elementFormDefault="qualified">
  <xs:element name="dc">
    <xs:complexType>
      <xs:choice minOccurs="0" maxOccurs="unbounded">
        <xs:any namespace="http://purl.org/dc/elements/1.1/" processContents="lax"/>
      </xs:choice>
    </xs:complexType>
  </xs:element>
</xs:schema>"""


def use_catalogs(fixtures: Path) -> None:
    """Point libxml2 at the fixtures' catalogs (read lazily, at the first import it resolves)."""
    schemas = fixtures / "openaire-cerif-1.2" / "schemas"
    os.environ["XML_CATALOG_FILES"] = (
        f"{schemas / 'cached' / 'catalog.xml'} {schemas / 'catalog.xml'}"
    )


def load_schema(fixtures: Path, tmp: Path) -> etree.XMLSchema:
    use_catalogs(fixtures)
    schemas = fixtures / "openaire-cerif-1.2" / "schemas"
    stand_in = tmp / "oai_dc_stand_in.xsd"
    stand_in.write_text(_OAI_DC_STAND_IN, encoding="utf-8")
    imports = {
        OAI: schemas / "cached" / "OAI-PMH.xsd",
        "http://www.openarchives.org/OAI/2.0/oai-identifier": schemas
        / "cached"
        / "oai-identifier.xsd",
        CERIF: schemas / "openaire-cerif-profile.xsd",
        OAI_DC: stand_in,
    }
    body = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{path.as_uri()}"/>'
        for ns, path in imports.items()
    )
    driver = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'targetNamespace="urn:orcid-hub:test-driver">{body}</xs:schema>'
    )
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.fromstring(driver, parser))


def assert_valid(schema: etree.XMLSchema, document: bytes) -> etree._Element:
    """Validate a whole response and, one by one, each CERIF payload in it."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    root = etree.fromstring(document, parser)
    if not schema.validate(root):
        raise AssertionError(f"invalid response: {schema.error_log}\n{document.decode()[:3000]}")
    for payload in root.iterfind(f"{{{OAI}}}ListRecords/{{{OAI}}}record/{{{OAI}}}metadata/*"):
        if payload.tag.startswith("{" + CERIF) and not schema.validate(payload):
            raise AssertionError(f"invalid CERIF payload: {schema.error_log}")
    return root
