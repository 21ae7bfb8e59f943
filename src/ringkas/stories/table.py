"""Where the clustering keeps what it must not hold in memory: scratch files of pickled records, and the
finished stories as a read-only mapping over one of them.

A day of articles passes the clustering three times (read, place in time order, describe each story); what
each article needs between passes (its signals and vector, where it went) is written to a scratch file and
read back by offset, so memory holds only the window being clustered and about 40 bytes an article
(offsets, times, story numbers). The scratch files are anonymous temporary files: the system removes them
when they are closed or the process ends.
"""

from __future__ import annotations

import hashlib
import pickle
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np


class Spill:
    """An append-only scratch file of pickled records, read back by the offset :meth:`write` returned."""

    def __init__(self, folder: str | Path | None = None):
        self._file = tempfile.TemporaryFile(dir=folder)
        self._end = 0

    def write(self, record: Any) -> int:
        offset = self._end
        self._file.seek(offset)
        self._end += self._file.write(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        return offset

    def read(self, offset: int) -> Any:
        self._file.seek(int(offset))
        return pickle.load(self._file)

    def close(self) -> None:
        self._file.close()


def id_hash(article_id: str) -> int:
    """A stable 64-bit key of an article id (the table's index holds these, not the ids)."""
    return int.from_bytes(hashlib.blake2b(article_id.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little")


class StoryTable(Mapping):
    """``{article id: metadata["story"]}`` read from a scratch file: each lookup reads one record. Holds 24
    bytes an article (an id hash and two offsets); iteration follows the input order."""

    def __init__(self, spill: Spill, hashes: np.ndarray, offsets: np.ndarray):
        self._spill = spill
        self._input_order = offsets  # record offsets in input order
        by_hash = np.argsort(hashes, kind="stable")
        self._hashes, self._offsets = hashes[by_hash], offsets[by_hash]

    def __getitem__(self, article_id: str) -> dict[str, Any]:
        key = np.uint64(id_hash(article_id))
        at = int(np.searchsorted(self._hashes, key))
        while at < len(self._hashes) and self._hashes[at] == key:
            found, story = self._spill.read(self._offsets[at])
            if found == article_id:
                return story
            at += 1
        raise KeyError(article_id)

    def __iter__(self) -> Iterator[str]:
        for offset in self._input_order:
            yield self._spill.read(offset)[0]

    def __len__(self) -> int:
        return len(self._input_order)

    def close(self) -> None:
        self._spill.close()
