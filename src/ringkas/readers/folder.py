"""A folder of ``.html``/``.htm``/``.txt`` files, one article per file, in sorted path order.

``.txt`` files become ``text`` (the cleaner finds the headline in the first line); HTML files become
``html`` for the extractor. Files bigger than the record cap are rejected without being read. A file may be
UTF-8 (with or without a BOM) or UTF-16/32 with a BOM.

Symbolic links are not followed out of the folder: a link whose target lies outside it (``evil.txt ->
/etc/passwd``) is rejected as ``outside_folder`` unread, and linked folders are not entered (that would also
loop on a link to a parent). A link to a file inside the folder is read. ``follow_symlinks=True`` reads every
link, for a folder that is a farm of links on purpose.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ringkas.readers.base import DEFAULT_MAX_RECORD_BYTES, make_article, rejected
from ringkas.readers.lines import decode_text
from ringkas.record import Article

SUFFIXES = {".html": "html", ".htm": "html", ".txt": "text"}


def read_folder(path: Path, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, follow_symlinks: bool = False,
                **_: Any) -> Iterator[Article]:
    """Articles from every matching file under ``path`` (recursively; other files are ignored), or from
    ``path`` itself when it is one file (read as HTML for ``.html``/``.htm``, as text otherwise)."""
    root = Path(path)
    if root.is_file():
        yield read_file(root, SUFFIXES.get(root.suffix.lower(), "text"), max_record_bytes)
        return
    inside = root.resolve()
    for file in _matching_files(root, follow_symlinks):
        if not follow_symlinks and file.is_symlink() and not file.resolve().is_relative_to(inside):
            yield rejected({"file": str(file)}, "outside_folder",
                           f"a symbolic link to {os.readlink(file)}, outside the folder: not followed "
                           "(input option follow_symlinks = true reads it)")
            continue
        yield read_file(file, SUFFIXES[file.suffix.lower()], max_record_bytes)


def _matching_files(root: Path, follow_symlinks: bool) -> list[Path]:
    found, visited = [], set()
    for folder, dirs, names in os.walk(root, followlinks=follow_symlinks):
        visited.add(os.path.realpath(folder))
        dirs[:] = [d for d in dirs if os.path.realpath(os.path.join(folder, d)) not in visited]  # no loops
        found.extend(Path(folder) / name for name in names if Path(name).suffix.lower() in SUFFIXES)
    return sorted(p for p in found if p.is_file())  # a dangling link is no file


def read_file(file: Path, field: str, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> Article:
    origin = {"file": str(file)}
    size = file.stat().st_size
    if size > max_record_bytes:
        return rejected(origin, "too_long", f"file of {size} bytes (limit {max_record_bytes})")
    raw = file.read_bytes()
    try:
        decoded = decode_text(raw)
    except UnicodeDecodeError as exc:
        return rejected(origin, "invalid_utf8", str(exc))
    return make_article({field: decoded}, origin)
