"""Semantic checks ORCID applies to a work, affiliation or funding, run before sending.

The XSD says little (a type is any string); ORCID's server rules say much more
(docs/orcid-api.md §3). Checking here means a bad item fails in the hub, with
every problem listed by field path, instead of costing an API call and coming
back as one error at a time. The ``normalised_*`` helpers return the value the
hub should send (identifier values and work type aliases cleaned up).
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from orcid_hub.orcid import identifiers, ids, vocab
from orcid_hub.orcid.model import (
    Affiliation,
    Contributor,
    ExternalId,
    Funding,
    FuzzyDate,
    Organization,
    Work,
)

MAX_TITLE = 1000
MAX_SHORT_DESCRIPTION = 5000
MAX_LONG_TEXT = 4000  # organisation name, city, region, department, role title
MAX_SHORT_TEXT = 500  # disambiguated organisation id
MAX_ORGANIZATION_DEFINED_TYPE = 255  # a funding's own type name (XSD string-255)
MAX_EMAIL = 350
MAX_CREDIT_NAME = 150
_EMAIL = re.compile(r"[^@]+@[^.]+\..+")  # the XSD's own pattern, nothing stricter
# Characters XML 1.0 cannot carry at all (text pasted from PDFs brings form feeds, ...).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclasses.dataclass(frozen=True, slots=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ValidationError(ValueError):
    """The item would be refused by ORCID; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def length(self, path: str, value: str | None, limit: int) -> None:
        if value is not None and len(value) > limit:
            self.add(path, f"is longer than {limit} characters")

    def url(self, path: str, value: str | None) -> None:
        if value is None:
            return
        try:
            parts = urlsplit(value)
        except ValueError as exc:
            self.add(path, f"{value!r} is not a URL ({exc})")
            return
        if any(char.isspace() for char in value) or not (parts.scheme and parts.netloc):
            self.add(path, f"{value!r} is not an absolute URL without spaces")
        elif re.search(r"%(?![0-9A-Fa-f]{2})", value):
            self.add(path, f"{value!r} has a broken %-escape")

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)

    def date(self, path: str, date: FuzzyDate | None) -> bool:
        """Check a fuzzy date; True when it is usable for comparisons."""
        if date is None:
            return False
        ok = True
        if date.year is None:
            self.add(path, "a month or day needs a year")
            return False
        if not 1900 <= date.year <= 2100:
            self.add(f"{path}.year", f"{date.year} is outside 1900-2100")
            ok = False
        if date.day is not None and date.month is None:
            self.add(f"{path}.day", "a day needs a month")
            return False
        if date.month is not None and not 1 <= date.month <= 12:
            self.add(f"{path}.month", f"{date.month} is not a month")
            return False
        if date.day is not None and date.month is not None and ok:
            last = calendar.monthrange(date.year, date.month)[1]
            if not 1 <= date.day <= last:
                self.add(f"{path}.day", f"{date} is not a calendar day")
                ok = False
        return ok

    def period(self, path: str, start: FuzzyDate | None, end: FuzzyDate | None) -> None:
        start_ok = self.date(f"{path}start_date", start)
        end_ok = self.date(f"{path}end_date", end)
        if end is not None and start is None:
            self.add(f"{path}end_date", "an end date needs a start date")
        elif start_ok and end_ok and start is not None and end is not None:
            # Compare only as precisely as both dates are known.
            depth = 1 + (start.month is not None and end.month is not None)
            depth += depth == 2 and start.day is not None and end.day is not None
            key_start = (start.year, start.month, start.day)[:depth]
            key_end = (end.year, end.month, end.day)[:depth]
            if key_end < key_start:
                self.add(f"{path}end_date", f"{end} is before the start date {start}")

    def external_ids(self, path: str, ids_: Sequence[ExternalId], *, need_self: bool) -> None:
        if need_self and not ids_:
            self.add(path, "at least one external id is required")
        for i, eid in enumerate(ids_):
            here = f"{path}[{i}]"
            if eid.type not in vocab.EXTERNAL_ID_TYPES:
                self.add(f"{here}.type", f"unknown identifier type {eid.type!r}")
            if not eid.value.strip():
                self.add(f"{here}.value", "is empty")
            else:
                try:
                    identifiers.normalise(eid.type, eid.value)
                except identifiers.IdentifierError as exc:
                    self.add(f"{here}.value", str(exc))
            self.url(f"{here}.url", eid.url)
            if eid.relationship not in vocab.RELATIONSHIPS:
                self.add(f"{here}.relationship", f"unknown relationship {eid.relationship!r}")
        if need_self and ids_ and not any(e.relationship == "self" for e in ids_):
            self.add(path, "at least one external id must have relationship 'self'")

    def contributors(self, path: str, people: Sequence[Contributor], *, funding: bool) -> None:
        for i, person in enumerate(people):
            here = f"{path}[{i}]"
            if person.role is not None and not vocab.is_valid_role(person.role, funding=funding):
                self.add(f"{here}.role", f"unknown contributor role {person.role!r}")
            if person.sequence is not None and person.sequence not in vocab.CONTRIBUTOR_SEQUENCES:
                self.add(f"{here}.sequence", "must be one of first, additional")
            if person.orcid is not None and not ids.is_valid(person.orcid):
                self.add(f"{here}.orcid", f"{person.orcid!r} is not a valid ORCID iD")
            self.length(f"{here}.name", person.name, MAX_CREDIT_NAME)
            if person.email is not None and (
                len(person.email) > MAX_EMAIL or not _EMAIL.fullmatch(person.email)
            ):
                self.add(f"{here}.email", f"{person.email!r} is not an email address")

    def organization(self, path: str, org: Organization) -> None:
        self.length(f"{path}.name", org.name, MAX_LONG_TEXT)
        self.length(f"{path}.city", org.city, MAX_LONG_TEXT)
        self.length(f"{path}.region", org.region, MAX_LONG_TEXT)
        self.length(f"{path}.disambiguated_id", org.disambiguated_id, MAX_SHORT_TEXT)
        if not org.name.strip():
            self.add(f"{path}.name", "is required")
        if not (org.city or "").strip():
            self.add(f"{path}.city", "is required")
        if org.country not in vocab.COUNTRIES:
            self.add(f"{path}.country", f"{org.country!r} is not an ISO 3166 alpha-2 code")
        if not (org.disambiguated_id or "").strip():
            self.add(f"{path}.disambiguated_id", "is required (ROR, RINGGOLD, GRID, FUNDREF, LEI)")
        if org.disambiguation_source not in vocab.DISAMBIGUATION_SOURCES:
            self.add(
                f"{path}.disambiguation_source",
                f"{org.disambiguation_source!r} is not one of ROR, RINGGOLD, GRID, FUNDREF, LEI",
            )

    def title(self, path: str, value: str) -> None:
        if not value.strip():
            self.add(path, "is required")
        elif len(value) > MAX_TITLE:
            self.add(path, f"is longer than {MAX_TITLE} characters")

    def translated(self, path: str, value: str | None, language: str | None) -> None:
        self.length(path, value, MAX_TITLE)
        if value and language not in vocab.LANGUAGE_CODES:
            self.add(f"{path}_language", f"{language!r} is not an ORCID language code")


def _check_xml_text(check: _Checker, path: str, value: object) -> None:
    """Every text of an item (nested values and tuples too) must be XML-compatible."""
    if isinstance(value, str):
        if _NOT_XML.search(value):
            check.add(path, "holds a control character that XML cannot carry")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _check_xml_text(check, f"{path}.{field.name}", getattr(value, field.name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            _check_xml_text(check, f"{path}[{i}]", item)


def validate_work(work: Work, path: str = "work") -> None:
    """Raise :class:`ValidationError` listing every reason ORCID would refuse ``work``."""
    check = _Checker()
    _check_work(check, work, path)
    check.raise_if_any()


def _check_work(check: _Checker, work: Work, path: str) -> None:
    _check_xml_text(check, path, work)
    check.title(f"{path}.title", work.title)
    check.translated(
        f"{path}.translated_title", work.translated_title, work.translated_title_language
    )
    check.length(f"{path}.subtitle", work.subtitle, MAX_TITLE)
    check.length(f"{path}.journal_title", work.journal_title, MAX_TITLE)
    check.length(f"{path}.short_description", work.short_description, MAX_SHORT_DESCRIPTION)
    if work.type not in vocab.WORK_TYPES and work.type not in vocab.WORK_TYPE_ALIASES:
        check.add(f"{path}.type", f"unknown work type {work.type!r}")
    if work.citation_value and (work.citation_type or "") not in vocab.CITATION_TYPES:
        check.add(f"{path}.citation_type", f"unknown citation type {work.citation_type!r}")
    check.date(f"{path}.publication_date", work.publication_date)
    check.url(f"{path}.url", work.url)
    check.external_ids(f"{path}.external_ids", work.external_ids, need_self=True)
    check.contributors(f"{path}.contributors", work.contributors, funding=False)
    if work.language_code is not None and work.language_code not in vocab.LANGUAGE_CODES:
        check.add(f"{path}.language_code", f"{work.language_code!r} is not an ORCID language code")
    if work.country is not None and work.country not in vocab.COUNTRIES:
        check.add(f"{path}.country", f"{work.country!r} is not an ISO 3166 alpha-2 code")


def validate_works(works: Sequence[Work]) -> None:
    """Check a bulk request: each work, plus the 100-item limit."""
    check = _Checker()
    if len(works) > 100:
        check.add("works", f"{len(works)} works; ORCID accepts at most 100 per request")
    for i, work in enumerate(works):
        _check_work(check, work, f"works[{i}]")
    check.raise_if_any()


def validate_affiliation(affiliation: Affiliation, path: str = "affiliation") -> None:
    """Raise :class:`ValidationError` listing every reason ORCID would refuse it."""
    check = _Checker()
    _check_xml_text(check, path, affiliation)
    if affiliation.kind not in ("employment", "education"):
        check.add(f"{path}.kind", f"{affiliation.kind!r} is not employment or education")
    check.length(f"{path}.department", affiliation.department, MAX_LONG_TEXT)
    check.length(f"{path}.role_title", affiliation.role_title, MAX_LONG_TEXT)
    check.organization(f"{path}.organization", affiliation.organization)
    check.period(f"{path}.", affiliation.start_date, affiliation.end_date)
    check.url(f"{path}.url", affiliation.url)
    check.external_ids(f"{path}.external_ids", affiliation.external_ids, need_self=False)
    check.raise_if_any()


def validate_funding(funding: Funding, path: str = "funding") -> None:
    """Raise :class:`ValidationError` listing every reason ORCID would refuse it."""
    check = _Checker()
    _check_xml_text(check, path, funding)
    check.title(f"{path}.title", funding.title)
    check.length(
        f"{path}.organization_defined_type",
        funding.organization_defined_type,
        MAX_ORGANIZATION_DEFINED_TYPE,
    )
    check.length(f"{path}.short_description", funding.short_description, MAX_SHORT_DESCRIPTION)
    check.translated(
        f"{path}.translated_title", funding.translated_title, funding.translated_title_language
    )
    if funding.type not in vocab.FUNDING_TYPES:
        check.add(f"{path}.type", f"unknown funding type {funding.type!r}")
    if funding.amount and not (funding.currency or "").strip():
        check.add(f"{path}.currency", "an amount needs an ISO 4217 currency code")
    if funding.currency and not (len(funding.currency) == 3 and funding.currency.isalpha()):
        check.add(f"{path}.currency", f"{funding.currency!r} is not an ISO 4217 code")
    check.organization(f"{path}.organization", funding.organization)
    check.period(f"{path}.", funding.start_date, funding.end_date)
    check.url(f"{path}.url", funding.url)
    check.external_ids(f"{path}.external_ids", funding.external_ids, need_self=True)
    check.contributors(f"{path}.contributors", funding.contributors, funding=True)
    check.raise_if_any()


def _normalised_ids(external_ids: Sequence[ExternalId]) -> tuple[ExternalId, ...]:
    return tuple(
        dataclasses.replace(eid, value=identifiers.normalise(eid.type, eid.value))
        for eid in external_ids
    )


def _normalised_people(people: Sequence[Contributor]) -> tuple[Contributor, ...]:
    return tuple(
        dataclasses.replace(p, orcid=ids.normalise(p.orcid)) if p.orcid else p for p in people
    )


def normalised_work(work: Work) -> Work:
    """``work`` validated, with identifiers and iDs normalised and the type alias resolved."""
    validate_work(work)
    return dataclasses.replace(
        work,
        type=vocab.WORK_TYPE_ALIASES.get(work.type, work.type),
        external_ids=_normalised_ids(work.external_ids),
        contributors=_normalised_people(work.contributors),
    )


def normalised_affiliation(affiliation: Affiliation) -> Affiliation:
    validate_affiliation(affiliation)
    return dataclasses.replace(affiliation, external_ids=_normalised_ids(affiliation.external_ids))


def normalised_funding(funding: Funding) -> Funding:
    validate_funding(funding)
    return dataclasses.replace(
        funding,
        external_ids=_normalised_ids(funding.external_ids),
        contributors=_normalised_people(funding.contributors),
    )
