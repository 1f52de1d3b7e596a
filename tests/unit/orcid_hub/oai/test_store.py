"""The database source: every stored work is served as the entity vocab.kind_of names."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy.orm import Session

from connectors.worktypes import ORCID_WORK_TYPES
from orcid_hub.harvest import matching
from orcid_hub.harvest.models import ConnectorConfig, DuplicateLink, StoredWork
from orcid_hub.linking.models import OrcidToken
from orcid_hub.oai.source import Window
from orcid_hub.oai.store import DatabaseSource, split_name
from orcid_hub.oai.vocab import Kind, kind_of
from tests import factories

COAR = "http://purl.org/coar/resource_type/"
COAR_TYPES = [None, COAR + "c_6501", COAR + "c_ddb1", COAR + "c_15cd", "c_5ce6", COAR + "c_R60J"]


def test_sql_and_python_agree_on_the_entity_of_every_type(db_session: Session) -> None:
    inst = factories.institution(db_session)
    config = ConnectorConfig(institution_id=inst.id, connector="oai-pmh", label="CRIS", settings={})
    db_session.add(config)
    db_session.flush()
    expected: dict[int, Kind] = {}
    stamp = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    for n, (orcid_type, coar) in enumerate(itertools.product(sorted(ORCID_WORK_TYPES), COAR_TYPES)):
        row = StoredWork(
            institution_id=inst.id,
            config_id=config.id,
            source="cris",
            local_id=str(n),
            orcid_type=orcid_type,
            coar_type=coar,
            record={"titles": [{"value": "T"}], "orcid_type": orcid_type, "coar_type": coar},
            content_hash="-",
            last_modified=stamp,
        )
        db_session.add(row)
        db_session.flush()
        expected[row.id] = kind_of(coar, orcid_type)
    source = DatabaseSource(db_session, inst)
    served = {
        item.key: item.kind
        for kind in (Kind.PUBLICATION, Kind.PRODUCT, Kind.PATENT)
        for item in source.changed(kind, Window(), None, 10_000)
    }
    assert served == expected
    assert sum(source.count(k, Window()) for k in (Kind.PRODUCT, Kind.PATENT)) == sum(
        k is not Kind.PUBLICATION for k in expected.values()
    )


def test_names_are_split_given_first() -> None:
    assert split_name("Līga Marta Kalniņa") == ("Kalniņa", "Līga Marta")
    assert split_name("Madonna") == ("Madonna", None)
    assert split_name("  ") == (None, None)


def test_an_institution_serves_only_its_own_works_and_researchers(db_session: Session) -> None:
    lu = factories.institution(db_session, slug="lu")
    rtu = factories.institution(db_session, slug="rtu", client_id=None)
    stamp = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    ids = {}
    for inst in (lu, rtu):
        config = ConnectorConfig(
            institution_id=inst.id, connector="oai-pmh", label="C", settings={}
        )
        db_session.add(config)
        db_session.flush()
        row = StoredWork(
            institution_id=inst.id,
            config_id=config.id,
            source="cris",
            local_id="1",
            orcid_type="journal-article",
            record={"titles": [{"value": inst.slug}], "orcid_type": "journal-article"},
            content_hash="-",
            last_modified=stamp,
        )
        db_session.add(row)
        someone = factories.person(db_session, name=f"R {inst.slug}", orcid=None)
        db_session.add(
            OrcidToken(
                person=someone,
                institution=inst,
                orcid="0000-0002-1825-0097" if inst is lu else "0000-0003-1415-9269",
                name="Anna Ozoliņa",
                scopes="/read-limited",
                access_token="t",
            )
        )
        db_session.flush()
        ids[inst.slug] = (row.id, someone.id)
    source = DatabaseSource(db_session, lu)
    works = source.changed(Kind.PUBLICATION, Window(), None, 10)
    assert [w.key for w in works] == [ids["lu"][0]]
    assert source.get(Kind.PUBLICATION, ids["rtu"][0]) is None
    persons = source.changed(Kind.PERSON, Window(), None, 10)
    assert [p.key for p in persons] == [ids["lu"][1]]
    assert source.get(Kind.PERSON, ids["rtu"][1]) is None
    assert source.person_keys(["0000-0003-1415-9269", "0000-0002-1825-0097"]) == {
        "0000-0002-1825-0097": ids["lu"][1]
    }
    assert source.count(Kind.PERSON, Window()) == 1


def test_a_confirmed_duplicate_is_served_as_deleted(
    db_session: Session,
) -> None:
    inst = factories.institution(db_session)
    config = ConnectorConfig(institution_id=inst.id, connector="oai-pmh", label="C", settings={})
    db_session.add(config)
    db_session.flush()
    day = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    first, second = (
        StoredWork(
            institution_id=inst.id,
            config_id=config.id,
            source="cris",
            local_id=str(n),
            orcid_type="journal-article",
            record={"titles": [{"value": "Same"}], "orcid_type": "journal-article"},
            content_hash="-",
            last_modified=day,
        )
        for n in (1, 2)
    )
    db_session.add_all([first, second])
    db_session.flush()
    linked = day + dt.timedelta(days=3)
    db_session.add(
        DuplicateLink(
            institution_id=inst.id,
            work_id=first.id,
            other_id=second.id,
            reason="doi",
            confirmed=True,
            created_at=linked,
        )
    )
    db_session.flush()
    source = DatabaseSource(db_session, inst)
    items = {i.key: i for i in source.changed(Kind.PUBLICATION, Window(), None, 10)}
    assert not items[first.id].deleted and items[first.id].datestamp == day
    # Dated by its own last change (see the note on _merged in orcid_hub.oai.store).
    assert items[second.id].deleted and items[second.id].datestamp == day
    # The earlier one gone, the duplicate is the record again.
    first.deleted = True
    db_session.flush()
    items = {i.key: i for i in source.changed(Kind.PUBLICATION, Window(), None, 10)}
    assert items[first.id].deleted and not items[second.id].deleted


def test_a_researcher_is_dated_by_link_revocation_and_link_again(db_session: Session) -> None:
    inst = factories.institution(db_session)
    someone = factories.person(db_session, name="Anna Ozoliņa", orcid="0000-0002-1825-0097")
    day = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    token = OrcidToken(
        person=someone,
        institution=inst,
        orcid="0000-0002-1825-0097",
        name="Anna Ozoliņa",
        scopes="/read-limited",
        access_token="t",
        created_at=day,
    )
    db_session.add(token)
    db_session.flush()
    source = DatabaseSource(db_session, inst)

    def served() -> tuple[dt.datetime, bool]:
        item = source.get(Kind.PERSON, someone.id)
        assert item is not None
        return item.datestamp, item.deleted

    assert served() == (day, False)
    token.revoked_at = day + dt.timedelta(days=2)
    db_session.flush()
    assert served() == (day + dt.timedelta(days=2), True)
    token.revoked_at, token.checked_at = None, day + dt.timedelta(days=5)  # linked again
    db_session.flush()
    assert served() == (day + dt.timedelta(days=5), False)
    later = source.changed(Kind.PERSON, Window(start=day + dt.timedelta(days=3)), None, 10)
    assert [i.key for i in later] == [someone.id]


def test_an_admin_confirming_a_duplicate_reaches_incremental_harvests(db_session: Session) -> None:
    inst = factories.institution(db_session)
    admin = factories.person(db_session, name="Admin", admin_of=inst)
    config = ConnectorConfig(institution_id=inst.id, connector="oai-pmh", label="C", settings={})
    db_session.add(config)
    db_session.flush()
    day = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    first, second = (
        StoredWork(
            institution_id=inst.id,
            config_id=config.id,
            source="cris",
            local_id=str(n),
            orcid_type="journal-article",
            record={"titles": [{"value": "Same"}], "orcid_type": "journal-article"},
            content_hash="-",
            last_modified=day,
        )
        for n in (1, 2)
    )
    db_session.add_all([first, second])
    db_session.flush()
    link = DuplicateLink(
        institution_id=inst.id, work_id=first.id, other_id=second.id, reason="title_year"
    )
    db_session.add(link)
    db_session.flush()
    source = DatabaseSource(db_session, inst)
    since = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    assert source.changed(Kind.PUBLICATION, Window(start=since), None, 10) == []
    matching.decide(link, confirm=True, person_id=admin.id)
    db_session.flush()
    changed = source.changed(Kind.PUBLICATION, Window(start=since), None, 10)
    assert [(i.key, i.deleted) for i in changed] == [(second.id, True)]
