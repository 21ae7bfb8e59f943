"""JSON Lines writing and number-safe parsing, shared by every stage's CLI and the runner (ringkas's own
JSONL is read by :mod:`ringkas.readers.ringkas`, like any other format)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

# Python refuses to turn longer digit strings into ints (a guard against quadratic conversion).
MAX_INT_DIGITS = 4300


class OversizedNumber:
    """An integer literal too long to convert, kept as its digits so one line cannot stop a whole file."""

    def __init__(self, digits: str):
        self.digits = digits

    def __repr__(self) -> str:
        return f"an integer of {len(self.digits.lstrip('-'))} digits"


def _parse_int(digits: str) -> int | OversizedNumber:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else OversizedNumber(digits)


def loads(text: str | bytes) -> Any:
    """``json.loads`` that keeps an over-long integer as an :class:`OversizedNumber` instead of raising."""
    return json.loads(text, parse_int=_parse_int)


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class JsonlWriter:
    """Append records to a JSONL file, one write per record, so a crash loses at most a partial line.

    A write that fails part-way (a full disk) cuts the file back to the end of the last whole record before
    the error goes on: the file never ends in half a JSON line. A file that cannot be opened at all (a
    read-only folder, a folder in the way) is an :class:`~ringkas.errors.OutputError` (exit 2).
    """

    def __init__(self, path: Path, append: bool = False):
        from ringkas.errors import OutputError

        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle: IO[bytes] = open(self.path, "ab" if append else "wb", buffering=0)
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self._whole = self._handle.seek(0, os.SEEK_END)

    def write(self, obj: dict[str, Any]) -> None:
        data = memoryview((dumps(obj) + "\n").encode("utf-8"))
        try:
            while data:
                data = data[self._handle.write(data):]
        except BaseException:
            self._cut_back()
            raise
        self._whole = self._handle.tell()

    def _cut_back(self) -> None:
        try:
            self._handle.truncate(self._whole)
            self._handle.seek(self._whole)
        except OSError:
            pass  # the disk is failing as well: the reader of this file still skips a half last line

    def sync(self) -> None:
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    with JsonlWriter(path) as writer:
        for row in rows:
            writer.write(row)
            count += 1
    return count
