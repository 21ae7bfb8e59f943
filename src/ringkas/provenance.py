"""Provenance: the signature every output and score carries (what made it, with which versions)."""

from __future__ import annotations

import platform
import subprocess
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

LIBRARIES = ("torch", "transformers", "ctranslate2", "sentencepiece", "datasets", "trafilatura", "sacrebleu",
             "rouge-score", "ray")


@lru_cache(maxsize=1)
def git_revision() -> str | None:
    """The git commit of the ringkas source tree this code runs from, if it is a checkout."""
    here = Path(__file__).resolve().parent
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=here, capture_output=True, text=True, timeout=5, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=here, capture_output=True, text=True, timeout=5, check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out + ("-dirty" if dirty else "") if out else None


@lru_cache(maxsize=None)
def _installed_versions(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    # Reading package metadata costs ~50 ms; the installed versions do not change while a process runs.
    versions = []
    for name in names:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            continue
    return tuple(versions)


def library_versions(names: tuple[str, ...] = LIBRARIES) -> dict[str, str]:
    """Installed versions of ``names`` (those not installed are left out)."""
    return dict(_installed_versions(tuple(names)))


def ringkas_signature() -> dict[str, Any]:
    from ringkas import __version__

    return {
        "ringkas": __version__,
        "git": git_revision(),
        "python": platform.python_version(),
        "libraries": library_versions(),
    }
