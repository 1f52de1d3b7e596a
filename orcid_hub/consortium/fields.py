"""One description of a field, and the one parser every input goes through.

A web form and a CSV/XLSX row both arrive as text; :func:`parse` turns that text into
the stored value or raises :class:`FieldError` with a message a person can act on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from flask_babel import gettext as _

from orcid_hub.consortium.choices import Choices
from orcid_hub.orcid.ids import InvalidOrcidId, normalise

Kind = Literal[
    "text", "textarea", "email", "url", "date", "int", "float", "bool", "choice", "multi",
    "ref", "orcid",
]  # fmt: skip

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TRUE = {"yes", "true", "1", "jā", "ja", "y"}
_FALSE = {"no", "false", "0", "nē", "ne", "n"}
SEPARATOR = ";"


class FieldError(ValueError):
    """The text given for a field cannot be stored; ``str()`` is the message."""


@dataclass(frozen=True)
class Field:
    name: str
    """The model attribute."""
    label: Any
    """Lazily translated label."""
    kind: Kind = "text"
    required: bool = False
    choices: Choices = ()
    ref: str = ""
    """For ``kind == "ref"``: the key of the record type referred to."""
    column: str = ""
    """The CSV/XLSX column name (default: the attribute without ``_id``)."""
    max_length: int = 200
    minimum: float | None = None
    maximum: float | None = None
    default: Any = None
    editable: bool = True
    """False: set by the service (e.g. the minutes version), shown and exported only."""
    pattern: str = ""
    """For text: a regular expression the whole value must match."""
    hint: Any = None
    """For text with a pattern: what a matching value looks like (lazily translated)."""

    @property
    def csv_name(self) -> str:
        return self.column or self.name.removesuffix("_id")

    def choice_label(self, code: str) -> str:
        return next((str(label) for value, label in self.choices if value == code), code)


Resolver = Callable[[Field, str], Any]
"""Turns the text of a reference (a key or an id) into the referenced row's id."""


def parse(field: Field, raw: str, resolve: Resolver) -> Any:
    text = raw.strip()
    if not text:
        if field.required:
            raise FieldError(_("This field is required."))
        if field.kind == "bool":
            return bool(field.default)
        return "" if field.kind == "multi" else field.default
    parser = _PARSERS.get(field.kind, _text)
    return parser(field, text, resolve)


def _text(field: Field, text: str, _resolve: Resolver) -> str:
    limit = field.max_length if field.kind != "textarea" else 20_000
    if len(text) > limit:
        raise FieldError(_("At most %(limit)d characters.", limit=limit))
    if field.pattern and not re.fullmatch(field.pattern, text):
        raise FieldError(str(field.hint))
    return text


def _email(field: Field, text: str, resolve: Resolver) -> str:
    if not _EMAIL.match(text):
        raise FieldError(_("Not an e-mail address."))
    return _text(field, text, resolve)


def _url(field: Field, text: str, resolve: Resolver) -> str:
    if not text.lower().startswith(("http://", "https://")):
        raise FieldError(_("Not a web address (it must start with http:// or https://)."))
    return _text(field, text, resolve)


def _date(_field: Field, text: str, _resolve: Resolver) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FieldError(_("Not a date; write it as YYYY-MM-DD.")) from None


def _bounded(field: Field, number: float) -> None:
    low, high = field.minimum, field.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        raise FieldError(_("Must be between %(low)s and %(high)s.", low=low, high=high))


def _int(field: Field, text: str, _resolve: Resolver) -> int:
    try:
        number = int(text)
    except ValueError:
        raise FieldError(_("Not a whole number.")) from None
    _bounded(field, number)
    return number


def _float(field: Field, text: str, _resolve: Resolver) -> float:
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise FieldError(_("Not a number.")) from None
    _bounded(field, number)
    return number


def _bool(_field: Field, text: str, _resolve: Resolver) -> bool:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise FieldError(_("Write yes or no."))


def _choice(field: Field, text: str, _resolve: Resolver) -> str:
    codes = [value for value, _label in field.choices]
    if text not in codes:
        raise FieldError(
            _(
                "Unknown choice “%(value)s”; expected one of: %(codes)s.",
                value=text,
                codes=", ".join(codes),
            )
        )
    return text


def _multi(field: Field, text: str, resolve: Resolver) -> str:
    given = {part.strip() for part in text.split(SEPARATOR) if part.strip()}
    for code in given:
        _choice(field, code, resolve)
    # Stored in the vocabulary's order, so that the same set always reads the same.
    return SEPARATOR.join(value for value, _label in field.choices if value in given)


def _orcid(_field: Field, text: str, _resolve: Resolver) -> str:
    try:
        return normalise(text)
    except InvalidOrcidId:
        raise FieldError(
            _(
                "“%(value)s” is not a valid ORCID iD (16 digits, the last is a check digit).",
                value=text,
            )
        ) from None


def _ref(field: Field, text: str, resolve: Resolver) -> Any:
    return resolve(field, text)


_PARSERS: dict[str, Callable[[Field, str, Resolver], Any]] = {
    "email": _email,
    "url": _url,
    "date": _date,
    "int": _int,
    "float": _float,
    "bool": _bool,
    "choice": _choice,
    "multi": _multi,
    "orcid": _orcid,
    "ref": _ref,
}


def to_text(field: Field, value: Any, ref_key: Callable[[Field, Any], str]) -> str:
    """The value as it is written to CSV/XLSX, so that :func:`parse` reads it back equal."""
    if value is None:
        return ""
    if field.kind == "bool":
        return "yes" if value else "no"
    if field.kind == "date":
        return str(value.isoformat())
    if field.kind == "ref":
        return ref_key(field, value)
    if field.kind == "float":
        return repr(float(value))
    return str(value)


def display(field: Field, value: Any, ref_label: Callable[[Field, Any], str]) -> str:
    """The value as a person reads it on a page, in the current language."""
    if value is None or value == "":
        return ""
    if field.kind == "bool":
        return str(_("Yes") if value else _("No"))
    if field.kind == "choice":
        return field.choice_label(value)
    if field.kind == "multi":
        return ", ".join(field.choice_label(code) for code in str(value).split(SEPARATOR))
    if field.kind == "ref":
        return ref_label(field, value)
    if field.kind == "date":
        return str(value.isoformat())
    return str(value)
