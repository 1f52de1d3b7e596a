from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from orcid_hub.consortium import choices
from orcid_hub.consortium.fields import Field, FieldError, display, parse, to_text
from orcid_hub.consortium.io import escape, unescape


def _no_refs(field: Field, text: str) -> Any:
    raise FieldError("no references here")


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        (Field("d", "D", "date"), "2025-03-01", dt.date(2025, 3, 1)),
        (Field("n", "N", "int", minimum=1), " 7 ", 7),
        (Field("f", "F", "float", maximum=5), "4,5", 4.5),
        (Field("b", "B", "bool"), "jā", True),
        (Field("b", "B", "bool"), "no", False),
        (Field("b", "B", "bool", default=True), "", True),
        (Field("c", "C", "choice", choices=choices.TIERS), "large", "large"),
        (
            Field("m", "M", "multi", choices=choices.ORCID_ROLES),
            "voting; main;voting",
            "main;voting",
        ),
        (Field("o", "O", "orcid"), "https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        (Field("e", "E", "email"), "a@b.lv", "a@b.lv"),
        (Field("u", "U", "url"), "https://lu.lv", "https://lu.lv"),
        (Field("t", "T"), "", None),
    ],
)
def test_parse_accepts(field: Field, text: str, value: Any) -> None:
    assert parse(field, text, _no_refs) == value


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        (Field("d", "D", "date"), "01.03.2025", "YYYY-MM-DD"),
        (Field("n", "N", "int"), "seven", "whole number"),
        (Field("f", "F", "float", minimum=1, maximum=5), "6", "between 1 and 5"),
        (Field("b", "B", "bool"), "maybe", "yes or no"),
        (Field("c", "C", "choice", choices=choices.TIERS), "medium", "small, large"),
        (Field("m", "M", "multi", choices=choices.ORCID_ROLES), "main;boss", "boss"),
        (Field("o", "O", "orcid"), "0000-0002-1825-0098", "check digit"),
        (Field("e", "E", "email"), "not-an-address", "e-mail"),
        (Field("u", "U", "url"), "javascript:alert(1)", "http"),
        (Field("t", "T", required=True), "  ", "required"),
        (Field("t", "T", max_length=3), "four", "At most 3"),
    ],
)
def test_parse_refuses_with_a_message(field: Field, text: str, message: str) -> None:
    with pytest.raises(FieldError, match=message):
        parse(field, text, _no_refs)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (Field("d", "D", "date"), dt.date(2026, 1, 31)),
        (Field("f", "F", "float"), 4.6),
        (Field("b", "B", "bool"), False),
        (Field("m", "M", "multi", choices=choices.LOCAL_ROLES), "it_unit;geant"),
        (Field("t", "T", "textarea"), "Rīga,\n“pēdiņas”"),
    ],
)
def test_written_text_reads_back_equal(field: Field, value: Any) -> None:
    text = to_text(field, value, lambda f, v: str(v))
    assert parse(field, unescape(escape(text)), _no_refs) == value


@pytest.mark.parametrize("text", ["=1+1", "+371 20000000", "-5", "@SUM(A1)", "'=x", "''", "'a"])
def test_escaping_spreadsheet_formulas_round_trips(text: str) -> None:
    escaped = escape(text)
    assert escaped[0] not in "=+-@"
    assert unescape(escaped) == text


def test_display_uses_labels() -> None:
    roles = Field("m", "M", "multi", choices=choices.ORCID_ROLES)
    assert display(roles, "main;voting", lambda f, v: "") == (
        "Main relationship contact, Voting contact"
    )
    assert display(Field("b", "B", "bool"), True, lambda f, v: "") == "Yes"


def test_patterns_say_what_is_expected() -> None:
    slug = Field("slug", "S", pattern=r"[a-z0-9][a-z0-9-]*", hint="lowercase letters")
    assert parse(slug, "lbtu", _no_refs) == "lbtu"
    with pytest.raises(FieldError, match="lowercase letters"):
        parse(slug, "LU/../x", _no_refs)
