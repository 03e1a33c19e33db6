"""A small JSON document in the data directory, read and rewritten under an exclusive file lock.

Shared by every server process on the host (the data directory is shared like the secret key),
so a throttle or a revocation seen by one process holds in the others.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class JsonStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    @contextlib.contextmanager
    def update(self) -> Iterator[dict[str, Any]]:
        """Yield the document; what the block leaves in it is written back atomically."""
        lock = self.path.with_name(self.path.name + ".lock")
        with lock.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                document = self._read()
                yield document
                tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
                tmp.write_text(json.dumps(document), encoding="utf-8")
                tmp.replace(self.path)
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def read(self) -> dict[str, Any]:
        """The document as last written (a rename makes every write atomic for readers)."""
        return self._read()

    def _read(self) -> dict[str, Any]:
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        return document if isinstance(document, dict) else {}
