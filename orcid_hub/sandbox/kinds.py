"""The activity kinds the sandbox stores, and ORCID's XML namespaces."""

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
