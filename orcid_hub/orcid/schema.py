"""Optional last guard: validate each outgoing document against ORCID's official XSD.

:mod:`orcid_hub.orcid.validation` checks ORCID's rules; the serialisers keep
the XSD order and the test suite proves both against the XSDs. When the hub
is given the folder holding ORCID's schemas (``record_3.0/``, ``common_3.0/``),
the client also checks every document at run time, so no code path can send
ORCID something the schema refuses. Schemas load once, offline (the ORCID
XSDs import each other by relative path).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from lxml import etree

from orcid_hub.orcid.validation import Problem, ValidationError
from orcid_hub.orcid.xml import parse_bytes

SCHEMAS = {
    "work": "work-3.0.xsd",
    "bulk": "bulk-3.0.xsd",
    "employment": "employment-3.0.xsd",
    "education": "education-3.0.xsd",
    "funding": "funding-3.0.xsd",
}


class XsdGuard:
    """Validates documents by kind (``work``, ``bulk``, ``employment``, ...)."""

    def __init__(self, schema_dir: str | Path) -> None:
        self.record_dir = Path(schema_dir) / "record_3.0"
        if not (self.record_dir / SCHEMAS["work"]).is_file():
            raise FileNotFoundError(f"no ORCID record_3.0/work-3.0.xsd under {schema_dir}")
        self._schemas: dict[str, etree.XMLSchema] = {}
        self._lock = threading.Lock()

    def _schema(self, kind: str) -> etree.XMLSchema:
        with self._lock:
            if kind not in self._schemas:
                parser = etree.XMLParser(no_network=True, resolve_entities=False)
                tree = etree.parse(str(self.record_dir / SCHEMAS[kind]), parser)
                self._schemas[kind] = etree.XMLSchema(tree)
            return self._schemas[kind]

    def check(self, kind: str, document: bytes) -> None:
        """Raise :class:`ValidationError` naming each XSD complaint with its line."""
        schema = self._schema(kind)
        root = parse_bytes(document)
        # XMLSchema objects keep their error log per call; not safe to share mid-call.
        with self._lock:
            if schema.validate(root):
                return
            # lxml-stubs do not declare the log iterable; at run time it is.
            entries = cast(Iterable[etree._LogEntry], schema.error_log)
            problems = [Problem(f"{kind} XML line {e.line}", e.message) for e in entries]
        raise ValidationError(problems)
