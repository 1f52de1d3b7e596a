"""Typed errors: each says where it happened and why, so an admin can act on it."""

from __future__ import annotations

__all__ = [
    "ConfigurationError",
    "ConnectorError",
    "ParseError",
    "ProtocolError",
    "TransportError",
    "UnsupportedOperation",
    "XmlSecurityError",
]


class ConnectorError(Exception):
    """Base of every connector failure.

    ``where`` names the place (a URL, a file and row, an OAI verb), ``why``
    the cause in words; ``retryable`` tells a job runner whether trying
    again later may help.
    """

    retryable = False

    def __init__(self, where: str, why: str, *, retryable: bool | None = None) -> None:
        super().__init__(f"{where}: {why}")
        self.where = where
        self.why = why
        if retryable is not None:
            self.retryable = retryable


class ConfigurationError(ConnectorError):
    """A setting is missing or has a value the connector cannot use."""


class TransportError(ConnectorError):
    """The remote system could not be reached or answered with an HTTP error."""

    retryable = True


class ProtocolError(ConnectorError):
    """The remote answered, but not as its protocol says (an OAI error, bad paging)."""


class ParseError(ConnectorError):
    """A document or file could not be read; ``where`` locates the problem."""


class XmlSecurityError(ParseError):
    """The XML tried something a harvester never allows (a DTD, entities, a bomb)."""


class UnsupportedOperation(ConnectorError):
    """The connector's source cannot do this (no writes, no person look-up)."""
