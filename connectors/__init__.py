"""Connectors to institutional CRIS: a plain interface, canonical records, a registry.

The hub imports only this surface (and :mod:`connectors.registry` to find
connector classes); it never imports a connector module directly. A harvest
job looks like this (``store`` is the hub's own code)::

    connector = registry.create(source.connector_key, source.decrypted_settings)
    checkpoint = Checkpoint.from_json(source.checkpoint) if source.checkpoint else None
    for item in connector.harvest(checkpoint=checkpoint):
        if isinstance(item, Checkpoint):
            source.checkpoint = item.to_json()
            store.commit()  # the records before it and the checkpoint, together
        else:
            store.apply(item)  # Work / Person upsert, or Tombstone

A run that dies between checkpoints resumes from the last one stored; the
records of the unfinished page come again, and upserts make that harmless.
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
