"""Near-duplicate detection: the same wire story on several portals becomes one group.

Articles are compared by MinHash of their word 3-grams and looked up in an LSH index (``datasketch``).
Decisions depend only on the input order: the first article of a story is its canonical one; a later
article whose estimated Jaccard similarity with an earlier canonical one reaches the threshold is linked
to the earliest such canonical article. Only canonical articles enter the index, so a chain of small edits
never drifts away from the story it started as. Same input, same groups: on a resumed run, on every shard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    """Streaming near-duplicate finder; call :meth:`check` once per accepted article, in input order."""

    def __init__(self, threshold: float = 0.7, num_perm: int = 128):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._canonical: dict[str, tuple[int, Any]] = {}  # key -> (seq, LeanMinHash)

    def _minhash(self, text: str) -> Any:
        from datasketch import LeanMinHash, MinHash

        minhash = MinHash(num_perm=self.num_perm, seed=1)
        minhash.update_batch(list(shingles(text)))
        return LeanMinHash(minhash)

    def check(self, key: str, seq: int, text: str) -> DuplicateLink | None:
        """The canonical article ``text`` repeats, or ``None`` (then ``key`` becomes canonical)."""
        minhash = self._minhash(text)
        best: DuplicateLink | None = None
        if not minhash.is_empty():
            for candidate in self._lsh.query(minhash):
                cand_seq, cand_hash = self._canonical[candidate]
                similarity = float(minhash.jaccard(cand_hash))
                if similarity >= self.threshold and (best is None or cand_seq < best.canonical_seq):
                    best = DuplicateLink(candidate, cand_seq, round(similarity, 4))
        if best is None and key not in self._canonical and not minhash.is_empty():
            self._lsh.insert(key, minhash)
            self._canonical[key] = (seq, minhash)
        return best

    def settings(self) -> dict[str, Any]:
        return {"method": "minhash-lsh", "shingle_words": SHINGLE_WORDS, "threshold": self.threshold,
                "num_perm": self.num_perm, "seed": 1}
