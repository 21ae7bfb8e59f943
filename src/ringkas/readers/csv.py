"""CSV with a header row (``id,title,text,...`` or any names, mapped with ``columns``).

The header decides how every row is read, so a header that cannot be right rejects the file once, naming
it, and the rest is not read: a column name given twice (``id,text,text``: which one is the text?) is
``duplicate_column``; a header without the text (or html) column is ``no_text_column`` (most often a file
without a header row, whose first article was taken for one). Quoted fields may span lines. Physical lines over the record cap are skipped before the csv module sees
them (and rejected as ``too_long``), so a hostile file never holds more than one capped line in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ringkas.readers.base import DEFAULT_MAX_RECORD_BYTES, make_article, rejected
from ringkas.readers.lines import CorruptFile, bounded_lines, open_binary
from ringkas.record import Article


class _CappedLines:
    """Decoded lines for ``csv.reader``; remembers the line number and the over-long lines it skipped."""

    def __init__(self, handle: Any, max_bytes: int):
        self._lines = bounded_lines(handle, max_bytes)
        self.record_start: int | None = None  # the first line handed out for the record being parsed
        self.too_long: list[tuple[int, int]] = []

    def __iter__(self) -> _CappedLines:
        return self

    def __next__(self) -> str:
        for number, raw, size in self._lines:
            if raw is None:
                self.too_long.append((number, size))
                continue
            if self.record_start is None:
                self.record_start = number
            # surrogateescape keeps undecodable bytes visible, so the record is rejected as invalid_utf8
            return raw.decode("utf-8", errors="surrogateescape")
        raise StopIteration


def read_csv(path: Path, columns: Mapping[str, str] | None = None,
             max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, delimiter: str = ",",
             **_: Any) -> Iterator[Article]:
    """Articles from a CSV file, one per data row; a broken row is a rejected Article naming its line."""
    csv.field_size_limit(max(csv.field_size_limit(), max_record_bytes))
    with open_binary(path) as handle:
        lines = _CappedLines(handle, max_record_bytes)
        rows = csv.reader(lines, delimiter=delimiter)
        header: list[str] | None = None
        while True:
            lines.record_start = None
            try:
                row: list[str] | None = next(rows, None)
                error = None
            except csv.Error as exc:
                row, error = [], str(exc)
            except CorruptFile as exc:
                yield rejected({"file": str(path), "line": exc.line}, "corrupt_file", f"{exc}; the rest is unread")
                return
            yield from _flush_too_long(path, lines, max_record_bytes)
            start = lines.record_start
            if row is None:
                break
            if error:
                yield rejected({"file": str(path), "line": start}, "malformed_csv", error)
                continue
            if not row or not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
                problem = _header_problem(header, columns or {})
                if problem:
                    yield rejected({"file": str(path), "line": start}, *problem)
                    return
                continue
            origin = {"file": str(path), "line": start}
            if len(row) != len(header):
                yield rejected(origin, "malformed_csv", f"{len(row)} fields, header has {len(header)}")
                continue
            yield make_article(dict(zip(header, row, strict=True)), origin, columns)


def _header_problem(header: list[str], columns: Mapping[str, str]) -> tuple[str, str] | None:
    """``(reason, detail)`` when the header row cannot say how to read the rows; see the module docstring."""
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        return "duplicate_column", (f"the header names {', '.join(map(repr, repeated))} more than once; rename "
                                    "the columns so each name is used once")
    wanted = [columns.get("text", "text"), columns.get("html", "html")]
    if not any(name in header for name in wanted):
        shown = ",".join(header)[:80]
        return "no_text_column", (f"the header row ({shown}) has no {wanted[0]!r} or {wanted[1]!r} column: the "
                                  "first line must name the columns (id,title,text), or map yours with columns")
    return None


def _flush_too_long(path: Path, lines: _CappedLines, limit: int) -> Iterator[Article]:
    while lines.too_long:
        number, size = lines.too_long.pop(0)
        yield rejected({"file": str(path), "line": number}, "too_long", f"line of {size} bytes (limit {limit})")
