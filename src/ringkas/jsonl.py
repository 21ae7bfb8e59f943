"""JSON Lines reading and writing shared by every stage's CLI and the runner."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ringkas.record import Article


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


def iter_articles(path: Path) -> Iterator[Article]:
    """Articles from a JSONL file written by ringkas (one object per line; blank lines skipped).

    A line that is not a JSON object yields a rejected Article that names the line, so callers account
    for it like any other reject. A job's ``briefs.jsonl`` refers to its manifest for the ringkas signature;
    read back, each record carries the signature itself.
    """
    from ringkas.provenance import resolve_signatures

    return resolve_signatures(_iter_articles(path), Path(path).parent)


def _iter_articles(path: Path) -> Iterator[Article]:
    from ringkas.writers.schema import article_from_brief, is_brief_line

    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                data = loads(raw)
            except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
                yield _bad_line(path, number, "malformed_json", str(exc))
                continue
            except RecursionError:
                yield _bad_line(path, number, "malformed_json", "nested too deeply")
                continue
            if not isinstance(data, dict):
                yield _bad_line(path, number, "not_an_object", type(data).__name__)
                continue
            try:
                article = article_from_brief(data) if is_brief_line(data) else Article.from_dict(data)
            except TypeError as exc:  # a field of the wrong type
                yield _bad_line(path, number, "bad_record", str(exc))
                continue
            article.metadata.setdefault("origin", {"file": str(path), "line": number})
            yield article


def _bad_line(path: Path, number: int, reason: str, detail: str) -> Article:
    article = Article(id=f"{Path(path).name}:{number}")
    article.metadata["origin"] = {"file": str(path), "line": number}
    return article.reject("read", reason, detail)


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
