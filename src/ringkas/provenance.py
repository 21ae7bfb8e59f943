"""Provenance: the signature every output and score carries (what made it, with which versions)."""

from __future__ import annotations

import platform
import subprocess
from functools import lru_cache
from importlib import metadata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ringkas.record import Article

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


# ``provenance["ringkas"]`` of a job's brief made by the run whose manifest.json holds the signature once
SIGNATURE_REFERENCE = "manifest.json#ringkas"


def resolve_signatures(articles: Iterable[Article], folder: Path) -> Iterator[Article]:
    """``articles`` read from a job's output ``folder``, each short reference to the manifest's signature
    replaced by the signature itself (so a reader of ``briefs.jsonl`` sees what the run recorded)."""
    signature: Any = None
    for article in articles:
        provenance = article.metadata.get("provenance")
        if isinstance(provenance, dict) and provenance.get("ringkas") == SIGNATURE_REFERENCE:
            if signature is None:
                signature = _manifest_signature(Path(folder) / "manifest.json")
            if signature:
                provenance["ringkas"] = signature
        yield article


def _manifest_signature(path: Path) -> dict[str, Any]:
    import json

    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    signature = manifest.get("ringkas") if isinstance(manifest, dict) else None
    return signature if isinstance(signature, dict) else {}
