"""Connectors to institutional CRIS: a plain interface, canonical records, a registry.

The hub imports only this surface (and :mod:`connectors.registry` to find
connector classes); it never imports a connector module directly.
"""

from connectors.base import (
    Checkpoint,
    Connector,
    HarvestItem,
    PersonRef,
    PushResult,
    Setting,
    SettingType,
    SourceInfo,
)
from connectors.errors import (
    ConfigurationError,
    ConnectorError,
    ParseError,
    ProtocolError,
    TransportError,
    UnsupportedOperation,
    XmlSecurityError,
)
from connectors.records import (
    Affiliation,
    Contributor,
    ExternalId,
    FuzzyDate,
    Person,
    Relationship,
    Title,
    Tombstone,
    Work,
    to_dict,
)

__all__ = [
    "Affiliation",
    "Checkpoint",
    "ConfigurationError",
    "Connector",
    "ConnectorError",
    "Contributor",
    "ExternalId",
    "FuzzyDate",
    "HarvestItem",
    "ParseError",
    "Person",
    "PersonRef",
    "ProtocolError",
    "PushResult",
    "Relationship",
    "Setting",
    "SettingType",
    "SourceInfo",
    "Title",
    "Tombstone",
    "TransportError",
    "UnsupportedOperation",
    "Work",
    "XmlSecurityError",
    "to_dict",
]
