"""Typed ORCID failures, so a caller can act on what happened rather than on a status.

:func:`error_from_response` turns any non-success answer into the right
exception. The message of every exception is safe to log: it never carries a
token (ORCID echoes the token in ``invalid_token`` descriptions; we drop it).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import requests

    from orcid_hub.orcid.model import ErrorInfo


class OrcidError(Exception):
    """Any failure talking to ORCID.

    ``retryable`` says whether the same request may succeed later unchanged.
    """

    retryable: ClassVar[bool] = False

    def __init__(
        self,
        message: str = "",
        *,
        status: int | None = None,
        error_code: int | None = None,
        developer_message: str = "",
        user_message: str = "",
    ) -> None:
        self.status = status
        self.error_code = error_code
        self.developer_message = developer_message
        self.user_message = user_message
        text = message or developer_message or user_message or self.__class__.__name__
        prefix = ", ".join(
            part
            for part in (
                f"HTTP {status}" if status is not None else "",
                f"ORCID error {error_code}" if error_code is not None else "",
            )
            if part
        )
        super().__init__(f"{prefix}: {text}" if prefix else text)


class NotSourceError(OrcidError):
    """403/9010: another client wrote the item, so only it may change it."""


class DuplicateError(OrcidError):
    """409/9021: this client already has an item with the same ``self`` id."""

    existing_put_code: int | None = None


class RecordLockedError(OrcidError):
    """409/9018: ORCID has locked the record; retry only after a person unlocks it."""


class DeprecatedRecordError(OrcidError):
    """301/9007: the iD was merged into another; ``primary_orcid`` names it."""

    primary_orcid: str | None = None


class WrongRecordError(OrcidError):
    """401/9017: the token was issued for another iD."""


class MissingScopeError(OrcidError):
    """403/9038 (or 9004/9005): the token lacks the scope this call needs."""


class InvalidTokenError(OrcidError):
    """401 ``invalid_token``: expired, revoked by the user, or unknown."""


class OrcidValidationError(OrcidError):
    """400 with 9001 or 9020-9062: ORCID rejected the document's content."""


class NotFoundError(OrcidError):
    """404: no such record, item or webhook."""


class ServerError(OrcidError):
    """5xx or no answer at all (connection reset, timeout)."""

    retryable = True


class RateLimitedError(OrcidError):
    """429 (public quota), or our own limiter gave up waiting for a slot."""

    retryable = True


class MalformedResponseError(OrcidError):
    """A success status whose body is not the ORCID document we asked for."""


class OAuthError(OrcidError):
    """The token or revoke endpoint refused (``invalid_grant``, ``invalid_client``, ...)."""

    oauth_error: str = ""


# The 400 codes of OrcidCoreExceptionMapper (docs/orcid-api.md §2). Other codes
# in 9020-9062 are not about content (9035 visibility, 9044 deactivated,
# 9048 too many works...): they keep the class of their HTTP status.
_VALIDATION_CODES = frozenset(
    {9001, 9006, 9012, 9019, 9020, 9022, 9023, 9024, 9034, 9037, 9042, 9045, 9046}
    | {9049, 9050, 9051, 9053, 9055, 9058, 9060, 9061, 9062}
)
_BY_CODE: dict[int, type[OrcidError]] = {
    9010: NotSourceError,
    9021: DuplicateError,
    9018: RecordLockedError,
    9007: DeprecatedRecordError,
    9017: WrongRecordError,
    9038: MissingScopeError,
    9004: MissingScopeError,
    9005: MissingScopeError,
    9015: MissingScopeError,
    9011: NotFoundError,
    9016: NotFoundError,
    9028: NotFoundError,
    9029: NotFoundError,
}
_PUT_CODE = re.compile(r"put-code\s*:?\s*(\d+)", re.IGNORECASE)
_ORCID_IN_TEXT = re.compile(r"\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b")
_TOKEN_ECHO = re.compile(r"(Invalid access token|Invalid refresh token)\s*:\s*\S+", re.I)


def _scrub(text: str) -> str:
    return _TOKEN_ECHO.sub(r"\1: ***", text)


def error_from_info(info: ErrorInfo, status: int | None = None) -> OrcidError:
    """The exception for an ORCID error body (also used for bulk slots)."""
    status = info.response_code if status is None else status
    code = info.error_code
    cls: type[OrcidError]
    if code is not None and code in _BY_CODE:
        cls = _BY_CODE[code]
    elif code is not None and code in _VALIDATION_CODES:
        cls = OrcidValidationError
    else:
        cls = _class_for_status(status)
    error = cls(
        status=status,
        error_code=code,
        developer_message=_scrub(info.developer_message),
        user_message=_scrub(info.user_message),
    )
    if isinstance(error, DuplicateError):
        found = _PUT_CODE.search(info.developer_message) or _PUT_CODE.search(info.user_message)
        error.existing_put_code = int(found.group(1)) if found else None
    if isinstance(error, DeprecatedRecordError):
        # The message may name the deprecated iD too; the primary one comes last.
        named = _ORCID_IN_TEXT.findall(f"{info.user_message} {info.developer_message}")
        error.primary_orcid = named[-1] if named else None
    return error


def _class_for_status(status: int | None) -> type[OrcidError]:
    if status is None:
        return OrcidError
    if status == 404:
        return NotFoundError
    if status == 301:
        return DeprecatedRecordError
    if status == 429:
        return RateLimitedError
    if status == 401:
        return InvalidTokenError
    if status == 400:
        return OrcidValidationError
    if status >= 500:
        return ServerError
    return OrcidError


def _oauth_error(status: int, body: dict[str, Any]) -> OrcidError:
    code = str(body.get("error", ""))
    description = _scrub(str(body.get("error_description", "") or code))
    error: OrcidError
    if code == "invalid_token":
        error = InvalidTokenError(description, status=status, developer_message=description)
    else:
        oauth = OAuthError(f"{code}: {description}", status=status, developer_message=description)
        oauth.oauth_error = code
        error = oauth
    return error


def error_from_response(response: requests.Response) -> OrcidError:
    """The exception for a failed ORCID answer (XML or JSON ORCID error, OAuth JSON, or none)."""
    from orcid_hub.orcid.model import ErrorInfo
    from orcid_hub.orcid.xml import XmlError
    from orcid_hub.orcid.xml_read import parse_error

    status = response.status_code
    content_type = response.headers.get("Content-Type", "").lower()
    body = response.content or b""
    stripped = body.lstrip()
    if stripped.startswith(b"{"):
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        if isinstance(data, dict):
            if "error" in data and isinstance(data["error"], str):
                return _oauth_error(status, data)
            if "error-code" in data or "developer-message" in data:
                code = data.get("error-code")
                return error_from_info(
                    ErrorInfo(
                        response_code=status,
                        developer_message=str(data.get("developer-message") or ""),
                        user_message=str(data.get("user-message") or ""),
                        error_code=int(code) if code not in (None, "") else None,
                        more_info=data.get("more-info"),
                    ),
                    status,
                )
    if stripped.startswith(b"<") and "html" not in content_type:
        try:
            return error_from_info(parse_error(body), status)
        except XmlError:
            pass
    # A proxy's HTML page or ORCID's plain-text quota message: keep a short excerpt.
    excerpt = _scrub(response.text[:200].strip()) if body else ""
    return _class_for_status(status)(excerpt or response.reason or "", status=status)
