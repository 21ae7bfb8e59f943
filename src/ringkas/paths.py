"""Where ringkas keeps what it can rebuild: one cache root for every kind of cache.

Translations (``translations.sqlite``), fetched pages (``fetch/``), CTranslate2 conversions (``ct2/``) and
sentence vectors (``vectors.sqlite``) all live under :func:`ringkas_cache_root`, read when called (never at
import), so a test or a job can move it with ``RINGKAS_CACHE``.
"""

from __future__ import annotations

import os
from pathlib import Path


def ringkas_cache_root() -> Path:
    """``$RINGKAS_CACHE``, else ``$XDG_CACHE_HOME/ringkas``, else ``~/.cache/ringkas`` (read at call time)."""
    root = os.environ.get("RINGKAS_CACHE")
    if root:
        return Path(root)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ringkas"
