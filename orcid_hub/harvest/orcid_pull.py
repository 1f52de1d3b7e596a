"""Reading one researcher's works from ORCID into the store. No commits here.

Incremental: the works summary (one request) carries each item's last-modified
date; only put-codes that are new, changed since the stored copy, or were
deleted here are read in full (100 per request). A put-code the summary no
longer lists becomes a tombstone. Everything goes through
:func:`orcid_hub.harvest.store.store_page`, so hashing, tombstones, matching
and de-duplication are the same as for a harvested CRIS.

Which tokens: the institution's live ones granting ``/read-limited``; the works
of a researcher who is no longer linked become tombstones. The
researcher's "add my publications" switch (``sync_works``) is not consulted:
it governs what the hub writes *to* ORCID from the CRIS, while reading for the
institution is what the researcher granted with ``/read-limited`` when linking.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors import Tombstone, Work
from orcid_hub.harvest import matching, orcid_works, store
from orcid_hub.harvest.models import ConnectorConfig, HarvestRun, StoredWork
from orcid_hub.linking.models import OrcidToken
from orcid_hub.orcid import errors, model
from orcid_hub.orcid.client import OrcidClient

READ_SCOPE = "/read-limited"


def readable_tokens(session: Session, institution_id: int) -> list[OrcidToken]:
    """The institution's live tokens that may read limited-visibility works."""
    query = (
        select(OrcidToken)
        .where(OrcidToken.institution_id == institution_id, OrcidToken.revoked_at.is_(None))
        .order_by(OrcidToken.id)
    )
    return [t for t in session.scalars(query) if READ_SCOPE in t.scope_set]


@dataclasses.dataclass(frozen=True)
class Held:
    source_modified: dt.datetime | None
    deleted: bool


def _held(session: Session, config_id: int, orcid: str) -> dict[str, Held]:
    query = select(StoredWork.local_id, StoredWork.source_modified, StoredWork.deleted).where(
        StoredWork.config_id == config_id,
        StoredWork.local_id.startswith(orcid_works.prefix(orcid), autoescape=True),
    )
    return {local: Held(modified, deleted) for local, modified, deleted in session.execute(query)}


def _same_time(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    if a is None or b is None:
        return False  # without dates, read the work again rather than trust a guess
    if a.tzinfo is None:
        a = a.replace(tzinfo=dt.UTC)
    if b.tzinfo is None:
        b = b.replace(tzinfo=dt.UTC)
    return a == b


def _read(client: OrcidClient, token: OrcidToken, put_codes: Sequence[int]) -> list[model.Work]:
    found = []
    for item in client.api.read_works_by_put_codes(token.orcid, token.access_token, put_codes):
        if item.work is not None:
            found.append(item.work)
        elif item.error is not None:
            error = errors.error_from_info(item.error)
            if not isinstance(error, errors.NotFoundError):
                raise error  # deleted between the two reads is fine; anything else is not
    return found


def pull_person(
    session: Session,
    config: ConnectorConfig,
    run: HarvestRun,
    token: OrcidToken,
    client: OrcidClient,
    people: matching.PeopleIndex,
) -> None:
    """Bring the store up to date with ``token``'s researcher's works; counts on ``run``.

    Raises the ORCID client's errors (``InvalidTokenError`` when access was withdrawn).
    """
    summary = client.api.read_works(token.orcid, token.access_token)
    held = _held(session, config.id, token.orcid)
    listed: set[str] = set()
    wanted: list[int] = []
    for item in summary.summaries:
        if item.put_code is None:
            continue
        key = orcid_works.local_id(token.orcid, item.put_code)
        listed.add(key)
        had = held.get(key)
        if had and not had.deleted and _same_time(had.source_modified, item.last_modified):
            run.unchanged += 1
            continue
        wanted.append(item.put_code)
    page: list[Work | Tombstone] = []
    extras = {}
    for full in _read(client, token, wanted):
        if full.put_code is None:
            continue
        work = orcid_works.to_work(token.orcid, full)
        page.append(work)
        extras[work.local_id] = orcid_works.origin(token.orcid, full)
    gone = sorted(key for key, had in held.items() if key not in listed and not had.deleted)
    page.extend(Tombstone(orcid_works.SOURCE, key) for key in gone)
    owner = (token.person_id, token.name or token.person.name or token.orcid)
    store.store_page(session, config, run, page, dataclasses.replace(people, owner=owner), extras)
    run.pages += 1


def retire_unlinked(
    session: Session, config: ConnectorConfig, run: HarvestRun, people: matching.PeopleIndex
) -> None:
    """Tombstone the works of researchers no longer linked (revoked at ORCID, unlinked in
    the hub, or without ``/read-limited``): the hub holds works for its researchers only,
    and the endpoint already serves such a person as deleted."""
    linked = {t.orcid for t in readable_tokens(session, config.institution_id)}
    query = select(StoredWork.local_id).where(
        StoredWork.config_id == config.id, StoredWork.deleted.is_(False)
    )
    gone = [key for key in session.scalars(query) if key.split("/", 1)[0] not in linked]
    if gone:
        tombstones = [Tombstone(orcid_works.SOURCE, key) for key in sorted(gone)]
        store.store_page(session, config, run, tombstones, people)
