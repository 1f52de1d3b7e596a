"""Who wrote a stored work, and which stored works are the same work.

People: a contributor's ORCID iD is matched to researchers who linked their iD
with the institution, then a contributor's CRIS id to ``Membership.local_person_id``.
Duplicates: the work's own DOI first, then its other ``self`` identifiers
(handle, PMID, Scopus EID, WoS UID; ISBN only between books). An ISSN names a
journal, never an article, so it is never used. Title and year only propose a
link that an admin confirms or rejects.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from orcid_hub.accounts.models import Membership
from orcid_hub.db import utcnow
from orcid_hub.harvest.models import (
    DuplicateLink,
    DuplicateReason,
    MatchedBy,
    StoredPerson,
    StoredWork,
)
from orcid_hub.harvest.models import WorkIdentifier as Ident
from orcid_hub.linking.models import OrcidToken

# In the order the issue ranks them: the first shared one names the link.
SELF_ID_TYPES = ("handle", "pmid", "eid", "wosuid", "isbn")
BOOK_TYPES = frozenset({"book", "edited-book"})


def title_key(title: str | None) -> str | None:
    """A title folded for comparison: case, accents, punctuation and spacing ignored."""
    if not title:
        return None
    text = unicodedata.normalize("NFKD", title.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\W_]+", " ", text).strip()
    return text[:200] or None


@dataclass
class PeopleIndex:
    """The institution's researchers by ORCID iD and by CRIS id, loaded once per run.

    ``orcid_of_local`` is what the source itself says about its people (their
    ORCID iDs by its own ids), so an author a work names only by the CRIS's id is
    still matched by iD.
    """

    by_orcid: dict[str, int] = field(default_factory=dict)
    by_local_id: dict[str, int] = field(default_factory=dict)
    orcid_of_local: dict[str, str] = field(default_factory=dict)
    owner: tuple[int, str] | None = None
    """``(person_id, name)`` when the works come from that researcher's own ORCID record:
    they are theirs whether or not the work lists them among its contributors."""

    @classmethod
    def load(
        cls, session: Session, institution_id: int, config_id: int | None = None
    ) -> PeopleIndex:
        index = cls()
        if config_id is not None:
            known = session.execute(
                select(StoredPerson.local_id, StoredPerson.orcid).where(
                    StoredPerson.config_id == config_id, StoredPerson.orcid.is_not(None)
                )
            )
            index.orcid_of_local = {local: orcid for local, orcid in known if orcid}
        tokens = session.execute(
            select(OrcidToken.orcid, OrcidToken.person_id).where(
                OrcidToken.institution_id == institution_id, OrcidToken.revoked_at.is_(None)
            )
        )
        index.by_orcid = {orcid: person_id for orcid, person_id in tokens}
        locals_ = session.execute(
            select(Membership.local_person_id, Membership.person_id).where(
                Membership.institution_id == institution_id,
                Membership.local_person_id.is_not(None),
            )
        )
        index.by_local_id = {local: person_id for local, person_id in locals_ if local}
        return index

    def match(self, contributors: Iterable[dict[str, object]]) -> dict[int, tuple[str, str]]:
        """``{person_id: (matched_by, contributor name)}`` for a record's contributors."""
        found: dict[int, tuple[str, str]] = {}
        if self.owner is not None:
            found[self.owner[0]] = (MatchedBy.ORCID.value, self.owner[1][:300])
        for contributor in contributors:
            name = str(contributor.get("name") or "")[:300]
            local_id = contributor.get("local_id")
            orcid = contributor.get("orcid")
            if not orcid and isinstance(local_id, str):
                orcid = self.orcid_of_local.get(local_id)
            if isinstance(orcid, str) and orcid in self.by_orcid:
                found.setdefault(self.by_orcid[orcid], (MatchedBy.ORCID.value, name))
            elif isinstance(local_id, str) and local_id in self.by_local_id:
                found.setdefault(self.by_local_id[local_id], (MatchedBy.LOCAL_ID.value, name))
        return found


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def forget_automatic_links(session: Session, work_id: int) -> None:
    """Drop links no admin decided on, before the work's identifiers are looked at again."""
    undecided = (
        or_(DuplicateLink.work_id == work_id, DuplicateLink.other_id == work_id),
        DuplicateLink.decided_by_id.is_(None),
    )
    partners = {
        other
        for pair in session.execute(
            select(DuplicateLink.work_id, DuplicateLink.other_id).where(
                *undecided, DuplicateLink.confirmed.is_(True)
            )
        )
        for other in pair
        if other != work_id
    }
    if partners:
        # The OAI endpoint serves the later of two confirmed duplicates as deleted;
        # undoing the link changes that work's record, so its datestamp moves too.
        session.execute(
            update(StoredWork)
            .where(StoredWork.id.in_(sorted(partners)))
            .values(last_modified=utcnow())
            .execution_options(synchronize_session=False)
        )
    session.execute(delete(DuplicateLink).where(*undecided))


def _candidates(session: Session, work: StoredWork) -> dict[int, str]:
    """Other live works of the institution sharing an identifier, with the first reason."""
    found: dict[int, str] = {}
    live = (
        StoredWork.institution_id == work.institution_id,
        StoredWork.id != work.id,
        StoredWork.deleted.is_(False),
    )
    if work.doi:
        for other in session.scalars(
            select(StoredWork.id).where(StoredWork.doi == work.doi, *live)
        ):
            found.setdefault(other, DuplicateReason.DOI.value)
    own = {(i.type, i.value) for i in work.identifiers if i.relation == "self"}
    for kind in SELF_ID_TYPES:
        values = sorted(v for t, v in own if t == kind)
        if not values or (kind == "isbn" and work.orcid_type not in BOOK_TYPES):
            continue
        query = (
            select(StoredWork.id)
            .join(Ident, Ident.work_id == StoredWork.id)
            .where(Ident.type == kind, Ident.value.in_(values), Ident.relation == "self", *live)
        )
        if kind == "isbn":
            query = query.where(StoredWork.orcid_type.in_(sorted(BOOK_TYPES)))
        for other in session.scalars(query):
            found.setdefault(other, kind)
    return found


def _title_year_candidates(session: Session, work: StoredWork) -> list[int]:
    if not (work.title_key and work.publication_year):
        return []
    query = select(StoredWork.id, StoredWork.doi).where(
        StoredWork.institution_id == work.institution_id,
        StoredWork.id != work.id,
        StoredWork.deleted.is_(False),
        StoredWork.title_key == work.title_key,
        StoredWork.publication_year == work.publication_year,
    )
    # Two different DOIs say these are two works, however alike their titles.
    return [i for i, doi in session.execute(query) if not (doi and work.doi and doi != work.doi)]


def link_duplicates(session: Session, work: StoredWork) -> int:
    """Link ``work`` to the works it duplicates; returns how many links are new."""
    existing = {
        _pair(link.work_id, link.other_id): link
        for link in session.scalars(
            select(DuplicateLink).where(
                or_(DuplicateLink.work_id == work.id, DuplicateLink.other_id == work.id)
            )
        )
    }
    new = 0
    for other, reason in _candidates(session, work).items():
        link = existing.get(_pair(work.id, other))
        if link is None:
            first, second = _pair(work.id, other)
            link = DuplicateLink(institution_id=work.institution_id, work_id=first, other_id=second)
            session.add(link)
            existing[_pair(work.id, other)] = link
            new += 1
        if link.decided_by_id is None:
            link.reason, link.confirmed, link.rejected = reason, True, False
    for other in _title_year_candidates(session, work):
        if _pair(work.id, other) in existing:
            continue
        first, second = _pair(work.id, other)
        session.add(
            DuplicateLink(
                institution_id=work.institution_id,
                work_id=first,
                other_id=second,
                reason=DuplicateReason.TITLE_YEAR.value,
                confirmed=False,
            )
        )
        new += 1
    return new


def decide(link: DuplicateLink, *, confirm: bool, person_id: int) -> None:
    """An admin's answer to a proposed title-and-year match."""
    link.confirmed = confirm
    link.rejected = not confirm
    link.decided_by_id = person_id
    # Confirmed, the later work is served as deleted by the OAI endpoint: date it now
    # so that incremental harvests of the endpoint see the change.
    link.other.last_modified = utcnow()
