"""Alignment by meaning on hand-made vectors: each sentence a direction, a joined pair the sum of its two."""

from __future__ import annotations

import numpy as np
import pytest

from ringkas.encode.align import align_vectors

DIM = 8


def _vectors(topics: list[tuple[int, ...]]) -> np.ndarray:
    """One unit vector per sentence, over its topics."""
    def vec(ids: tuple[int, ...]) -> np.ndarray:
        v = np.zeros(DIM, dtype=np.float32)
        v[list(ids)] = 1.0
        return v / np.linalg.norm(v)

    return np.stack([vec(t) for t in topics])


CASES = {
    "faithful": ([(0,), (1,), (2,)], [(0,), (1,), (2,)], [([0], [0]), ([1], [1]), ([2], [2])]),
    "dropped_middle": ([(0,), (1,), (2,)], [(0,), (2,)], [([0], [0]), ([1], []), ([2], [1])]),
    "added_middle": ([(0,), (2,)], [(0,), (5,), (2,)], [([0], [0]), ([], [1]), ([1], [2])]),
    "two_sources_in_one_sentence": ([(0,), (1,), (2,)], [(0, 1), (2,)], [([0, 1], [0]), ([2], [1])]),
    "one_source_in_two_sentences": ([(0, 1), (2,)], [(0,), (1,), (2,)], [([0], [0, 1]), ([1], [2])]),
    "swapped_for_another": ([(0,), (1,)], [(0,), (6,)], [([0], [0]), ([1], []), ([], [1])]),
}


@pytest.mark.parametrize("source, translation, beads", CASES.values(), ids=CASES.keys())
def test_beads_follow_meaning(source, translation, beads):
    alignment = align_vectors(_vectors(source), _vectors(translation), threshold=0.5, merge_penalty=0.01)
    # Beads come in order; two lone sentences at one place may come either way round.
    assert sorted(map(repr, ((s, t) for s, t, _ in alignment.beads))) == sorted(map(repr, beads))


def test_pairs_carry_scores_and_lone_sentences_none():
    alignment = align_vectors(_vectors([(0,), (1,)]), _vectors([(0,)]), threshold=0.5, merge_penalty=0.01)
    assert alignment.as_pairs() == [{"source": [0], "translation": [0], "score": 1.0},
                                    {"source": [1], "translation": [], "score": None}]
    assert alignment.missing == [1] and alignment.added == []
