"""Sentence alignment by meaning: which sentences of a translation say which sentences of its source.

Both sides are embedded (each sentence, and each two neighbours joined, for the 2-1 and 1-2 beads), and a
dynamic programme picks the monotone chain of beads (1-1, 2-1, 1-2, or a sentence alone) that maximises
the summed gain. A bead gains its cosine less ``threshold`` (and less ``merge_penalty`` when it joins two
sentences); a sentence left alone gains nothing. So a pair below the threshold is worth less than leaving
both sentences unmatched, and joining a sentence the translation dropped into its neighbour's bead lowers
that bead's cosine below what the neighbour scores alone: the DP leaves the dropped one out. A source
sentence alone is missing from the translation; a translation sentence alone was added to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

BEADS = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1))


@dataclass
class Alignment:
    """Beads in order: (source indices, translation indices, cosine or None for a sentence alone)."""

    beads: list[tuple[list[int], list[int], float | None]] = field(default_factory=list)

    @property
    def missing(self) -> list[int]:
        return [s[0] for s, t, _ in self.beads if not t]

    @property
    def added(self) -> list[int]:
        return [t[0] for s, t, _ in self.beads if not s]

    def as_pairs(self) -> list[dict[str, Any]]:
        return [{"source": s, "translation": t, "score": None if c is None else round(float(c), 4)}
                for s, t, c in self.beads]


def joined(sentences: list[str]) -> list[str]:
    """Each two neighbours joined, the texts a 2-sentence bead is embedded as."""
    return [f"{a} {b}" for a, b in zip(sentences, sentences[1:])]


def texts_to_embed(source: list[str], translation: list[str]) -> tuple[list[str], list[str]]:
    """(source-side texts, translation-side texts) an alignment needs vectors for."""
    return source + joined(source), translation + joined(translation)


def align_vectors(source: np.ndarray, translation: np.ndarray, threshold: float, merge_penalty: float
                  ) -> Alignment:
    """Align ``n`` source and ``m`` translation sentences given their vectors laid out as
    :func:`texts_to_embed` returns them: ``source`` holds n singles then n-1 joined pairs (unit rows), the
    same for ``translation``."""
    n = (len(source) + 1) // 2 if len(source) else 0
    m = (len(translation) + 1) // 2 if len(translation) else 0
    sims = source @ translation.T if n and m else np.zeros((len(source), len(translation)), dtype=np.float32)

    def cosine(i: int, di: int, j: int, dj: int) -> float:
        row = i if di == 1 else n + i
        col = j if dj == 1 else m + j
        return float(sims[row, col])

    neg = -np.inf
    gain = np.full((n + 1, m + 1), neg)
    back: dict[tuple[int, int], tuple[int, int]] = {}
    gain[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if gain[i, j] == neg:
                continue
            for di, dj in BEADS:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                value = 0.0
                if di and dj:
                    value = cosine(i, di, j, dj) - threshold - (merge_penalty if di + dj > 2 else 0.0)
                if gain[i, j] + value > gain[a, b]:
                    gain[a, b] = gain[i, j] + value
                    back[(a, b)] = (di, dj)
    beads = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = back[(i, j)]
        i, j = i - di, j - dj
        score = cosine(i, di, j, dj) if di and dj else None
        beads.append((list(range(i, i + di)), list(range(j, j + dj)), score))
    return Alignment(beads[::-1])


def align_sentences(encoder: Any, source: list[str], translation: list[str], threshold: float,
                    merge_penalty: float) -> Alignment:
    """Embed and align (see :func:`align_vectors`)."""
    left, right = texts_to_embed(source, translation)
    vectors = encoder.embed(left + right) if left and right else np.zeros((0, 0), dtype=np.float32)
    if not (left and right):
        return Alignment([([i], [], None) for i in range(len(source))] + [([], [j], None) for j in range(len(translation))])
    return align_vectors(vectors[: len(left)], vectors[len(left) :], threshold, merge_penalty)
