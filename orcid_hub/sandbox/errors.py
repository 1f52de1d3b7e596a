"""ORCID's error bodies and content negotiation for the sandbox API."""

from __future__ import annotations

import json
from typing import Any

from flask import Request, Response
from lxml import etree

from orcid_hub.sandbox.codec import to_json
from orcid_hub.sandbox.kinds import NS

XML_TYPES = ("application/vnd.orcid+xml", "application/orcid+xml", "application/xml")
JSON_TYPES = ("application/vnd.orcid+json", "application/orcid+json", "application/json")
MORE_INFO = "https://members.orcid.org/api/resources/troubleshooting"


class ApiError(Exception):
    """An error ORCID reports in its own format: HTTP status plus a numeric error code."""

    def __init__(
        self,
        status: int,
        code: int,
        developer_message: str,
        user_message: str = "",
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(developer_message)
        self.status = status
        self.code = code
        self.developer_message = developer_message
        self.user_message = user_message or "Something went wrong in ORCID."
        self.headers = headers or {}

    def as_dict(self) -> dict[str, Any]:
        return {
            "response-code": self.status,
            "developer-message": self.developer_message,
            "user-message": self.user_message,
            "error-code": self.code,
            "more-info": MORE_INFO,
        }

    def element(self) -> etree._Element:
        root = etree.Element(f"{{{NS['error']}}}error", nsmap={"error": NS["error"]})
        for key, value in self.as_dict().items():
            etree.SubElement(root, f"{{{NS['error']}}}{key}").text = str(value)
        return root


class TokenError(Exception):
    """OAuth-style 401 for an unknown, revoked or expired bearer token."""

    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.token = token

    def response(self) -> Response:
        body = {
            "error": "invalid_token",
            "error_description": f"Invalid access token: {self.token}",
        }
        return Response(
            json.dumps(body),
            status=401,
            mimetype="application/json",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )


class NotAcceptable(Exception):
    """The Accept header names no representation the API offers."""


def negotiate(request: Request) -> str:
    """The media type to answer in, from Accept; XML when the client does not say."""
    if not request.headers.get("Accept"):
        return XML_TYPES[0]
    best = request.accept_mimetypes.best_match(XML_TYPES + JSON_TYPES)
    if best is None:
        raise NotAcceptable(request.headers["Accept"])
    return best


def is_json(media_type: str) -> bool:
    return media_type in JSON_TYPES


def render(payload: etree._Element | Any, media_type: str, status: int = 200) -> Response:
    """Serialise an element (XML) or an already-JSON-shaped value for ``media_type``."""
    body: str | bytes
    if is_json(media_type):
        data = to_json(payload) if isinstance(payload, etree._Element) else payload
        body = json.dumps(data, ensure_ascii=False)
    else:
        body = etree.tostring(payload, xml_declaration=True, encoding="UTF-8", standalone=True)
    return Response(body, status=status, content_type=f"{media_type};charset=UTF-8")


def error_response(error: ApiError, media_type: str) -> Response:
    payload: Any = error.as_dict() if is_json(media_type) else error.element()
    response = render(payload, media_type, error.status)
    response.headers.update(error.headers)
    return response
