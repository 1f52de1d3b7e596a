"""What the sandbox checks on an incoming item: ORCID's XSD, then ORCID's own rules."""

from __future__ import annotations

import threading
from pathlib import Path

from lxml import etree

from orcid_hub.sandbox.codec import children, local, qname
from orcid_hub.sandbox.errors import ApiError
from orcid_hub.sandbox.kinds import Kind

WORK_TYPES = frozenset(
    [
        "annotation",
        "artistic-performance",
        "blog-post",
        "book-chapter",
        "book-review",
        "book",
        "cartographic-material",
        "clinical-study",
        "conference-abstract",
        "conference-output",
        "conference-paper",
        "conference-poster",
        "conference-presentation",
        "conference-proceedings",
        "data-management-plan",
        "data-set",
        "design",
        "dictionary-entry",
        "disclosure",
        "dissertation-thesis",
        "edited-book",
        "encyclopedia-entry",
        "image",
        "invention",
        "journal-article",
        "journal-issue",
        "learning-object",
        "lecture-speech",
        "license",
        "magazine-article",
        "manual",
        "moving-image",
        "musical-composition",
        "newsletter-article",
        "newspaper-article",
        "online-resource",
        "other",
        "patent",
        "physical-object",
        "preprint",
        "public-speech",
        "registered-copyright",
        "report",
        "research-technique",
        "research-tool",
        "review",
        "software",
        "sound",
        "spin-off-company",
        "standards-and-policy",
        "supervised-student-publication",
        "technical-standard",
        "test",
        "trademark",
        "transcription",
        "translation",
        "website",
        "working-paper",
        "undefined",
        "article-journal",
        "chapter",
        "dataset",
        "standard",
    ]
)
FUNDING_TYPES = frozenset({"grant", "contract", "award", "salary-award"})
RELATIONSHIPS = frozenset({"self", "part-of", "version-of", "funded-by"})
ORG_SOURCES = frozenset({"RINGGOLD", "GRID", "FUNDREF", "LEI", "ROR"})


class SchemaDirError(ValueError):
    """The schema folder given is not a copy of ORCID's orcid-model resources."""


class Schemas:
    """ORCID's XSDs from ``schema_dir`` (loaded once per file, on first use)."""

    def __init__(self, schema_dir: str | Path | None) -> None:
        self.root = Path(schema_dir) if schema_dir else None
        if self.root is not None and not (self.root / "record_3.0" / "work-3.0.xsd").is_file():
            raise SchemaDirError(
                f"{self.root} does not hold ORCID's schemas (record_3.0/work-3.0.xsd is missing)"
            )
        self._cache: dict[str, etree.XMLSchema] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> etree.XMLSchema | None:
        if self.root is None:
            return None
        with self._lock:
            if name not in self._cache:
                folder = "notification_3.0" if name.startswith("notification") else "record_3.0"
                path = self.root / folder / f"{name}-3.0.xsd"
                parser = etree.XMLParser(no_network=True, resolve_entities=False)
                self._cache[name] = etree.XMLSchema(etree.parse(str(path), parser))
            return self._cache[name]

    def validate(self, element: etree._Element, name: str) -> None:
        schema = self.get(name)
        if schema is not None and not schema.validate(element):
            error = schema.error_log.last_error  # type: ignore[attr-defined]
            raise ApiError(
                400,
                9001,
                f"Invalid incoming message: line {error.line}: {error.message}",
                "The item could not be read: it does not follow ORCID's schema.",
            )


def _find(element: etree._Element, *path: str) -> etree._Element | None:
    node: etree._Element | None = element
    for name in path:
        if node is None:
            return None
        node = next((c for c in children(node) if local(c) == name), None)
    return node


def _text(element: etree._Element, *path: str) -> str:
    node = _find(element, *path)
    return (node.text or "").strip() if node is not None else ""


def _date(element: etree._Element, name: str) -> tuple[int, int, int] | None:
    node = _find(element, name)
    if node is None:
        return None
    year, month, day = (_text(node, part) for part in ("year", "month", "day"))
    if (day and not month) or ((month or day) and not year):
        raise ApiError(400, 9049, f"Invalid {name}: a month needs a year and a day needs a month")
    try:
        parts = (int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ApiError(400, 9049, f"Invalid {name}: year, month and day must be numbers") from None
    if not (1 <= parts[1] <= 12 and 1 <= parts[2] <= 31) or (month and len(month) != 2):
        raise ApiError(400, 9049, f"Invalid {name}: month 01-12 and day 01-31, zero-padded")
    return parts


def check_external_ids(element: etree._Element, kind: Kind) -> None:
    container = _find(element, "external-ids")
    ids = children(container) if container is not None else []
    if not ids:
        raise ApiError(400, 9023, f"The {kind.name} needs at least one external identifier")
    for ext in ids:
        if not _text(ext, "external-id-type") or not _text(ext, "external-id-value"):
            raise ApiError(400, 9023, "Each external identifier needs a type and a value")
        if _text(ext, "external-id-relationship") not in RELATIONSHIPS:
            raise ApiError(
                400,
                9023,
                "External identifier relationship must be one of: "
                + ", ".join(sorted(RELATIONSHIPS)),
            )
    if not any(_text(ext, "external-id-relationship") == "self" for ext in ids):
        raise ApiError(400, 9023, "At least one identifier with 'self' relationship is required")


def _check_organization(element: etree._Element, kind: Kind) -> None:
    org = _find(element, "organization")
    if org is None or not _text(org, "name"):
        raise ApiError(400, 9046, f"The {kind.name} needs an organization with a name")
    if kind.name in ("employment", "education") and not (
        _text(org, "address", "city") and _text(org, "address", "country")
    ):
        raise ApiError(400, 9060, "The organization needs a city and a country")
    disambiguated = _find(org, "disambiguated-organization")
    if (
        disambiguated is None
        or not _text(disambiguated, "disambiguated-organization-identifier")
        or _text(disambiguated, "disambiguation-source") not in ORG_SOURCES
    ):
        raise ApiError(
            400,
            9045,
            "A disambiguated organization is required (an identifier and a source: "
            + ", ".join(sorted(ORG_SOURCES))
            + ")",
        )


def _check_dates(element: etree._Element) -> None:
    start, end = _date(element, "start-date"), _date(element, "end-date")
    if end is not None and start is None:
        raise ApiError(400, 9050, "An end date needs a start date")
    if start is not None and end is not None and start > end:
        raise ApiError(400, 9055, "The start date is after the end date")


def check_item(element: etree._Element, kind: Kind) -> None:
    """ORCID's server-side rules for a work, funding, employment or education."""
    if element.tag != qname(kind.name, kind.name):
        raise ApiError(400, 9001, f"Expected a {kind.name}, got {local(element)}")
    if kind.name in ("work", "funding"):
        if not _text(element, "title", "title"):
            raise ApiError(400, 9022, f"The {kind.name} title is required")
        allowed = WORK_TYPES if kind.name == "work" else FUNDING_TYPES
        if _text(element, "type") not in allowed:
            raise ApiError(
                400,
                9037,
                f"Invalid {kind.name} type {_text(element, 'type')!r}; valid types are: "
                + ", ".join(sorted(allowed)),
            )
        check_external_ids(element, kind)
    if kind.name == "work":
        _date(element, "publication-date")
    else:
        _check_organization(element, kind)
        _check_dates(element)
