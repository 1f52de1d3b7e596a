"""The spreadsheet connector: a CSV or XLSX file an admin uploads, checked before import."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from connectors.base import Checkpoint, Connector, HarvestItem, Setting, SettingType, SourceInfo
from connectors.errors import ConfigurationError, ParseError
from connectors.spreadsheet.reader import read_table
from connectors.spreadsheet.rows import Preview, build, parse_column_map

__all__ = ["SpreadsheetConnector", "preview"]


def preview(
    data: bytes,
    filename: str,
    record_type: str = "works",
    source: str = "spreadsheet",
    column_map: Mapping[str, str] | None = None,
) -> Preview:
    """Read ``data`` and report every record and every row problem; changes nothing."""
    return build(read_table(data, filename), record_type, source, column_map or {})


class SpreadsheetConnector(Connector):
    key = "spreadsheet"
    title = "Spreadsheet import (CSV or XLSX)"
    settings = (
        Setting("path", required=True, help="The uploaded file, as stored by the hub"),
        Setting("source", required=True, help="Short name stored on every record"),
        Setting(
            "record_type",
            SettingType.CHOICE,
            choices=("works", "persons"),
            default="works",
            help="Which template the file follows",
        ),
        Setting(
            "column_map",
            SettingType.TEXT,
            help="Your headers to ours, e.g. 'Nosaukums=title; DOI numurs=doi'",
        ),
        Setting("max_bytes", SettingType.INTEGER, default=20 << 20, help="Largest file accepted"),
    )

    def __init__(self, config: Mapping[str, Any]) -> None:
        super().__init__(config)
        self.path = Path(self.config["path"])
        self.column_map = parse_column_map(self.config["column_map"], self.config["record_type"])

    def _read(self) -> bytes:
        try:
            size = self.path.stat().st_size
            if size > self.config["max_bytes"]:
                raise ParseError(str(self.path), f"{size} bytes is over the limit")
            return self.path.read_bytes()
        except OSError as exc:
            raise ConfigurationError(str(self.path), f"cannot read the file: {exc}") from exc

    def preview(self) -> Preview:
        return preview(
            self._read(),
            self.path.name,
            self.config["record_type"],
            self.config["source"],
            self.column_map,
        )

    def identify(self) -> SourceInfo:
        table = read_table(self._read(), self.path.name)
        return SourceInfo(
            name=self.path.name,
            formats=(self.path.suffix.lstrip(".").lower() or "csv",),
            details={"rows": str(len(table.rows)), "columns": ", ".join(table.header)},
        )

    def harvest(
        self, since: datetime | None = None, checkpoint: Checkpoint | None = None
    ) -> Iterator[HarvestItem]:
        """All records, or a ParseError listing every problem; an unchanged file yields none."""
        data = self._read()
        digest = hashlib.sha256(data).hexdigest()
        done = Checkpoint({"sha256": digest}, complete=True)
        if checkpoint is not None and checkpoint.state.get("sha256") == digest and since is None:
            yield done
            return
        result = preview(
            data, self.path.name, self.config["record_type"], self.config["source"], self.column_map
        )
        if not result.ok:
            shown = "; ".join(str(e) for e in result.errors[:10])
            more = len(result.errors) - 10
            raise ParseError(
                str(self.path),
                f"{len(result.errors)} problem(s), nothing imported: {shown}"
                + (f"; and {more} more" if more > 0 else ""),
            )
        yield from result.records
        yield done
