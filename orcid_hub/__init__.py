"""ORCID Hub of the Latvian national ORCID consortium."""

from orcid_hub.app import create_app

__version__ = "0.1.0"
__all__ = ["__version__", "create_app"]
