"""The kinds of record item the sandbox stores, and ORCID's XML namespaces."""

from __future__ import annotations

from dataclasses import dataclass

_BASE = "http://www.orcid.org/ns/"
NS = {
    name: _BASE + name
    for name in (
        "common",
        "work",
        "employment",
        "education",
        "funding",
        "activities",
        "bulk",
        "error",
        "record",
        "person",
        "personal-details",
        "email",
        "notification",
        "distinction",
        "invited-position",
        "membership",
        "qualification",
        "service",
        "researcher-url",
        "other-name",
        "keyword",
        "address",
        "external-identifier",
    )
}


IDENTITY_HOST = "sandbox.orcid.org"
"""The host in iD and client URIs: ORCID's schema accepts only *.orcid.org there."""


@dataclass(frozen=True)
class Kind:
    name: str
    plural: str
    own: frozenset[str]
    """Element names in the kind's own namespace; everything else is ``common``."""
    order: tuple[str, ...]
    summary: tuple[str, ...]

    @property
    def ns(self) -> str:
        return NS[self.name]

    @property
    def affiliation(self) -> bool:
        return self.order is AFFILIATION


AFFILIATION = (
    "department-name",
    "role-title",
    "start-date",
    "end-date",
    "organization",
    "url",
    "external-ids",
)
KINDS = {
    "work": Kind(
        "work",
        "works",
        frozenset(
            [
                "journal-title",
                "short-description",
                "citation",
                "citation-type",
                "citation-value",
                "type",
                "contributors",
                "contributor",
                "credit-name",
                "contributor-email",
                "contributor-attributes",
                "contributor-sequence",
                "contributor-role",
            ]
        ),
        (
            "title",
            "journal-title",
            "short-description",
            "citation",
            "type",
            "publication-date",
            "external-ids",
            "url",
            "contributors",
            "language-code",
            "country",
        ),
        ("title", "external-ids", "url", "type", "publication-date", "journal-title"),
    ),
    "funding": Kind(
        "funding",
        "fundings",
        frozenset(
            [
                "type",
                "organization-defined-type",
                "short-description",
                "amount",
                "contributors",
                "contributor",
                "credit-name",
                "contributor-email",
                "contributor-attributes",
                "contributor-role",
            ]
        ),
        (
            "type",
            "organization-defined-type",
            "title",
            "short-description",
            "amount",
            "url",
            "start-date",
            "end-date",
            "external-ids",
            "contributors",
            "organization",
        ),
        ("title", "external-ids", "url", "type", "start-date", "end-date", "organization"),
    ),
    "employment": Kind("employment", "employments", frozenset(), AFFILIATION, AFFILIATION),
    "education": Kind("education", "educations", frozenset(), AFFILIATION, AFFILIATION),
}
for _name in ("distinction", "invited-position", "membership", "qualification", "service"):
    KINDS[_name] = Kind(_name, f"{_name}s", frozenset(), AFFILIATION, AFFILIATION)
PLURALS = {kind.plural: kind for kind in KINDS.values()}


@dataclass(frozen=True)
class PersonKind(Kind):
    """A person-section item, written with ``/person/update``."""

    path: str = ""
    """The URL segment (``address`` is singular there, unlike the other sections)."""
    container: str = ""
    schema: str = ""
    key: tuple[str, ...] = ()
    """The children whose text makes two items of one source duplicates."""


PERSON_KINDS = {
    kind.name: kind
    for kind in (
        PersonKind(
            "other-name",
            "other-names",
            frozenset({"content"}),
            ("content",),
            (),
            "other-names",
            "other-names",
            "other-name",
            ("content",),
        ),
        PersonKind(
            "researcher-url",
            "researcher-urls",
            frozenset({"url-name", "url"}),
            ("url-name", "url"),
            (),
            "researcher-urls",
            "researcher-urls",
            "researcher-url",
            ("url",),
        ),
        PersonKind(
            "address",
            "addresses",
            frozenset({"country"}),
            ("country",),
            (),
            "address",
            "addresses",
            "address",
            ("country",),
        ),
        PersonKind(
            "keyword",
            "keywords",
            frozenset({"content"}),
            ("content",),
            (),
            "keywords",
            "keywords",
            "keyword",
            ("content",),
        ),
        PersonKind(
            "external-identifier",
            "external-identifiers",
            frozenset(),
            (
                "external-id-type",
                "external-id-value",
                "external-id-url",
                "external-id-relationship",
            ),
            (),
            "external-identifiers",
            "external-identifiers",
            "person-external-identifier",
            ("external-id-type", "external-id-value"),
        ),
    )
}
"""In the order the person section lists them (person-3.0.xsd)."""


def kind_of(name: str) -> Kind:
    return KINDS.get(name) or PERSON_KINDS[name]
