"""Works matched to researchers (iD, then local id) and to each other (identifiers, title+year)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors import Contributor, ExternalId, FuzzyDate, Relationship, Title, Tombstone, Work
from connectors import Person as CrisPerson
from orcid_hub.accounts.models import InstitutionRole, Membership
from orcid_hub.harvest import matching, store
from orcid_hub.harvest.models import DuplicateLink, StoredPerson, StoredWork
from orcid_hub.linking.models import OrcidToken
from tests import factories
from tests.unit.orcid_hub.harvest.conftest import Source

ORCID = "0000-0001-7291-3210"
PART_OF = Relationship.PART_OF


def work(local_id: str, title: str = "On matching", **fields: object) -> Work:
    ids: Sequence[tuple[str, str] | tuple[str, str, Relationship]] = fields.pop("ids", ())  # type: ignore[assignment]
    return Work(
        source="cris",
        local_id=local_id,
        titles=(Title(title),),
        orcid_type=str(fields.pop("orcid_type", "journal-article")),
        publication_date=FuzzyDate.parse(str(fields.pop("date", "2020"))),
        external_ids=tuple(ExternalId(*i) for i in ids),
        **fields,  # type: ignore[arg-type]
    )


def put(session: Session, source: Source, *works: Work | CrisPerson | Tombstone) -> None:
    people = matching.PeopleIndex.load(session, source.institution.id)
    store.store_page(session, source.config, source.run, works, people)
    session.flush()


def links(session: Session) -> set[tuple[str, str, str, bool]]:
    rows = session.scalars(select(DuplicateLink))
    return {(r.work.local_id, r.other.local_id, r.reason, r.confirmed) for r in rows}


def stored(session: Session, local_id: str) -> StoredWork:
    return session.scalars(select(StoredWork).where(StoredWork.local_id == local_id)).one()


def test_contributors_matched_by_orcid_then_by_local_id(db_session: Session, cris: Source) -> None:
    linked = factories.person(db_session, "Paolo Manghi", ORCID)
    db_session.add(
        OrcidToken(
            person_id=linked.id,
            institution_id=cris.institution.id,
            orcid=ORCID,
            scopes="/read-limited",
            access_token="token",
        )
    )
    known = factories.person(db_session, "Maarten Hoogerwerf")
    db_session.add(
        Membership(
            person=known,
            institution=cris.institution,
            role=InstitutionRole.RESEARCHER,
            local_person_id="Persons/2123455",
        )
    )
    factories.person(db_session, "Nobody Linked", "0000-0002-5277-285X")  # no token here
    db_session.flush()
    contributors = (
        Contributor("Paolo Manghi", orcid=ORCID, local_id="Persons/999"),
        Contributor("Maarten Hoogerwerf", local_id="Persons/2123455"),
        Contributor("Nikos Houssos", orcid="0000-0002-5277-285X"),
    )
    put(db_session, cris, work("Publications/1", contributors=contributors))
    people = {(p.person.name, p.matched_by) for p in stored(db_session, "Publications/1").people}
    assert people == {("Paolo Manghi", "orcid"), ("Maarten Hoogerwerf", "local_id")}


def test_a_researcher_linked_later_is_matched_on_the_next_harvest(
    db_session: Session, cris: Source
) -> None:
    one = work("Publications/1", contributors=(Contributor("A", local_id="P/7"),))
    put(db_session, cris, one)
    assert stored(db_session, "Publications/1").people == []
    person = factories.person(db_session)
    db_session.add(
        Membership(
            person=person,
            institution=cris.institution,
            role=InstitutionRole.RESEARCHER,
            local_person_id="P/7",
        )
    )
    put(db_session, cris, one)
    assert [p.person_id for p in stored(db_session, "Publications/1").people] == [person.id]
    assert (cris.run.added, cris.run.changed) == (1, 1)


def test_duplicates_by_doi_across_sources(db_session: Session, cris: Source, repo: Source) -> None:
    put(db_session, cris, work("P/1", ids=[("doi", "10.1000/x")]))
    put(db_session, repo, work("item/9", "Another title", ids=[("doi", "10.1000/x")]))
    assert links(db_session) == {("P/1", "item/9", "doi", True)}


def test_duplicates_by_handle_pmid_eid_and_wosuid(db_session: Session, cris: Source) -> None:
    pairs = [
        ("handle", "10123/456"),
        ("pmid", "123456"),
        ("eid", "2-s2.0-84880000000"),
        ("wosuid", "000123456700001"),
    ]
    for n, (kind, value) in enumerate(pairs):
        put(db_session, cris, work(f"A/{n}", f"a{n}", ids=[(kind, value)]))
        put(db_session, cris, work(f"B/{n}", f"b{n}", ids=[(kind, value)]))
    assert links(db_session) == {(f"A/{n}", f"B/{n}", k, True) for n, (k, _) in enumerate(pairs)}


def test_never_by_issn_and_isbn_only_between_books(db_session: Session, cris: Source) -> None:
    issn = ("issn", "1746-8256", PART_OF)
    put(db_session, cris, work("Issue/1", "Journal, issue one", ids=[issn]))
    put(db_session, cris, work("Issue/2", "Journal, issue two", ids=[issn]))
    isbn = ("isbn", "9783642352324")
    put(db_session, cris, work("Ch/1", "Chapter one", orcid_type="book-chapter", ids=[isbn]))
    put(db_session, cris, work("Ch/2", "Chapter two", orcid_type="book-chapter", ids=[isbn]))
    assert links(db_session) == set()
    put(db_session, cris, work("Book/1", "A book", orcid_type="book", ids=[isbn]))
    put(db_session, cris, work("Book/2", "Same book", orcid_type="book", ids=[isbn]))
    assert links(db_session) == {("Book/1", "Book/2", "isbn", True)}


def test_doi_is_the_reason_when_several_identifiers_agree(
    db_session: Session, cris: Source
) -> None:
    both = [("doi", "10.1000/y"), ("handle", "10123/1")]
    put(db_session, cris, work("A", ids=both), work("B", "other", ids=both))
    assert links(db_session) == {("A", "B", "doi", True)}


def test_title_and_year_only_propose(db_session: Session, cris: Source, repo: Source) -> None:
    put(db_session, cris, work("P/1", "Lampropholis coggeri: genomes!", date="2019-05"))
    put(db_session, repo, work("i/1", "LAMPROPHOLIS  coggeri — genomes", date="2019"))
    put(db_session, repo, work("i/2", "Lampropholis coggeri: genomes", date="2020"))
    assert links(db_session) == {("P/1", "i/1", "title_year", False)}
    # Different DOIs say these are different works, however alike the titles.
    put(db_session, cris, work("P/3", "Twins", ids=[("doi", "10.1/a")]))
    put(db_session, repo, work("i/3", "Twins", ids=[("doi", "10.1/b")]))
    assert len(links(db_session)) == 1


def test_an_admin_decision_outlives_later_harvests(db_session: Session, cris: Source) -> None:
    put(db_session, cris, work("A", "Same"), work("B", "same."))
    link = db_session.scalars(select(DuplicateLink)).one()
    admin = factories.person(db_session, admin_of=cris.institution)
    matching.decide(link, confirm=False, person_id=admin.id)
    put(db_session, cris, work("A", "Same", language="en"))  # changed: looked at again
    assert links(db_session) == {("A", "B", "title_year", False)}
    assert db_session.scalars(select(DuplicateLink)).one().rejected


def test_a_work_without_title_is_a_failure_with_its_id(db_session: Session, cris: Source) -> None:
    untitled = Work(source="cris", local_id="P/404", titles=(), orcid_type="other")
    put(db_session, cris, untitled, work("P/1"))
    assert cris.run.failed == 1 and cris.run.added == 1
    [failure] = cris.run.failures
    assert failure.local_id == "P/404" and "no title" in failure.message


def test_title_key_folds_case_accents_and_punctuation() -> None:
    assert matching.title_key("Ēnas un  gaisma: pētījums!") == "enas un gaisma petijums"
    assert matching.title_key("") is None


def test_changes_to_links_move_the_datestamp_of_the_work_served_as_deleted(
    db_session: Session, cris: Source, repo: Source
) -> None:
    put(db_session, cris, work("A", ids=[("doi", "10.1000/z")]))
    put(db_session, repo, work("B", "b", ids=[("doi", "10.1000/z")]))
    b = stored(db_session, "B")
    before = b.last_modified
    # A corrects its DOI at the source: B is no longer a duplicate, and its date moves.
    put(db_session, cris, work("A", ids=[("doi", "10.1000/other")]))
    db_session.refresh(b)
    assert links(db_session) == set() and b.last_modified > before
    put(db_session, cris, work("C", "Same"), work("D", "same"))
    proposal = db_session.scalars(select(DuplicateLink)).one()
    d = stored(db_session, "D")
    before = d.last_modified
    admin = factories.person(db_session, admin_of=cris.institution)
    matching.decide(proposal, confirm=True, person_id=admin.id)
    assert d.last_modified > before


def test_the_source_s_people_lend_their_ids_until_deleted(
    db_session: Session, cris: Source
) -> None:
    linked = factories.person(db_session, "Brigitte Jörg", "0000-0001-7941-8108")
    db_session.add(
        OrcidToken(
            person_id=linked.id,
            institution_id=cris.institution.id,
            orcid="0000-0001-7941-8108",
            scopes="/read-limited",
            access_token="token",
        )
    )
    person = CrisPerson("cris", "Persons/3", "Jörg", "Brigitte", orcid="0000-0001-7941-8108")
    paper = work("P/1", contributors=(Contributor("B. Jörg", local_id="Persons/3"),))
    put(db_session, cris, person, paper)
    assert [p.matched_by for p in stored(db_session, "P/1").people] == ["orcid"]
    stored_person = db_session.scalars(select(StoredPerson)).one()
    assert stored_person.name == "Brigitte Jörg" and stored_person.record["family_name"] == "Jörg"
    put(db_session, cris, Tombstone("cris", "Persons/3", "person"))
    assert db_session.scalars(select(StoredPerson)).all() == []
