"""Spreadsheet import: documented templates, column mapping, a preview before anything lands."""

from connectors.spreadsheet.connector import SpreadsheetConnector, preview
from connectors.spreadsheet.rows import Preview, RowError
from connectors.spreadsheet.templates import TEMPLATES, describe, template_csv, template_xlsx

__all__ = [
    "TEMPLATES",
    "Preview",
    "RowError",
    "SpreadsheetConnector",
    "describe",
    "preview",
    "template_csv",
    "template_xlsx",
]
