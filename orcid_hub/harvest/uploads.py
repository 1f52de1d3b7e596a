"""Files an admin uploads for a file-based connector (the spreadsheet one), kept on disk.

A connector setting named ``path`` is such a file: forms show a file field, and
the stored value is where the hub kept the upload. Files are named by their
content hash inside a folder per institution, so re-uploading the same file
changes nothing and one institution never reads another's files.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

FILE_SETTING = "path"
MAX_BYTES = 20 << 20
ALLOWED = (".csv", ".xlsx")


class UploadError(ValueError):
    """The upload is not a file the hub accepts."""


def _safe_name(filename: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(filename).name).strip("._") or "upload"
    return stem[-80:]


def save(instance_dir: Path, institution_id: int, filename: str, data: bytes) -> Path:
    """Keep ``data`` for ``institution_id``; the path to store in the connector's settings."""
    suffix = Path(filename).suffix.lower()
    if suffix not in ALLOWED:
        raise UploadError(f"only {', '.join(ALLOWED)} files are accepted")
    if not data:
        raise UploadError("the file is empty")
    if len(data) > MAX_BYTES:
        raise UploadError(f"the file is larger than {MAX_BYTES >> 20} MB")
    folder = instance_dir / "harvest-uploads" / str(institution_id)
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:16]
    path = folder / f"{digest}-{_safe_name(filename)}"
    if not path.exists():
        path.write_bytes(data)
    return path
