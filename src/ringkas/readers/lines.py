"""Reading lines with a cap, so one 50 MB line costs neither 50 MB of memory nor a quadratic scan.

Every line-based reader sees UTF-8 bytes without a byte-order mark: :func:`open_binary` drops a UTF-8 BOM
(Windows tools write one) and re-encodes a file that starts with a UTF-16 or UTF-32 BOM ("Unicode text" from
Excel or Notepad) to UTF-8 as it streams, so such a file reads like its UTF-8 twin.
"""

from __future__ import annotations

import codecs
import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

_SKIP_CHUNK = 1 << 20
# UTF-32-LE's mark begins with UTF-16-LE's, so the longer marks are tried first.
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes as UTF-8 without a BOM, decompressed on the fly for ``.gz`` (scraped dumps are
    often gzipped); see the module docstring for the byte-order marks."""
    handle: Any = gzip.open(path, "rb") if Path(path).suffix.lower() == ".gz" else open(path, "rb")
    try:
        head = handle.peek(4)[:4]
    except (OSError, EOFError):
        return handle  # a damaged gzip stream: the first read reports it as a corrupt file
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            return _Utf8Reader(handle, encoding)  # type: ignore[return-value]
    if head.startswith(codecs.BOM_UTF8):
        handle.read(len(codecs.BOM_UTF8))
    return handle


def decode_text(raw: bytes) -> str:
    """A whole file's bytes as text: UTF-8 (a BOM is dropped), or UTF-16/32 when it starts with their BOM.
    Raises UnicodeDecodeError for anything else that is not UTF-8."""
    for bom, encoding in _WIDE_BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding)
    return raw.decode("utf-8-sig")


class _Utf8Reader:
    """``readline`` over a UTF-16/32 file, returning UTF-8 bytes. Undecodable input stays visible as bytes
    that are not valid UTF-8, so that record is rejected as ``invalid_utf8`` like any other."""

    def __init__(self, handle: BinaryIO, encoding: str):
        self._text = io.TextIOWrapper(handle, encoding=encoding, errors="surrogateescape", newline="")

    def readline(self, limit: int = -1) -> bytes:
        return self._text.readline(limit).encode("utf-8", "surrogatepass")

    def close(self) -> None:
        self._text.close()

    def __enter__(self) -> _Utf8Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
