"""Near-duplicate detection: the same wire story on several portals becomes one group.

Articles are compared by MinHash of their word 3-grams and looked up in an LSH index (``datasketch``).
Decisions depend only on the input order: the first article of a story is its canonical one; a later
article whose estimated Jaccard similarity with an earlier canonical one reaches the threshold is linked
to the earliest such canonical article. Only canonical articles enter the index, so a chain of small edits
never drifts away from the story it started as. Same input, same groups: on a resumed run, on every shard.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE_WORDS = 3


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Lower-cased word ``size``-grams of ``text`` (single words when the text is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {w.encode("utf-8") for w in words}
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class DuplicateLink:
    canonical_id: str
    canonical_seq: int
    similarity: float


class NearDuplicateIndex:
    """Streaming near-duplicate finder; call :meth:`check` once per accepted article, in input order.

    The canonical articles' MinHashes and their LSH band keys live in a SQLite file (``path``, else a
    temporary one), not in memory: an index of 80,000 articles held by ``datasketch.MinHashLSH`` took ~9 KB
    an article, and the job's memory grew with its input. The bands are datasketch's own (its ``b`` and
    ``r`` for the threshold), so the candidates, and therefore the groups, are the ones it would find.
    """

    def __init__(self, threshold: float = 0.7, num_perm: int = 128, path: str | Path | None = None):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        shape = MinHashLSH(threshold=threshold, num_perm=num_perm)  # empty: only its band shape is used
        self._ranges = [(i * shape.r, (i + 1) * shape.r) for i in range(shape.b)]
        self._own_file = path is None
        if path is None:
            handle, path = tempfile.mkstemp(prefix="ringkas-dedupe.", suffix=".sqlite")
            os.close(handle)
        self.path = Path(path)
        self._db = _open_index(self.path)
        self._permutations: Any = None

    def _minhash(self, text: str) -> Any:
        from datasketch import MinHash

        # the permutations depend only on num_perm and the seed: made once, not per article
        made = {"permutations": self._permutations[0], "scheme": self._permutations[1]} if self._permutations else {}
        minhash = MinHash(num_perm=self.num_perm, seed=1, **made)
        self._permutations = (minhash.permutations, minhash.scheme)
        minhash.update_batch(list(shingles(text)))
        return minhash

    def _band_keys(self, hashvalues: Any) -> list[int]:
        """One 64-bit key per band (its index and its rows' hash values)."""
        return [int.from_bytes(hashlib.blake2b(bytes([band]) + hashvalues[start:end].tobytes(), digest_size=8)
                               .digest(), "big", signed=True) for band, (start, end) in enumerate(self._ranges)]

    def check(self, key: str, seq: int, text: str) -> DuplicateLink | None:
        """The canonical article ``text`` repeats, or ``None`` (then ``key`` becomes canonical)."""
        import numpy as np

        minhash = self._minhash(text)
        if minhash.is_empty():
            return None
        values = minhash.hashvalues.astype(np.uint32)  # datasketch keeps them below 2**32
        bands = self._band_keys(values)
        marks = ",".join("?" * len(bands))
        rows = self._db.execute(f"SELECT seq, id, sig FROM canonical WHERE seq IN "
                                f"(SELECT seq FROM bands WHERE key IN ({marks})) ORDER BY seq", bands).fetchall()
        best: DuplicateLink | None = None
        if rows:
            signatures = np.frombuffer(b"".join(row[2] for row in rows), dtype=np.uint32).reshape(len(rows), -1)
            similarities = (signatures == values).sum(axis=1) / float(self.num_perm)
            for (cand_seq, cand_id, _), similarity in zip(rows, similarities):
                if similarity >= self.threshold:  # rows are in seq order: the first is the earliest
                    best = DuplicateLink(cand_id, cand_seq, round(float(similarity), 4))
                    break
        if best is None:
            added = self._db.execute("INSERT OR IGNORE INTO canonical (seq, id, sig) VALUES (?, ?, ?)",
                                     (seq, key, values.tobytes())).rowcount
            if added:
                self._db.executemany("INSERT OR IGNORE INTO bands (key, seq) VALUES (?, ?)",
                                     [(band, seq) for band in bands])
        return best

    def close(self) -> None:
        """Close the index file (and delete it when it was a temporary one)."""
        self._db.close()
        if self._own_file:
            self.path.unlink(missing_ok=True)

    def settings(self) -> dict[str, Any]:
        return {"method": "minhash-lsh", "shingle_words": SHINGLE_WORDS, "threshold": self.threshold,
                "num_perm": self.num_perm, "seed": 1}


def _open_index(path: Path) -> sqlite3.Connection:
    """A scratch database: no journal, no fsync (a plan interrupted by a kill is planned again)."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.executescript("""
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        PRAGMA cache_size = -16384;
        PRAGMA temp_store = FILE;
        CREATE TABLE canonical (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, sig BLOB NOT NULL);
        CREATE TABLE bands (key INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (key, seq)) WITHOUT ROWID;
    """)
    return db
