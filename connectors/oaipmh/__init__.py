"""OAI-PMH harvesting: the protocol client and parsers for CERIF, oai_openaire, oai_dc."""

from connectors.oaipmh.client import OaiClient
from connectors.oaipmh.connector import OaiPmhConnector
from connectors.oaipmh.protocol import OaiError

__all__ = ["OaiClient", "OaiError", "OaiPmhConnector"]
