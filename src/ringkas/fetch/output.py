"""The pages file: one JSON line per fetched page, appended and fsynced before the state calls it done.

The file is held under an exclusive lock while a fetch writes it. Opening it again finishes what a killed
run left: a torn last line is cut off, and every page already in the file is marked done in the state, so
a page written just before a kill is neither lost nor written twice.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import Any

from ringkas.errors import InputError
from ringkas.jsonl import dumps


class PagesFile:
    def __init__(self, path: Path, force: bool = False):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = open(self.path, "ab+")
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._handle.close()
            raise InputError(f"another ringkas fetch is writing {self.path}; wait for it or choose another -o") from None
        if force:
            self._handle.truncate(0)
        self.ids = self._recover()

    def _recover(self) -> set[str]:
        """Ids already in the file; cuts a torn last line; refuses a file ringkas fetch did not write."""
        self._handle.seek(0)
        ids: set[str] = set()
        good_end = 0
        for raw in self._handle:
            if not raw.endswith(b"\n"):
                break  # a kill mid-write: this page was not marked done, so it is fetched again
            if raw.strip():
                ids.add(self._page_id(raw))
            good_end += len(raw)
        self._handle.truncate(good_end)
        self._handle.seek(0, os.SEEK_END)
        return ids

    def _page_id(self, raw: bytes) -> str:
        try:
            data = json.loads(raw)
            if isinstance(data, dict) and isinstance(data.get("metadata", {}).get("fetch"), dict):
                return str(data["id"])
        except (ValueError, AttributeError, KeyError):
            pass
        self._handle.close()
        raise InputError(f"{self.path} exists and was not written by ringkas fetch; use --force to replace it, "
                         "or choose another -o")

    def write(self, line: dict[str, Any]) -> None:
        """Append one page, whole or not at all: a write that fails part-way (a full disk) is cut back to the
        last whole line before the error goes up, so the file never ends on a torn line."""
        data = (dumps(line) + "\n").encode("utf-8")
        fd = self._handle.fileno()
        end = os.fstat(fd).st_size
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]  # O_APPEND: at the end, past the reader's buffer
            os.fsync(fd)
        except OSError:
            try:
                os.ftruncate(fd, end)
            except OSError:
                pass  # the next open cuts the torn line (see _recover)
            raise
        self.ids.add(line["id"])

    def close(self) -> None:
        self._handle.close()
