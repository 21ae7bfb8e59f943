"""Reading lines with a cap, so one 50 MB line costs neither 50 MB of memory nor a quadratic scan."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_SKIP_CHUNK = 1 << 20


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes, decompressed on the fly for ``.gz`` (scraped dumps are often gzipped)."""
    if Path(path).suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def bounded_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """Yield ``(line_number, line, size)`` from a binary file; ``line`` is None when over ``max_bytes``.

    An over-long line is skipped in 1 MiB chunks without being kept, and ``size`` reports its length.
    """
    number = 0
    while True:
        line = _read(handle, max_bytes + 1, number)
        if not line:
            return
        number += 1
        if len(line) <= max_bytes or line.endswith(b"\n") and len(line) == max_bytes + 1:
            yield number, line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = _read(handle, _SKIP_CHUNK, number)
            if not line:
                break
            size += len(line)
        yield number, None, size


class CorruptFile(Exception):
    """The file stopped making sense part-way (a truncated or damaged gzip stream)."""

    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line = line


def _read(handle: BinaryIO, limit: int, number: int) -> bytes:
    try:
        return handle.readline(limit)
    except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError; a truncated stream is EOFError
        raise CorruptFile(number + 1, f"{type(exc).__name__}: {exc}") from exc
