"""Where a job keeps what outlives its output folder: the fetch state (URLs fetched, feed validators) and the
story state (the last window's articles), one of each per job spec, under the ringkas cache root.

A daily job writes to a new output folder every day, so these cannot live in ``output.dir``. They are keyed
by the spec file's name and a short digest of its absolute path (``daily-1a2b3c4d``): two specs named alike
in different folders are two jobs and keep their own state. Before 2 December 2026 the key was the name
alone; a job whose file of the old name exists gets a copy of it the first time it runs (see
:func:`carry_over`), so an upgraded daily job goes on where it was.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from ringkas.runner.spec import JobSpec


def spec_key(spec: JobSpec) -> str | None:
    """``<spec file stem>-<8 hex of its resolved absolute path>``; None for a spec given as a dict."""
    if spec.source == "<dict>":
        return None
    path = Path(spec.source).expanduser().resolve()
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{path.stem}-{digest}"


def job_state_file(spec: JobSpec, folder: str, suffix: str) -> Path | None:
    """``<cache>/<folder>/<spec key><suffix>``, carried over from the name-only file of earlier versions;
    None for a spec given as a dict (it has no path to key a file by)."""
    from ringkas.paths import ringkas_cache_root

    key = spec_key(spec)
    if key is None:
        return None
    base = ringkas_cache_root() / folder
    path = base / f"{key}{suffix}"
    carry_over(base / f"{Path(spec.source).stem}{suffix}", path)
    return path


def carry_over(old: Path, new: Path) -> None:
    """Copy the name-only state file ``old`` to ``new`` when only ``old`` exists. A copy, not a move: two
    specs named alike shared ``old``; each gets its own copy once, and from then on they keep apart."""
    if new.exists() or not old.is_file():
        return
    new.parent.mkdir(parents=True, exist_ok=True)
    scratch = new.with_name(new.name + ".part")
    if new.suffix == ".sqlite":
        import sqlite3

        source, target = sqlite3.connect(old), sqlite3.connect(scratch)
        try:
            source.backup(target)  # SQLite's own copy: includes a WAL not yet written back
        finally:
            source.close()
            target.close()
    else:
        import shutil

        shutil.copyfile(old, scratch)
    os.replace(scratch, new)  # whole or not at all
    logging.getLogger("ringkas.runner").info("state %s now lives at %s (copied; the old file is left as it was)",
                                             old, new)
