"""The database behind the endpoint: a :class:`~orcid_hub.oai.source.RecordSource`.

Works are the harvest store's :class:`~orcid_hub.harvest.models.StoredWork`
rows of the institution: ``last_modified`` is the datestamp, ``deleted`` the
tombstone, ``record`` the canonical work. Which CERIF entity a row is
(publication, product, patent) is computed in SQL from its COAR and ORCID
types, with the same lists :mod:`orcid_hub.oai.vocab` uses. Of two works the
store confirmed to be one (a shared DOI or other own identifier), the later
is served as deleted, so a harvester gets each work once.

Persons are the researchers who linked their ORCID iD to the institution
(their :class:`~orcid_hub.linking.models.OrcidToken`): a live link is a
person record dated when it was made or last confirmed with ORCID (so a link
made again after a revocation is seen again by incremental harvests); a link
ORCID reported revoked is a deleted record dated when that was noticed. A
link the researcher removed in the hub leaves no row behind, so deletions
are declared ``transient``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import QueryableAttribute, Session, aliased

from connectors.records import Person as PersonRecord
from connectors.worktypes import COAR
from orcid_hub.accounts.models import Person
from orcid_hub.harvest.models import DuplicateLink, MatchedBy, StoredWork, WorkPerson
from orcid_hub.institutions.models import Institution
from orcid_hub.linking.models import OrcidToken
from orcid_hub.oai.source import Item, Position, Window
from orcid_hub.oai.stored import with_orcids, work_from_dict
from orcid_hub.oai.vocab import Kind, coar_concepts, orcid_types_of

__all__ = ["DatabaseSource", "split_name"]

Column = ColumnElement[Any] | QueryableAttribute[Any]


def split_name(name: str) -> tuple[str | None, str | None]:
    """(family, given) from a name as ORCID gives it: given names first, family last."""
    parts = name.split()
    if not parts:
        return None, None
    if len(parts) == 1:
        return parts[0], None
    return parts[-1], " ".join(parts[:-1])


def _after(stamp: Column, key: Column, after: Position) -> ColumnElement[bool]:
    # The first term lets the database start an index range scan at the position.
    return and_(stamp >= after.datestamp, or_(stamp > after.datestamp, key > after.key))


def _within(stamp: Column, window: Window) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if window.start is not None:
        found.append(stamp >= window.start)
    if window.end is not None:
        found.append(stamp < window.end)
    return found


class DatabaseSource:
    """The records one institution serves, read from the hub's tables."""

    deleted_record = "transient"

    def __init__(self, session: Session, institution: Institution) -> None:
        self.session = session
        self.institution = institution

    # -- persons -------------------------------------------------------------

    @property
    def _person_stamp(self) -> ColumnElement[dt.datetime]:
        return case(
            (OrcidToken.revoked_at.is_not(None), OrcidToken.revoked_at),
            (OrcidToken.checked_at > OrcidToken.created_at, OrcidToken.checked_at),
            else_=OrcidToken.created_at,
        )

    def _persons(self, window: Window) -> list[ColumnElement[bool]]:
        return [
            OrcidToken.institution_id == self.institution.id,
            *_within(self._person_stamp, window),
        ]

    def _person_item(self, token: OrcidToken, person: Person, stamp: dt.datetime) -> Item:
        if token.revoked_at is not None:
            return Item(Kind.PERSON, person.id, stamp, deleted=True)
        family, given = split_name(token.name or person.name or "")
        record = PersonRecord(
            source="orcid-hub",
            local_id=str(person.id),
            family_name=family,
            given_names=given,
            orcid=token.orcid,
        )
        return Item(Kind.PERSON, person.id, stamp, record=record)

    def _person_rows(
        self, *conditions: ColumnElement[bool], limit: int | None = None
    ) -> list[Item]:
        stamp = self._person_stamp.label("stamp")
        query = (
            select(OrcidToken, Person, stamp)
            .join(Person, Person.id == OrcidToken.person_id)
            .where(*conditions)
            .order_by(stamp, OrcidToken.person_id)
            .limit(limit)
        )
        return [self._person_item(t, p, s) for t, p, s in self.session.execute(query).tuples()]

    # -- the interface -------------------------------------------------------

    def changed(
        self, kind: Kind, window: Window, after: Position | None, limit: int
    ) -> Sequence[Item]:
        if kind is not Kind.PERSON:
            return self._works(kind, window, after, limit)
        conditions = self._persons(window)
        if after is not None:
            conditions.append(_after(self._person_stamp, OrcidToken.person_id, after))
        return self._person_rows(*conditions, limit=limit)

    def count(self, kind: Kind, window: Window) -> int:
        if kind is not Kind.PERSON:
            return self._count_works(kind, window)
        query = select(func.count()).select_from(OrcidToken).where(*self._persons(window))
        return self.session.scalar(query) or 0

    def get(self, kind: Kind, key: int) -> Item | None:
        if kind is not Kind.PERSON:
            return self._work(kind, key)
        found = self._person_rows(*self._persons(Window()), OrcidToken.person_id == key)
        return found[0] if found else None

    def earliest(self) -> dt.datetime | None:
        stamps = [
            self.session.scalar(
                select(func.min(self._person_stamp)).where(*self._persons(Window()))
            ),
            self._earliest_work(),
        ]
        return min((s for s in stamps if s is not None), default=None)

    def person_keys(self, orcids: Iterable[str]) -> Mapping[str, int]:
        query = select(OrcidToken.orcid, OrcidToken.person_id).where(
            OrcidToken.institution_id == self.institution.id,
            OrcidToken.revoked_at.is_(None),
            OrcidToken.orcid.in_(list(orcids)),
        )
        return dict(self.session.execute(query).tuples().all())

    # -- works -------------------------------------------------------------

    def _works_where(self, kind: Kind, window: Window) -> list[ColumnElement[bool]]:
        return [
            StoredWork.institution_id == self.institution.id,
            _kind_column == kind.value,
            *_within(_work_stamp, window),
        ]

    def _work_rows(self, *conditions: ColumnElement[bool], limit: int | None = None) -> list[Item]:
        query = (
            select(StoredWork, _KIND, _work_stamp, _merged.c.work_id)
            .outerjoin(_merged, _merged.c.work_id == StoredWork.id)
            .where(*conditions)
            .order_by(_work_stamp, StoredWork.id)
            .limit(limit)
        )
        rows = self.session.execute(query).tuples().all()
        live = [row.id for row, _, _, merged in rows if not (row.deleted or merged)]
        enrich = self._matched_orcids(live)
        items = []
        for row, kind, stamp, merged in rows:
            if row.deleted or merged:
                items.append(Item(Kind(kind), row.id, stamp, deleted=True))
                continue
            work = with_orcids(work_from_dict(row.record), enrich.get(row.id, {}))
            items.append(Item(Kind(kind), row.id, stamp, record=work))
        return items

    def _matched_orcids(self, work_ids: list[int]) -> dict[int, dict[str, str]]:
        """Per work, contributor name → iD of researchers matched by CRIS person id."""
        if not work_ids:
            return {}
        query = (
            select(WorkPerson.work_id, WorkPerson.contributor_name, OrcidToken.orcid)
            .join(
                OrcidToken,
                and_(
                    OrcidToken.person_id == WorkPerson.person_id,
                    OrcidToken.institution_id == self.institution.id,
                    OrcidToken.revoked_at.is_(None),
                ),
            )
            .where(
                WorkPerson.work_id.in_(work_ids),
                WorkPerson.matched_by == MatchedBy.LOCAL_ID.value,
            )
        )
        found: dict[int, dict[str, str]] = {}
        for work_id, name, orcid in self.session.execute(query).tuples():
            if name:
                found.setdefault(work_id, {})[name] = orcid
        return found

    def _works(
        self, kind: Kind, window: Window, after: Position | None, limit: int
    ) -> Sequence[Item]:
        conditions = self._works_where(kind, window)
        if after is not None:
            conditions.append(_after(_work_stamp, StoredWork.id, after))
        return self._work_rows(*conditions, limit=limit)

    def _count_works(self, kind: Kind, window: Window) -> int:
        query = (
            select(func.count())
            .select_from(StoredWork)
            .outerjoin(_merged, _merged.c.work_id == StoredWork.id)
            .where(*self._works_where(kind, window))
        )
        return self.session.scalar(query) or 0

    def _work(self, kind: Kind, key: int) -> Item | None:
        found = self._work_rows(*self._works_where(kind, Window()), StoredWork.id == key)
        return found[0] if found else None

    def _earliest_work(self) -> dt.datetime | None:
        query = (
            select(func.min(_work_stamp))
            .outerjoin(_merged, _merged.c.work_id == StoredWork.id)
            .where(StoredWork.institution_id == self.institution.id)
        )
        return self.session.scalar(query)


def _coar_spellings(kind: Kind) -> list[str]:
    concepts = sorted(coar_concepts(kind))
    return [COAR + c for c in concepts] + concepts


# The entity of a stored work, as vocab.kind_of decides it: by COAR type first,
# then by ORCID type; a publication when neither says otherwise.
_kind_column: ColumnElement[str] = case(
    (StoredWork.coar_type.in_(_coar_spellings(Kind.PATENT)), Kind.PATENT.value),
    (StoredWork.coar_type.in_(_coar_spellings(Kind.PRODUCT)), Kind.PRODUCT.value),
    (StoredWork.coar_type.in_(_coar_spellings(Kind.PUBLICATION)), Kind.PUBLICATION.value),
    (
        StoredWork.orcid_type.in_(sorted(orcid_types_of(Kind.PATENT) | {"patent"})),
        Kind.PATENT.value,
    ),
    (StoredWork.orcid_type.in_(sorted(orcid_types_of(Kind.PRODUCT))), Kind.PRODUCT.value),
    else_=Kind.PUBLICATION.value,
)
_KIND = _kind_column.label("kind")


# A work confirmed to duplicate an earlier live one (the link's lower id) is
# served as deleted: the harvester keeps the earlier record only. Its datestamp
# stays its own last change, the store's indexed column (ordering by anything
# computed made each page of a long list sort the whole list). A link made when
# the later work is stored is seen at once; one made otherwise (an admin's
# confirmation, the earlier work changing) reaches incremental harvests when
# the store touches the later work's last_modified.
_primary = aliased(StoredWork)
_merged = (
    select(DuplicateLink.other_id.label("work_id"))
    .join(_primary, _primary.id == DuplicateLink.work_id)
    .where(
        DuplicateLink.confirmed.is_(True),
        DuplicateLink.rejected.is_(False),
        _primary.deleted.is_(False),
    )
    .group_by(DuplicateLink.other_id)
    .subquery("merged")
)
_work_stamp = StoredWork.last_modified
