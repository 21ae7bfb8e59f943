"""Whose folder is it: ringkas writes only into an output folder that is empty, absent or its own.

A folder is ringkas's when it holds a ringkas ``manifest.json`` (a finished run or merge) or a ``_work/`` of
the runner's (an unfinished run), or nothing but a ``.ringkas.lock`` and the ``shard-K-of-N`` folders of sharded runs.
Anything else (a user's own ``briefs.jsonl``, a folder of notes, a file where the folder should be) is
refused with exit 2 unless ``--force`` says to write there anyway; ``--force`` replaces only the files
ringkas writes, never the others. A run that stops before it claims its folder (a bad model, a setting a
stage refuses) leaves no trace there: no lock file, no folder it created.
"""

from __future__ import annotations

import errno
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ringkas.errors import ConfigError, OutputError
from ringkas.files import same_file

OUTPUT_FILES = ("briefs.jsonl", "briefs.parquet", "rejects.jsonl", "digest.md", "digest.html", "manifest.json")
LOCK_NAME = ".ringkas.lock"
SHARD_FOLDER = re.compile(r"shard-\d+-of-\d+")
WORK_ENTRIES = {"job.json", "runs.jsonl", "plan", "plan.tmp", "done"}
TEMPORARY = re.compile(r"\.(job\.json|runs\.jsonl)\..*\.tmp")


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """``folder/manifest.json`` if it is a ringkas manifest; None if there is none or it is someone else's.

    A manifest that cannot be read is a :class:`ConfigError` naming the file."""
    path = Path(folder) / "manifest.json"
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path} is damaged ({type(exc).__name__}: {exc}); --force replaces this "
                          "folder's ringkas outputs (other files stay)") from None
    if isinstance(data, dict) and "manifest_version" in data and "ringkas" in data and "job" in data:
        return data
    return None


def is_ringkas_folder(folder: Path) -> bool:
    """True when ``folder`` holds a ringkas run, merge or sharded runs, or nothing of anyone's; a damaged
    ``manifest.json`` is a :class:`ConfigError` naming it."""
    folder = Path(folder)
    if _is_work_folder(folder / "_work"):
        return True
    if read_manifest(folder) is not None:  # a damaged one is a message naming it
        return True
    for entry in folder.iterdir():
        if entry.name == LOCK_NAME and entry.is_file() and not entry.is_symlink():
            continue
        if SHARD_FOLDER.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink() \
                and is_ringkas_folder(entry):
            continue
        return False
    return True


def _is_work_folder(work: Path) -> bool:
    """A ``_work`` folder that holds nothing but what the runner keeps there (see :mod:`ringkas.runner.store`)."""
    if not work.is_dir() or work.is_symlink():
        return False
    return all(entry.name in WORK_ENTRIES or TEMPORARY.fullmatch(entry.name) for entry in work.iterdir())


def check_output_folder(folder: Path, *, force: bool, role: str = "output.dir") -> None:
    """Refuse (exit 2) an output folder that is a file, or a folder with files ringkas did not write."""
    folder = Path(folder)
    if not folder.exists() and not folder.is_symlink():
        return
    if not folder.is_dir():
        raise OutputError(f"{role} {folder} is a file, not a folder (is it the input?): choose a folder")
    if not force and not is_ringkas_folder(folder):
        raise OutputError(f"{role} {folder} holds files that ringkas did not write; ringkas would overwrite "
                          "its briefs.jsonl, manifest.json and digest: choose an empty or new folder, or "
                          "--force to write into it anyway")


def check_merge_output(out_dir: Path, inputs: list[Path], *, force: bool) -> None:
    """A merge never writes into one of its inputs, and replaces only an earlier merge without ``--force``."""
    out_dir = Path(out_dir)
    for folder in inputs:
        if out_dir.exists() and folder.exists() and same_file(out_dir, folder):
            raise OutputError(f"the merge output {out_dir} is one of the shards being merged: merging would "
                              "destroy it; choose another -o folder")
    check_output_folder(out_dir, force=force, role="the merge output")
    if force or not out_dir.exists():
        return
    manifest = read_manifest(out_dir)
    if manifest is not None and manifest.get("shard"):
        raise OutputError(f"the merge output {out_dir} is the output of shard {manifest['shard']}; merging "
                          "would replace it: choose another -o folder, or --force")
    if manifest is not None and "shards" not in manifest:
        raise OutputError(f"the merge output {out_dir} holds a ringkas run, not a merge; merging would "
                          "replace it: choose another -o folder, or --force")


@dataclass
class Claim:
    """Set ``claimed`` once the run has written state into the folder: from then on it is kept."""

    out_dir: Path
    claimed: bool = False


@contextmanager
def exclusive(out_dir: Path) -> Iterator[Claim]:
    """One run per output folder at a time; the OS drops the lock when the process dies, even by SIGKILL.

    If the body fails before it sets ``claimed``, the lock file and any folders made here are removed; when
    the body ends normally (the job finished, or was finished already) the lock file goes too, so a finished
    folder holds only its outputs. A kill or an interruption leaves it (the OS has released the lock)."""
    import fcntl

    out_dir = Path(out_dir)
    created = _missing_folders(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        lock = out_dir / LOCK_NAME
        new_lock = not lock.exists()
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        _remove_folders(created)
        reason = "a link is in the way of its lock file" if exc.errno == errno.ELOOP else exc.strerror or exc
        raise OutputError(f"cannot write into {out_dir}: {reason}") from None
    claim = Claim(out_dir)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            new_lock = False  # it is the other run's
            raise ConfigError(f"another ringkas run is working on {out_dir}; wait for it, or use another "
                              "output.dir") from None
        if not _still_named(lock, fd):
            new_lock = False  # a run that finished meanwhile removed it; whoever made a new one holds that
            raise ConfigError(f"another ringkas run is working on {out_dir}; wait for it, or use another "
                              "output.dir")
        yield claim
        lock.unlink(missing_ok=True)  # still held here: no other run can be between the check and this
    except BaseException:
        if not claim.claimed:
            if new_lock:
                lock.unlink(missing_ok=True)
            _remove_folders(created)
        raise
    finally:
        os.close(fd)


def _still_named(lock: Path, fd: int) -> bool:
    """Whether ``lock`` still names the file ``fd`` holds (a run that finished unlinks its lock file)."""
    try:
        here, held = os.stat(lock, follow_symlinks=False), os.fstat(fd)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, deepest first."""
    missing = []
    while not folder.exists() and not folder.is_symlink() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _remove_folders(folders: list[Path]) -> None:
    for folder in folders:
        try:
            folder.rmdir()  # only if empty: never anything someone else put there meanwhile
        except OSError:
            return
