"""JSON Lines: one JSON object per line, read line by line with a cap on line length."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ringkas.jsonl import loads
from ringkas.readers.base import DEFAULT_MAX_RECORD_BYTES, make_article, rejected, text_problem
from ringkas.readers.lines import CorruptFile, bounded_lines, open_binary
from ringkas.record import Article


def read_jsonl(path: Path, columns: Mapping[str, str] | None = None,
               max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, **_: Any) -> Iterator[Article]:
    """Articles from a JSONL file (``.gz`` too). Blank lines are not records and are skipped; any other bad
    line is a rejected Article naming the line (malformed JSON, not an object, invalid UTF-8, too long ...),
    and a damaged gzip stream ends the file with one ``corrupt_file`` reject."""
    return read_json_lines(path, lambda data, origin: make_article(data, origin, columns), max_record_bytes)


def read_json_lines(path: Path, build: Callable[[dict[str, Any], dict[str, Any]], Article],
                    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> Iterator[Article]:
    """The line loop of every JSON Lines format: ``build(object, origin)`` makes each line's Article, and
    every line that is not a JSON object is the same reject, whichever format is read."""
    with open_binary(path) as handle:
        try:
            for number, line, size in bounded_lines(handle, max_record_bytes):
                origin = {"file": str(path), "line": number}
                if line is None:
                    yield rejected(origin, "too_long", f"line of {size} bytes (limit {max_record_bytes})")
                elif line.strip():
                    yield _parse_line(line, origin, build)
        except CorruptFile as exc:  # what came before is kept; the rest of the file is one reject
            yield rejected({"file": str(path), "line": exc.line}, "corrupt_file", f"{exc}; the rest is unread")


def _parse_line(line: bytes, origin: dict[str, Any], build: Callable[[dict[str, Any], dict[str, Any]], Article]
                ) -> Article:
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return rejected(origin, "invalid_utf8", str(exc))
    try:
        data = loads(decoded)
    except ValueError as exc:  # JSONDecodeError
        problem = text_problem(decoded)  # a binary file's bytes say more than "Expecting value"
        return rejected(origin, *(problem if problem else ("malformed_json", str(exc))))
    except RecursionError:
        return rejected(origin, "malformed_json", "nested too deeply")
    if not isinstance(data, dict):
        return rejected(origin, "not_an_object", f"a JSON {type(data).__name__}, expected an object")
    return build(data, origin)
