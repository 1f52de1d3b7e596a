"""The ORCID v3.0 message, as typed immutable values.

Only what the hub reads or writes is modelled. Field names follow ORCID's
element names in snake case, so a reader of the XSD finds each one. Values are
kept as ORCID spells them (``journal-article``, ``self``, ``public``); the
controlled vocabularies live in :mod:`orcid_hub.orcid.vocab` and are checked by
:mod:`orcid_hub.orcid.validation`, never by the constructors, because a work
read from ORCID must be representable even when it breaks today's rules.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Literal

AffiliationKind = Literal["employment", "education"]


@dataclasses.dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A year, optionally with month, optionally with day (ORCID's ``fuzzy-date``)."""

    year: int | None
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        parts = [f"{self.year:04d}" if self.year is not None else "????"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """``2012``, ``2012-10`` or ``2012-10-01`` (what CRIS exports usually hold)."""
        try:
            pieces = [int(piece) for piece in text.strip().split("-")]
        except ValueError:
            raise ValueError(f"{text!r} is not YYYY[-MM[-DD]]") from None
        if not 1 <= len(pieces) <= 3:
            raise ValueError(f"{text!r} is not YYYY[-MM[-DD]]")
        month = pieces[1] if len(pieces) > 1 else None
        day = pieces[2] if len(pieces) > 2 else None
        return cls(pieces[0], month, day)


@dataclasses.dataclass(frozen=True, slots=True)
class ExternalId:
    """An identifier of a work, funding or affiliation (``common:external-id``)."""

    type: str
    value: str
    relationship: str = "self"
    url: str | None = None
    normalized: str | None = None
    """What ORCID computed (read-only, only in responses); never sent."""


@dataclasses.dataclass(frozen=True, slots=True)
class Contributor:
    """A work or funding contributor.

    ``role`` is a legacy role (``author``), a CRediT URI
    (``http://credit.niso.org/contributor-roles/methodology/``), or for funding
    one of ``lead``/``co-lead``/``supported-by``/``other-contribution``.
    ``email`` is write-only: ORCID never returns it.
    """

    name: str | None = None
    orcid: str | None = None
    email: str | None = None
    sequence: str | None = None
    role: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Source:
    """Who wrote an item: a member client (``client_id``) or a person (``orcid``)."""

    client_id: str | None = None
    orcid: str | None = None
    name: str | None = None
    assertion_origin_orcid: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Organization:
    """An organisation with its disambiguated id (ROR, RINGGOLD, GRID, FUNDREF, LEI)."""

    name: str
    city: str | None = None
    region: str | None = None
    country: str | None = None
    disambiguated_id: str | None = None
    disambiguation_source: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Work:
    """A full work (``work:work``) or, when read from ``/works``, a work summary."""

    title: str
    type: str
    external_ids: tuple[ExternalId, ...] = ()
    subtitle: str | None = None
    translated_title: str | None = None
    translated_title_language: str | None = None
    journal_title: str | None = None
    short_description: str | None = None
    citation_type: str | None = None
    citation_value: str | None = None
    publication_date: FuzzyDate | None = None
    url: str | None = None
    contributors: tuple[Contributor, ...] = ()
    language_code: str | None = None
    country: str | None = None
    put_code: int | None = None
    visibility: str | None = None
    source: Source | None = None
    created: datetime | None = None
    last_modified: datetime | None = None
    display_index: int | None = None

    @property
    def source_client_id(self) -> str | None:
        return self.source.client_id if self.source else None

    @property
    def source_name(self) -> str | None:
        return self.source.name if self.source else None

    def self_ids(self) -> tuple[ExternalId, ...]:
        """The ids that say what this work *is* (ORCID groups and de-duplicates on them)."""
        return tuple(eid for eid in self.external_ids if eid.relationship == "self")


@dataclasses.dataclass(frozen=True, slots=True)
class Affiliation:
    """An employment or education (``common:affiliation``)."""

    kind: AffiliationKind
    organization: Organization
    department: str | None = None
    role_title: str | None = None
    start_date: FuzzyDate | None = None
    end_date: FuzzyDate | None = None
    url: str | None = None
    external_ids: tuple[ExternalId, ...] = ()
    put_code: int | None = None
    visibility: str | None = None
    source: Source | None = None
    created: datetime | None = None
    last_modified: datetime | None = None
    display_index: int | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Funding:
    """A funding (``funding:funding``)."""

    type: str
    title: str
    organization: Organization
    organization_defined_type: str | None = None
    translated_title: str | None = None
    translated_title_language: str | None = None
    short_description: str | None = None
    amount: str | None = None
    """Kept as text: ORCID accepts locale-formatted amounts and we must not round them."""
    currency: str | None = None
    url: str | None = None
    start_date: FuzzyDate | None = None
    end_date: FuzzyDate | None = None
    external_ids: tuple[ExternalId, ...] = ()
    contributors: tuple[Contributor, ...] = ()
    put_code: int | None = None
    visibility: str | None = None
    source: Source | None = None
    created: datetime | None = None
    last_modified: datetime | None = None
    display_index: int | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class WorkGroup:
    """Works that ORCID considers the same (they share a ``self``/``version-of`` id)."""

    external_ids: tuple[ExternalId, ...]
    summaries: tuple[Work, ...]
    last_modified: datetime | None = None

    @property
    def put_codes(self) -> tuple[int, ...]:
        return tuple(w.put_code for w in self.summaries if w.put_code is not None)


@dataclasses.dataclass(frozen=True, slots=True)
class WorksSummary:
    """The grouped answer of ``GET /{orcid}/works``."""

    groups: tuple[WorkGroup, ...] = ()
    last_modified: datetime | None = None

    @property
    def summaries(self) -> tuple[Work, ...]:
        return tuple(w for group in self.groups for w in group.summaries)

    @property
    def put_codes(self) -> tuple[int, ...]:
        return tuple(pc for group in self.groups for pc in group.put_codes)


@dataclasses.dataclass(frozen=True, slots=True)
class ErrorInfo:
    """ORCID's error body (``error:error``), also a slot of a bulk response."""

    response_code: int | None
    developer_message: str = ""
    user_message: str = ""
    error_code: int | None = None
    more_info: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class BulkItem:
    """One slot of a bulk answer, in request order: a work or an error."""

    work: Work | None = None
    error: ErrorInfo | None = None

    @property
    def ok(self) -> bool:
        return self.work is not None


@dataclasses.dataclass(frozen=True, slots=True)
class ActivitiesSummary:
    """The activity sections of ``GET /{orcid}/activities`` the hub uses."""

    works: WorksSummary = WorksSummary()
    employments: tuple[Affiliation, ...] = ()
    educations: tuple[Affiliation, ...] = ()
    fundings: tuple[Funding, ...] = ()
    last_modified: datetime | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Record:
    """The parts of ``GET /{orcid}/record`` the hub uses."""

    orcid: str | None
    given_names: str | None = None
    family_name: str | None = None
    credit_name: str | None = None
    activities: ActivitiesSummary = ActivitiesSummary()

    @property
    def works(self) -> WorksSummary:
        return self.activities.works

    @property
    def employments(self) -> tuple[Affiliation, ...]:
        return self.activities.employments

    @property
    def educations(self) -> tuple[Affiliation, ...]:
        return self.activities.educations

    @property
    def fundings(self) -> tuple[Funding, ...]:
        return self.activities.fundings


@dataclasses.dataclass(frozen=True, slots=True)
class TokenResponse:
    """ORCID's token answer, kept whole (ORCID asks integrators to store all of it)."""

    access_token: str
    token_type: str
    expires_in: int | None
    scope: frozenset[str]
    received_at: datetime
    refresh_token: str | None = None
    name: str | None = None
    orcid: str | None = None
    id_token: str | None = None

    @property
    def expires_at(self) -> datetime | None:
        if self.expires_in is None:
            return None
        return self.received_at + timedelta(seconds=self.expires_in)

    def has_scope(self, *scopes: str) -> bool:
        return all(scope in self.scope for scope in scopes)

    def __repr__(self) -> str:
        # The default repr would print the tokens into tracebacks and logs.
        return (
            f"TokenResponse(orcid={self.orcid!r}, scope={sorted(self.scope)!r},"
            f" expires_in={self.expires_in!r}, access_token='***')"
        )

    @classmethod
    def from_json(
        cls, data: dict[str, object], received_at: datetime | None = None
    ) -> TokenResponse:
        """Build from the token endpoint's JSON body."""

        def text(key: str) -> str | None:
            value = data.get(key)
            return None if value is None else str(value)

        expires = data.get("expires_in")
        return cls(
            access_token=str(data["access_token"]),
            token_type=str(data.get("token_type") or "bearer"),
            expires_in=int(expires) if isinstance(expires, int | str) and expires != "" else None,
            scope=frozenset(str(data.get("scope") or "").split()),
            received_at=received_at or datetime.now(UTC),
            refresh_token=text("refresh_token"),
            name=text("name"),
            orcid=text("orcid"),
            id_token=text("id_token"),
        )
