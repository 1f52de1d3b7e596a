"""Works, employments, educations and fundings through the real client against the sandbox."""

from __future__ import annotations

import dataclasses

import pytest

from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.errors import NotFoundError, error_from_info
from orcid_hub.orcid.model import Contributor, ExternalId, FuzzyDate
from orcid_hub.orcid.validation import ValidationError
from tests.integration.conftest import (
    PAT,
    TESS,
    CallLog,
    LinkUser,
    affiliation,
    funding,
    work,
)
from tests.sandbox_server import OTHER_CLIENT, TEST_CLIENT, SandboxServer

SERVER_SET = ("put_code", "visibility", "source", "created", "last_modified", "display_index")


def as_sent(item: object) -> object:
    """``item`` without the parts ORCID sets (put-code, source, dates, visibility)."""
    return dataclasses.replace(item, **dict.fromkeys(SERVER_SET))  # type: ignore[type-var]


def test_work_create_read_update_delete(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser
) -> None:
    token = link().access_token
    sent = work(contributors=(*work().contributors, Contributor("Anna Ozoliņa", email="a@lu.lv")))
    put_code = orcid.api.create_work(TESS, token, sent)
    assert [i["put_code"] for i in sandbox.inspect(TESS)["items"]] == [put_code]

    back = orcid.api.read_work(TESS, token, put_code)
    assert back.put_code == put_code
    assert back.source_client_id == TEST_CLIENT
    assert back.source_name == "Test Member Client"
    assert back.visibility == "public"  # Tess's default, whatever the hub sends
    assert back.created is not None and back.last_modified is not None
    # Every field sent comes back equal; ORCID never returns contributor emails.
    no_email = dataclasses.replace(sent.contributors[2], email=None)
    expected = dataclasses.replace(sent, contributors=(*sent.contributors[:2], no_email))
    assert as_sent(back) == expected

    changed = dataclasses.replace(
        back, title="Open research information in Latvia, revised", publication_date=FuzzyDate(2025)
    )
    updated = orcid.api.update_work(TESS, token, changed)
    assert updated.title == "Open research information in Latvia, revised"
    assert updated.put_code == put_code
    again = orcid.api.read_work(TESS, token, put_code)
    assert (again.title, again.publication_date) == (changed.title, FuzzyDate(2025))
    assert again.journal_title == sent.journal_title

    orcid.api.delete_work(TESS, token, put_code)
    with pytest.raises(NotFoundError) as gone:
        orcid.api.read_work(TESS, token, put_code)
    assert gone.value.status == 404
    assert sandbox.inspect(TESS)["items"] == []
    orcid.api.delete_work(TESS, token, put_code, missing_ok=True)  # a retried delete is fine
    with pytest.raises(NotFoundError):
        orcid.api.delete_work(TESS, token, put_code)


def test_identifiers_are_sent_normalised(orcid: OrcidClient, link: LinkUser) -> None:
    token = link().access_token
    sent = work(
        external_ids=(ExternalId("doi", "https://doi.org/10.5555/LV.2024.X", "self"),),
        type="article-journal",  # an alias ORCID accepts; the client sends the type it means
    )
    back = orcid.api.read_work(TESS, token, orcid.api.create_work(TESS, token, sent))
    assert [(e.type, e.value) for e in back.external_ids] == [("doi", "10.5555/lv.2024.x")]
    assert back.type == "journal-article"


def test_private_default_visibility_is_kept(orcid: OrcidClient, link: LinkUser) -> None:
    token = link(PAT).access_token
    put_code = orcid.api.create_work(PAT, token, work(visibility="public"))
    assert orcid.api.read_work(PAT, token, put_code).visibility == "private"


def test_bulk_of_100_all_created_and_read_back_by_put_codes_in_batches(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser, call_log: CallLog
) -> None:
    token = link().access_token
    first = orcid.api.create_works(TESS, token, [work(n) for n in range(100)])
    assert len(first) == 100
    assert all(item.ok for item in first)
    second = orcid.api.create_works(TESS, token, [work(n) for n in range(100, 130)])
    assert all(item.ok for item in second)
    put_codes = [w.put_code for w in (i.work for i in (*first, *second)) if w and w.put_code]
    assert len(set(put_codes)) == 130
    assert [item.work.title for item in first if item.work] == [work(n).title for n in range(100)]
    assert len(sandbox.inspect(TESS)["items"]) == 130

    call_log.clear()
    missing = max(put_codes) + 1000
    items = orcid.api.read_works_by_put_codes(TESS, token, [*put_codes, missing])
    assert len(call_log.calls("GET", "/works/")) == 2  # 100 + 31 put-codes, ORCID's limit
    assert [item.work.put_code for item in items[:-1] if item.work] == put_codes
    assert [item.work.title for item in items[:-1] if item.work] == [
        work(n).title for n in range(130)
    ]
    assert items[-1].error is not None
    assert isinstance(error_from_info(items[-1].error), NotFoundError)

    assert len(orcid.api.read_all_works(TESS, token)) == 130


def test_bulk_of_101_is_refused_before_anything_is_sent(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser, call_log: CallLog
) -> None:
    token = link().access_token
    call_log.clear()
    with pytest.raises(ValidationError) as refused:
        orcid.api.create_works(TESS, token, [work(n) for n in range(101)])
    assert "at most 100" in str(refused.value)
    assert call_log.calls("POST") == []  # the client refused; ORCID never saw it
    assert sandbox.inspect(TESS)["items"] == []


def test_bulk_reports_duplicates_per_slot(orcid: OrcidClient, link: LinkUser) -> None:
    token = link().access_token
    existing = orcid.api.create_work(TESS, token, work(7))
    items = orcid.api.create_works(TESS, token, [work(6), work(7), work(8)])
    assert [item.ok for item in items] == [True, False, True]
    assert items[1].error is not None
    assert items[1].error.error_code == 9021
    duplicate = error_from_info(items[1].error)
    assert getattr(duplicate, "existing_put_code", None) == existing


def test_grouped_works_summary(
    orcid: OrcidClient, other_orcid: OrcidClient, link: LinkUser
) -> None:
    """Works sharing a ``self`` DOI are one group whatever their source; ``part-of`` ids
    (the journal's ISSN, shared by every work here) group nothing."""
    ours = link().access_token
    theirs = link(client=other_orcid).access_token
    a = orcid.api.create_work(TESS, ours, work(1))
    b = other_orcid.api.create_work(
        TESS,
        theirs,
        work(1, title="Same article, as the publisher lists it", type="journal-article"),
    )
    c = orcid.api.create_work(TESS, ours, work(2))

    summary = orcid.api.read_works(TESS, ours)
    groups = {frozenset(group.put_codes) for group in summary.groups}
    assert groups == {frozenset({a, b}), frozenset({c})}
    shared = next(g for g in summary.groups if a in g.put_codes)
    assert [(e.type, e.value) for e in shared.external_ids] == [("doi", "10.5555/lv.2024.1")]
    sources = {w.put_code: w.source_client_id for w in summary.summaries}
    assert sources == {a: TEST_CLIENT, b: OTHER_CLIENT, c: TEST_CLIENT}
    titles = {w.put_code: w.title for w in shared.summaries}
    assert titles[b] == "Same article, as the publisher lists it"
    assert set(summary.put_codes) == {a, b, c}
    record = orcid.api.read_record(TESS, ours)
    assert set(record.works.put_codes) == {a, b, c}


@pytest.mark.parametrize("kind", ["employment", "education"])
def test_affiliation_create_read_update_delete(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser, kind: str
) -> None:
    token = link().access_token
    sent = affiliation(kind)  # type: ignore[arg-type]
    put_code = orcid.api.create_affiliation(TESS, token, sent)
    back = orcid.api.read_affiliation(TESS, token, sent.kind, put_code)
    assert back.put_code == put_code
    assert back.source is not None and back.source.client_id == TEST_CLIENT
    assert as_sent(back) == sent

    updated = orcid.api.update_affiliation(
        TESS, token, dataclasses.replace(back, role_title="Leading researcher", end_date=None)
    )
    assert (updated.role_title, updated.end_date) == ("Leading researcher", None)
    listed = orcid.api.read_affiliations(TESS, token, sent.kind)
    assert [(a.put_code, a.role_title) for a in listed] == [(put_code, "Leading researcher")]
    assert listed[0].organization == sent.organization

    orcid.api.delete_affiliation(TESS, token, sent.kind, put_code)
    assert orcid.api.read_affiliations(TESS, token, sent.kind) == ()
    with pytest.raises(NotFoundError):
        orcid.api.read_affiliation(TESS, token, sent.kind, put_code)
    assert sandbox.inspect(TESS)["items"] == []


def test_funding_create_read_update_delete(
    sandbox: SandboxServer, orcid: OrcidClient, link: LinkUser
) -> None:
    token = link().access_token
    sent = funding()
    put_code = orcid.api.create_funding(TESS, token, sent)
    back = orcid.api.read_funding(TESS, token, put_code)
    assert back.put_code == put_code
    assert back.source is not None and back.source.client_id == TEST_CLIENT
    assert as_sent(back) == sent
    assert (back.amount, back.currency) == ("300000", "EUR")

    updated = orcid.api.update_funding(
        TESS, token, dataclasses.replace(back, amount="350000", title="Open infrastructure II")
    )
    assert (updated.amount, updated.title) == ("350000", "Open infrastructure II")
    listed = orcid.api.read_fundings(TESS, token)
    assert [(f.put_code, f.title) for f in listed] == [(put_code, "Open infrastructure II")]

    orcid.api.delete_funding(TESS, token, put_code)
    assert orcid.api.read_fundings(TESS, token) == ()
    assert sandbox.inspect(TESS)["items"] == []


def test_activities_summary_lists_every_section(orcid: OrcidClient, link: LinkUser) -> None:
    token = link().access_token
    w = orcid.api.create_work(TESS, token, work())
    e = orcid.api.create_affiliation(TESS, token, affiliation("employment"))
    d = orcid.api.create_affiliation(TESS, token, affiliation("education"))
    f = orcid.api.create_funding(TESS, token, funding())
    activities = orcid.api.read_activities(TESS, token)
    assert activities.works.put_codes == (w,)
    assert [a.put_code for a in activities.employments] == [e]
    assert [a.put_code for a in activities.educations] == [d]
    assert [x.put_code for x in activities.fundings] == [f]
