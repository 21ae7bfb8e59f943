"""Files that are whole or absent: every output ringkas writes in one piece goes through here.

A file is written under a temporary name beside its target, flushed and fsynced, then renamed over the
target and the folder fsynced, so a kill or a power cut leaves the old file or the new one, never half of
one. (Streams written record by record, such as ``ringkas clean -o``, use :class:`ringkas.jsonl.JsonlWriter`
instead: a line at a time, flushed.)
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temporary_path(path: Path) -> Path:
    """Where :func:`commit` expects a file to be written before it replaces ``path``."""
    return path.with_name(path.name + ".tmp")


def commit(tmp: Path, path: Path) -> None:
    """fsync the written ``tmp``, rename it over ``path`` and fsync the folder."""
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def atomic_write(path: Path, lines: Iterable[str] | str) -> None:
    """Write ``lines`` (or one text) to ``path``, whole or not at all."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_path(path)
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            if isinstance(lines, str):
                handle.write(lines)
            else:
                for line in lines:
                    handle.write(line)
    except BaseException:
        tmp.unlink(missing_ok=True)  # the old file stays as it was
        raise
    commit(tmp, path)


def write_json(path: Path, data: Any) -> None:
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether two paths name one file: through symlinks, ``..`` and hard links (``os.path.samefile``). A path
    that does not exist yet is the same file only as the same resolved path."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one does not exist (yet)
        return Path(a).resolve() == Path(b).resolve()
