"""Files that are whole or absent: every output ringkas writes in one piece goes through here.

A file is written under a fresh temporary name beside its target (created with ``O_EXCL``, so a link or
file someone left under that name is never followed or reused), flushed and fsynced, then renamed over
the target and the folder fsynced, so a kill or a power cut leaves the old file or the new one, never half
of one. A failure while writing (a full disk, say) removes the temporary file: nothing is left behind.
(Streams written record by record, such as ``ringkas clean -o``, use :class:`ringkas.jsonl.JsonlWriter`
instead: a line at a time, flushed, cut back to the last whole line on failure.)
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any

TEMPORARY_SUFFIX = ".tmp"


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_file(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """A handle on a new temporary file beside ``path``; on a clean exit it replaces ``path``.

    ``mode`` is ``"w"`` (text, UTF-8) or ``"wb"``. If ``path`` is a symlink, the link is replaced, not its
    target. Any exception removes the temporary file and leaves ``path`` as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    tmp = Path(name)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; an output is as readable as any new file
        with os.fdopen(fd, mode, **({"encoding": "utf-8"} if "b" not in mode else {})) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


@contextmanager
def atomic_files(paths: Iterable[Path], mode: str = "w") -> Iterator[list[IO[Any]]]:
    """:func:`atomic_file` for several files at once: all are committed, or none is touched."""
    with ExitStack() as stack:
        yield [stack.enter_context(atomic_file(path, mode)) for path in paths]


def ensure_writable_folder(folder: Path, what: str = "output") -> None:
    """Make ``folder`` (and its parents) and prove a file can be created in it, or raise
    :class:`~ringkas.errors.OutputError` (exit 2) before any work is done."""
    from ringkas.errors import OutputError

    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".ringkas-probe.", suffix=TEMPORARY_SUFFIX, dir=folder)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        raise OutputError(f"cannot write the {what} in {folder}: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_stale_temporaries(folder: Path, names: Iterable[str]) -> None:
    """Delete temporary files of ``names`` that a killed writer left in ``folder`` (plain files only)."""
    for name in names:
        for stale in Path(folder).glob(f".{name}.*{TEMPORARY_SUFFIX}"):
            if stale.is_file() and not stale.is_symlink():
                stale.unlink(missing_ok=True)


def atomic_write(path: Path, lines: Iterable[str] | str) -> None:
    """Write ``lines`` (or one text) to ``path``, whole or not at all."""
    with atomic_file(path) as handle:
        if isinstance(lines, str):
            handle.write(lines)
        else:
            for line in lines:
                handle.write(line)


def write_json(path: Path, data: Any) -> None:
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether two paths name one file: through symlinks, ``..`` and hard links (``os.path.samefile``). A path
    that does not exist yet is the same file only as the same resolved path."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one does not exist (yet)
        return Path(a).resolve() == Path(b).resolve()
