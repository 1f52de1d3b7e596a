"""Putting a page of canonical records into the store: works, the source's people,
tombstones, and who wrote what.

Nothing here commits: the harvest job commits each page together with the
checkpoint that follows it, so that a stopped run resumes after the last page
it stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from connectors import Person, Tombstone, Work, to_dict
from orcid_hub.db import utcnow
from orcid_hub.harvest import matching
from orcid_hub.harvest.models import (
    ConnectorConfig,
    HarvestRun,
    RunFailure,
    StoredPerson,
    StoredWork,
    WorkIdentifier,
    WorkPerson,
)

MAX_ID = 300  # the width of local ids and identifier values in the store


class Unstorable(ValueError):
    """A record the hub cannot keep; it becomes a run failure, not a stopped run."""


def content_hash(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _check(work: Work) -> None:
    if not work.local_id or len(work.local_id) > MAX_ID:
        raise Unstorable(f"local id is empty or longer than {MAX_ID} characters")
    if not work.title:
        raise Unstorable("the work has no title (ORCID requires one)")
    for ext in work.external_ids:
        if len(ext.value) > MAX_ID:
            raise Unstorable(f"{ext.type} {ext.value[:40]}… is longer than {MAX_ID} characters")


def _fill(row: StoredWork, work: Work, data: dict[str, Any], digest: str) -> None:
    date = work.publication_date
    row.source = work.source[:100]
    row.oai_identifier = (work.oai_identifier or "")[:500] or None
    row.title = work.title
    row.title_key = matching.title_key(work.title)
    row.orcid_type = work.orcid_type[:60] if work.orcid_type else None
    row.coar_type = work.coar_type
    row.publication_date = str(date) if date else None
    row.publication_year = date.year if date else None
    row.container_title = work.container_title
    row.language = (work.language or "")[:20] or None
    row.url = work.url
    row.doi = work.doi
    row.record = data
    row.content_hash = digest
    row.source_modified = work.last_modified
    row.deleted = False
    wanted = {(i.type, i.value, i.relationship.value) for i in work.external_ids}
    have = {(i.type, i.value, i.relation): i for i in row.identifiers}
    for key, ident in have.items():
        if key not in wanted:
            row.identifiers.remove(ident)
    for kind, value, relation in sorted(wanted - set(have)):
        row.identifiers.append(WorkIdentifier(type=kind, value=value, relation=relation))


def _set_people(row: StoredWork, found: dict[int, tuple[str, str]]) -> bool:
    have = {p.person_id: p for p in row.people}
    changed = False
    for person_id, link in have.items():
        if person_id not in found:
            row.people.remove(link)
            changed = True
    for person_id, (how, name) in found.items():
        if person_id not in have:
            row.people.append(
                WorkPerson(person_id=person_id, matched_by=how, contributor_name=name)
            )
            changed = True
        elif have[person_id].matched_by != how:
            have[person_id].matched_by = how
            changed = True
    return changed


def _tombstone(session: Session, row: StoredWork | None, run: HarvestRun) -> None:
    if row is None or row.deleted:
        return  # never held, or already gone: nothing changes
    row.deleted = True
    row.last_modified = row.last_seen = utcnow()
    matching.forget_automatic_links(session, row.id)
    run.deleted += 1


def _persons(
    session: Session, config_id: int, items: Sequence[Work | Person | Tombstone]
) -> dict[str, StoredPerson]:
    ids = sorted({i.local_id for i in items if isinstance(i, Person | Tombstone)})
    if not ids:
        return {}
    query = select(StoredPerson).where(
        StoredPerson.config_id == config_id, StoredPerson.local_id.in_(ids)
    )
    return {p.local_id: p for p in session.scalars(query)}


def _keep_person(
    session: Session,
    config_id: int,
    persons: dict[str, StoredPerson],
    person: Person,
    people: matching.PeopleIndex,
    now: dt.datetime,
) -> None:
    """Remember who the source's person is (not a hub account: a name and maybe an iD)."""
    if not person.local_id or len(person.local_id) > MAX_ID:
        return
    row = persons.get(person.local_id)
    if row is None:
        row = StoredPerson(config_id=config_id, local_id=person.local_id)
        session.add(row)
        persons[person.local_id] = row
    row.orcid = person.orcid
    row.name = person.display_name[:300] or None
    row.record = dict(to_dict(person))
    row.last_seen = now
    if person.orcid:
        people.orcid_of_local[person.local_id] = person.orcid
    else:
        people.orcid_of_local.pop(person.local_id, None)


def store_page(
    session: Session,
    config: ConnectorConfig,
    run: HarvestRun,
    items: Sequence[Work | Person | Tombstone],
    people: matching.PeopleIndex,
    extras: Mapping[str, Mapping[str, Any]] | None = None,
) -> None:
    """Upsert the works and people and apply the tombstones of one page, counting on ``run``.

    ``extras`` (by local id) are kept beside the canonical fields of a work's stored
    record: what a source knows that the canonical Work has no place for, such as
    ORCID's put-code and who wrote the item.
    """
    ids = {i.local_id for i in items if isinstance(i, Work | Tombstone)}
    rows = {
        row.local_id: row
        for row in session.scalars(
            select(StoredWork)
            .where(StoredWork.config_id == config.id, StoredWork.local_id.in_(sorted(ids)))
            .options(selectinload(StoredWork.identifiers), selectinload(StoredWork.people))
        )
    }
    now = utcnow()
    persons = _persons(session, config.id, items)
    for item in items:
        if isinstance(item, Person):
            _keep_person(session, config.id, persons, item, people, now)
            continue
        if isinstance(item, Tombstone):
            if item.kind != "work" and item.local_id in persons:
                session.delete(persons.pop(item.local_id))
                people.orcid_of_local.pop(item.local_id, None)
            if item.kind != "person":
                _tombstone(session, rows.get(item.local_id), run)
            continue
        try:
            _check(item)
        except Unstorable as exc:
            run.failed += 1
            run.failures.append(RunFailure(local_id=item.local_id[:MAX_ID], message=str(exc)))
            continue
        data = dict(to_dict(item))
        if extras and item.local_id in extras:
            data.update(extras[item.local_id])
        digest = content_hash(data)
        row = rows.get(item.local_id)
        fresh = row is None
        if row is None:
            row = StoredWork(institution_id=config.institution_id, config_id=config.id)
            row.local_id, row.first_seen = item.local_id, now
            session.add(row)
            rows[item.local_id] = row
        row.last_seen = now
        content_changed = fresh or row.content_hash != digest or row.deleted
        if content_changed:
            _fill(row, item, data, digest)
        people_changed = _set_people(row, people.match(data["contributors"]))
        if fresh:
            run.added += 1
        elif content_changed or people_changed:
            run.changed += 1
        else:
            run.unchanged += 1
            continue
        row.last_modified = now
        if content_changed:
            session.flush()
            if not fresh:
                matching.forget_automatic_links(session, row.id)
            matching.link_duplicates(session, row)


def rematch(session: Session, config_id: int, people: matching.PeopleIndex) -> int:
    """Match every live work of a connector again; how many works' people changed.

    An incremental harvest only brings records that changed at the source, so a
    researcher who links their iD later would otherwise wait for their works to be
    edited there.
    """
    query = (
        select(StoredWork)
        .where(StoredWork.config_id == config_id, StoredWork.deleted.is_(False))
        .options(selectinload(StoredWork.people))
        .order_by(StoredWork.id)
        .execution_options(yield_per=500)
    )
    changed = 0
    now = utcnow()
    for row in session.scalars(query):
        if _set_people(row, people.match(row.record.get("contributors") or [])):
            row.last_modified = now
            changed += 1
    return changed
