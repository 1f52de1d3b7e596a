"""Only one scheduler is active at a time; a second one waits as a standby.

On PostgreSQL the active one holds a session-level advisory lock on a connection it
keeps open; if its process dies, PostgreSQL releases the lock and a standby takes
over. On SQLite (one machine) an exclusive lock on a file in the instance folder
plays the same part.
"""

from __future__ import annotations

import fcntl
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, text

LOCK_KEY = 0x0BC1D_5C4ED  # "orcid scheduler": any fixed 64-bit number shared by all hubs


class Leadership:
    def __init__(self, engine: Engine, instance_dir: Path) -> None:
        self.engine = engine
        self.instance_dir = instance_dir
        self._connection: Any = None
        self._file: IO[bytes] | None = None

    def try_acquire(self) -> bool:
        if self.engine.dialect.name == "postgresql":
            connection = self.engine.connect()
            got = connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}
            ).scalar()
            connection.commit()
            if got:
                self._connection = connection
                return True
            connection.close()
            return False
        self.instance_dir.mkdir(parents=True, exist_ok=True)
        handle = (self.instance_dir / "scheduler.lock").open("wb")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        if self._connection is not None:
            self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
            self._connection.commit()
            self._connection.close()
            self._connection = None
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
