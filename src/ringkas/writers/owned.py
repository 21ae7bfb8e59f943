"""Whose file is it: the record commands (clean, translate, check, summarise) overwrite only a JSONL file
that ringkas wrote, as ``ringkas fetch`` appends only to its own pages file and ``ringkas run`` writes only
into its own folder.

A file is ringkas's when it is empty, or its first line is a record ringkas wrote (a JSON object with an
``id`` and ``metadata.provenance``) or a reject line (``stage`` and ``reason``). Anything else (``-o
notes.txt``, someone's dataset) is refused, exit 2, unless ``--force``.
"""

from __future__ import annotations

import json
from pathlib import Path

from ringkas.errors import OutputError

_FIRST_LINE_BYTES = 1 << 24  # a record line can be long (a whole article); a line longer than this is not ours


def written_by_ringkas(path: Path) -> bool:
    """Whether the existing file ``path`` is empty or starts with a line ringkas writes."""
    with open(path, "rb") as handle:
        first = b""
        while not first.strip():
            first = handle.readline(_FIRST_LINE_BYTES)
            if not first:
                return True  # empty, or blank lines only
    try:
        data = json.loads(first)
    except ValueError:
        return False
    if not isinstance(data, dict):
        return False
    metadata = data.get("metadata")
    record = "id" in data and isinstance(metadata, dict) and isinstance(metadata.get("provenance"), dict)
    reject = isinstance(data.get("stage"), str) and isinstance(data.get("reason"), str)
    return record or reject


def check_overwrite(path: Path, role: str, force: bool) -> None:
    """Refuse (exit 2) to replace an existing file ringkas did not write, unless ``force``."""
    path = Path(path)
    if force or not path.exists() or not path.is_file():
        return
    try:
        ours = written_by_ringkas(path)
    except OSError as exc:
        raise OutputError(f"cannot read the {role} {path} to see whose it is: {exc.strerror or exc}") from None
    if not ours:
        raise OutputError(f"the {role} {path} exists and was not written by ringkas; --force replaces it, or "
                          "choose another path")
