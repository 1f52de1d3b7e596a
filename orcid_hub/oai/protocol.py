"""OAI-PMH 2.0 requests: verbs and their arguments, errors, datestamps, resumption tokens.

Everything here is plain Python: a request arrives as a multi-valued mapping
and leaves as a :class:`OaiRequest` or an :class:`OaiError` carrying the
protocol's error code. Resumption tokens are stateless: the position of the
next page, signed with the app's secret and stamped with the time they were
issued, so any web worker can continue any harvest and a stale or forged
token is refused as ``badResumptionToken``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

from orcid_hub.oai.source import Position, Window

__all__ = [
    "DAY",
    "SECOND",
    "OaiError",
    "OaiRequest",
    "TokenState",
    "Tokens",
    "format_datestamp",
    "parse_request",
]

DAY = "YYYY-MM-DD"
SECOND = "YYYY-MM-DDThh:mm:ssZ"

# Arguments each verb allows, and which of them are required.
_VERBS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "Identify": (frozenset(), frozenset()),
    "ListMetadataFormats": (frozenset({"identifier"}), frozenset()),
    "ListSets": (frozenset({"resumptionToken"}), frozenset()),
    "GetRecord": (
        frozenset({"identifier", "metadataPrefix"}),
        frozenset({"identifier", "metadataPrefix"}),
    ),
    "ListIdentifiers": (
        frozenset({"metadataPrefix", "from", "until", "set", "resumptionToken"}),
        frozenset({"metadataPrefix"}),
    ),
    "ListRecords": (
        frozenset({"metadataPrefix", "from", "until", "set", "resumptionToken"}),
        frozenset({"metadataPrefix"}),
    ),
}
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECOND_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class OaiError(Exception):
    """A protocol error; ``code`` is one of the eight OAI-PMH error codes."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class OaiRequest:
    """A checked request: ``arguments`` are the single values as sent (verb excluded)."""

    verb: str
    arguments: Mapping[str, str]

    def get(self, name: str) -> str | None:
        return self.arguments.get(name)


def parse_request(values: Mapping[str, Sequence[str]]) -> OaiRequest:
    """Check a request's arguments; raise :class:`OaiError` (badVerb, badArgument)."""
    verbs = values.get("verb") or []
    if len(verbs) != 1:
        raise OaiError("badVerb", "give exactly one verb" if verbs else "the verb is missing")
    verb = verbs[0]
    if verb not in _VERBS:
        raise OaiError("badVerb", f"{verb!r} is not an OAI-PMH verb")
    allowed, required = _VERBS[verb]
    arguments: dict[str, str] = {}
    for name, given in values.items():
        if name == "verb":
            continue
        if name not in allowed:
            raise OaiError("badArgument", f"{verb} does not take the argument {name!r}")
        if len(given) != 1:
            raise OaiError("badArgument", f"the argument {name!r} is repeated")
        arguments[name] = given[0]
    if "resumptionToken" in arguments:
        if len(arguments) > 1:
            raise OaiError("badArgument", "resumptionToken is an exclusive argument")
        return OaiRequest(verb, arguments)
    missing = sorted(required - set(arguments))
    if missing:
        raise OaiError("badArgument", f"{verb} needs the argument {', '.join(missing)}")
    return OaiRequest(verb, arguments)


def _parse_datestamp(text: str, name: str) -> tuple[dt.datetime, str]:
    try:
        if _DAY_RE.match(text):
            return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC), DAY
        if _SECOND_RE.match(text):
            return dt.datetime.fromisoformat(text), SECOND
    except ValueError:
        pass
    raise OaiError("badArgument", f"{name}={text!r} is not a datestamp ({DAY} or {SECOND})")


def window_of(request: OaiRequest) -> Window:
    """The ``from``/``until`` window; ``until`` covers its whole second or day."""
    start = end = None
    kinds = set()
    if (text := request.get("from")) is not None:
        start, granularity = _parse_datestamp(text, "from")
        kinds.add(granularity)
    if (text := request.get("until")) is not None:
        until, granularity = _parse_datestamp(text, "until")
        kinds.add(granularity)
        end = until + (dt.timedelta(days=1) if granularity == DAY else dt.timedelta(seconds=1))
    if len(kinds) > 1:
        raise OaiError("badArgument", "from and until must have the same granularity")
    if start is not None and end is not None and start >= end:
        raise OaiError("badArgument", "from is later than until")
    return Window(start, end)


def format_datestamp(moment: dt.datetime) -> str:
    """A datestamp in the endpoint's granularity (seconds, UTC)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class TokenState:
    """Everything needed to serve the next page of a list."""

    verb: str
    prefix: str
    set_spec: str | None
    start: str | None  # the window, as ISO datetimes
    end: str | None
    kind_index: int  # which of the list's kinds the last page ended in
    after_stamp: str  # and where in it (full-precision ISO datestamp, key)
    after_key: int
    cursor: int  # how many records came before the next page
    size: int  # completeListSize, fixed when the list started

    @property
    def window(self) -> Window:
        def read(text: str | None) -> dt.datetime | None:
            return dt.datetime.fromisoformat(text) if text else None

        return Window(read(self.start), read(self.end))

    @property
    def after(self) -> Position:
        return Position(dt.datetime.fromisoformat(self.after_stamp), self.after_key)


class Tokens:
    """Issue and read signed, expiring resumption tokens for one endpoint."""

    def __init__(self, secret: str, scope: str, ttl: dt.timedelta) -> None:
        # The scope (the institution) is part of the salt: a token from one
        # institution's endpoint is meaningless at another's.
        self._serializer = URLSafeTimedSerializer(secret, salt=f"oai-resumption:{scope}")
        self.ttl = ttl

    def issue(self, state: TokenState) -> str:
        return self._serializer.dumps(asdict(state))

    def read(self, token: str, verb: str) -> TokenState:
        try:
            data = self._serializer.loads(token, max_age=int(self.ttl.total_seconds()))
            state = TokenState(**data)
        except SignatureExpired as exc:
            raise OaiError("badResumptionToken", "the resumption token has expired") from exc
        except (BadData, TypeError, ValueError) as exc:
            raise OaiError("badResumptionToken", "the resumption token is not valid") from exc
        if state.verb != verb:
            raise OaiError("badResumptionToken", f"the resumption token is not for {verb}")
        return state
