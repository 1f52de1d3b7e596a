from __future__ import annotations

import datetime as dt

import pytest

from orcid_hub.oai.protocol import OaiError, Tokens, TokenState, parse_request, window_of
from orcid_hub.oai.source import Position


def code_of(values: dict[str, list[str]]) -> str:
    with pytest.raises(OaiError) as caught:
        window_of(parse_request(values))
    return caught.value.code


def test_verbs_and_their_arguments() -> None:
    request = parse_request(
        {"verb": ["GetRecord"], "identifier": ["x"], "metadataPrefix": ["oai_dc"]}
    )
    assert request.verb == "GetRecord"
    assert dict(request.arguments) == {"identifier": "x", "metadataPrefix": "oai_dc"}
    assert code_of({}) == "badVerb"
    assert code_of({"verb": ["Identify", "Identify"]}) == "badVerb"
    assert code_of({"verb": ["identify"]}) == "badVerb"  # verbs are case-sensitive
    assert code_of({"verb": ["Identify"], "from": ["2026-01-01"]}) == "badArgument"
    assert code_of({"verb": ["ListRecords"]}) == "badArgument"
    assert code_of({"verb": ["ListRecords"], "metadataPrefix": ["a", "b"]}) == "badArgument"
    both = {"verb": ["ListIdentifiers"], "metadataPrefix": ["oai_dc"], "resumptionToken": ["t"]}
    assert code_of(both) == "badArgument"
    alone = parse_request({"verb": ["ListIdentifiers"], "resumptionToken": ["t"]})
    assert alone.get("resumptionToken") == "t"


def list_window(**values: str) -> tuple[dt.datetime | None, dt.datetime | None]:
    request = parse_request(
        {
            "verb": ["ListRecords"],
            "metadataPrefix": ["oai_dc"],
            **{k: [v] for k, v in values.items()},
        }
    )
    window = window_of(request)
    return window.start, window.end


def test_from_and_until_in_either_granularity() -> None:
    utc = dt.UTC
    assert list_window(**{"from": "2026-03-01"}) == (dt.datetime(2026, 3, 1, tzinfo=utc), None)
    # until is inclusive: its whole day, or its whole second
    assert list_window(until="2026-03-01") == (None, dt.datetime(2026, 3, 2, tzinfo=utc))
    assert list_window(until="2026-03-01T10:00:00Z") == (
        None,
        dt.datetime(2026, 3, 1, 10, 0, 1, tzinfo=utc),
    )
    base = {"verb": ["ListRecords"], "metadataPrefix": ["oai_dc"]}
    for bad in ("2026-3-1", "2026-03-01T10:00Z", "2026-03-01 10:00:00", "2026-13-01", "tomorrow"):
        assert code_of({**base, "from": [bad]}) == "badArgument", bad
    mixed = {**base, "from": ["2026-03-01"], "until": ["2026-03-02T00:00:00Z"]}
    assert code_of(mixed) == "badArgument"
    backwards = {**base, "from": ["2026-03-02"], "until": ["2026-03-01"]}
    assert code_of(backwards) == "badArgument"


def state(**changes: object) -> TokenState:
    fields: dict[str, object] = {
        "verb": "ListRecords",
        "prefix": "oai_dc",
        "set_spec": None,
        "start": "2026-03-01T00:00:00+00:00",
        "end": None,
        "kind_index": 1,
        "after_stamp": "2026-03-01T09:00:00.250000+00:00",
        "after_key": 12,
        "cursor": 100,
        "size": 250,
    }
    fields.update(changes)
    return TokenState(**fields)  # type: ignore[arg-type]


def test_tokens_round_trip_and_are_refused_when_changed_or_old() -> None:
    tokens = Tokens("secret", "lu", dt.timedelta(hours=1))
    issued = tokens.issue(state())
    back = tokens.read(issued, "ListRecords")
    assert back == state()
    assert back.after == Position(dt.datetime(2026, 3, 1, 9, 0, 0, 250000, tzinfo=dt.UTC), 12)
    assert back.window.start == dt.datetime(2026, 3, 1, tzinfo=dt.UTC) and back.window.end is None

    def refused(token: str, reader: Tokens = tokens, verb: str = "ListRecords") -> str:
        with pytest.raises(OaiError) as caught:
            reader.read(token, verb)
        assert caught.value.code == "badResumptionToken"
        return caught.value.message

    refused(issued[:-3] + "abc")
    refused("garbage")
    assert "ListIdentifiers" in refused(issued, verb="ListIdentifiers")
    refused(issued, Tokens("secret", "rtu", dt.timedelta(hours=1)))  # another institution
    refused(issued, Tokens("other secret", "lu", dt.timedelta(hours=1)))
    expired = Tokens("secret", "lu", dt.timedelta(seconds=-1))
    assert "expired" in refused(expired.issue(state()), expired)
