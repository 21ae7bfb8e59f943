"""A folder of ``.html``/``.htm``/``.txt`` files, one article per file, in sorted path order.

``.txt`` files become ``text`` (the cleaner finds the headline in the first line); HTML files become
``html`` for the extractor. Files bigger than the record cap are rejected without being read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ringkas.readers.base import DEFAULT_MAX_RECORD_BYTES, make_article, rejected
from ringkas.record import Article

SUFFIXES = {".html": "html", ".htm": "html", ".txt": "text"}


def read_folder(path: Path, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, **_: Any) -> Iterator[Article]:
    """Articles from every matching file under ``path`` (recursively; other files are ignored), or from
    ``path`` itself when it is one file (read as HTML for ``.html``/``.htm``, as text otherwise)."""
    root = Path(path)
    if root.is_file():
        yield read_file(root, SUFFIXES.get(root.suffix.lower(), "text"), max_record_bytes)
        return
    for file in sorted(p for p in root.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()):
        yield read_file(file, SUFFIXES[file.suffix.lower()], max_record_bytes)


def read_file(file: Path, field: str, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> Article:
    origin = {"file": str(file)}
    size = file.stat().st_size
    if size > max_record_bytes:
        return rejected(origin, "too_long", f"file of {size} bytes (limit {max_record_bytes})")
    raw = file.read_bytes()
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return rejected(origin, "invalid_utf8", str(exc))
    return make_article({field: decoded}, origin)
