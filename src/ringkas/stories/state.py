"""The state file that carries the recent articles from one run to the next, one JSON line each: tomorrow's
articles can join today's stories. It holds the articles of the last window (vector, word counts, names,
figures, story), never more."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np

from ringkas.stories.cluster import StoryItem


def read_state(path: str | None) -> list[StoryItem]:
    """The articles a previous run kept (nothing when there is no state file yet). ``terms`` hold word counts."""
    if not path or not Path(path).expanduser().is_file():
        return []
    from ringkas.errors import ConfigError

    items = []
    with open(Path(path).expanduser(), encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            try:
                row = json.loads(line)
                vector = np.frombuffer(base64.b64decode(row["vector"]), dtype=np.float32).copy()
                items.append(StoryItem(row["id"], float(row["seconds"]), row["outlet"], vector, dict(row["terms"]),
                                       frozenset(row["names"]), frozenset(row["figures"]), row["story"]))
            except (ValueError, KeyError, TypeError) as exc:
                raise ConfigError(f"story state {path} line {number} is damaged ({exc}); move it away to start "
                                  "the stories afresh") from None
    return items


def write_state(path: str, items: list[StoryItem], window_hours: float) -> None:
    """Keep the placed ``items`` of the last ``window_hours`` (by the newest publication time) for the next
    run; ``terms`` are their word counts."""
    from ringkas.files import atomic_file

    if not items:
        return
    newest = max(item.seconds for item in items)
    kept = sorted((i for i in items if i.seconds >= newest - window_hours * 3600), key=lambda i: (i.seconds, i.id))
    target = Path(path).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(target) as handle:
        for item in kept:
            row = {"id": item.id, "seconds": item.seconds, "outlet": item.outlet, "story": item.story,
                   "vector": base64.b64encode(np.asarray(item.vector, dtype=np.float32).tobytes()).decode("ascii"),
                   "terms": item.terms, "names": sorted(item.names), "figures": sorted(item.figures)}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
