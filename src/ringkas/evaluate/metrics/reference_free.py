"""Checks that need no reference, run on every system: length, compression, abstractiveness, repetition and
whether the brief's numbers occur in the source.

All figures are corpus ratios of summed counts (micro averages), so an article with a long brief weighs more
than one with a short brief, and an article without numbers neither helps nor hurts number fidelity:

- ``length``: mean brief length in words (:mod:`ringkas.text.tokens`; a number is one word; a missing brief
  counts as 0 words).
- ``compression``: source words per brief word over the corpus.
- ``novel_bigrams``: % of the brief's word bigrams absent from the system's own English translation
  (``text_en``), over the articles that have one; ``n/a`` for a system without ``text_en`` (direct and
  summarise-then-translate pipelines), since against the Indonesian source any English brief is ~100% novel.
- ``repetition``: % of the brief's word trigrams that repeat an earlier trigram of the same brief.
- ``number_fidelity``: % of numbers in the brief with a matching number in the Indonesian source
  (Indonesian and English formats, scale and number words understood), read by :mod:`ringkas.text.numbers`
  exactly as the summariser's faithfulness guard reads them.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np

from ringkas.evaluate.metrics.base import Metric, Segment, safe_ratio
from ringkas.text.numbers import check_numbers
from ringkas.text.tokens import words

# The brief's numbers against its source, remembered: scoring asks again for the side-by-side flags.
checked_numbers = functools.lru_cache(maxsize=1 << 16)(check_numbers)

STATS = ("brief_words", "source_words", "novel_bigrams", "bigrams", "repeated_trigrams", "trigrams",
         "numbers_found", "numbers")


def ngrams(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def article_checks(segment: Segment) -> dict[str, float]:
    """The raw counts behind the reference-free figures for one brief."""
    brief = words(segment.hypothesis)
    # Novelty is measured against the system's own English text; an English brief against the Indonesian
    # source would be ~100% novel whatever the system did, so without text_en the article is left out.
    basis = set(ngrams(words(segment.context), 2)) if segment.context else set()
    compared = ngrams(brief, 2) if segment.context else []
    trigrams = ngrams(brief, 3)
    unsupported, n_numbers = checked_numbers(segment.hypothesis, segment.source or "")
    return {
        "brief_words": len(brief),
        "source_words": len(words(segment.source)),
        "novel_bigrams": sum(1 for gram in compared if gram not in basis),
        "bigrams": len(compared),
        "repeated_trigrams": len(trigrams) - len(set(trigrams)),
        "trigrams": len(trigrams),
        "numbers_found": n_numbers - len(unsupported),
        "numbers": n_numbers,
    }


class ReferenceFree(Metric):
    name = "reference_free"
    figures = ("length", "compression", "novel_bigrams", "repetition", "number_fidelity")
    target = "reference_free"
    direction = {"length": 0, "compression": 0, "novel_bigrams": 0, "repetition": -1, "number_fidelity": 1}

    def segment_stats(self, segments: Sequence[Segment]) -> np.ndarray:
        rows = [[checks[key] for key in STATS] for checks in map(article_checks, segments)]
        return np.asarray(rows, dtype=float).reshape(len(segments), len(STATS))

    def figures_from_sums(self, sums: np.ndarray, count: np.ndarray) -> dict[str, np.ndarray]:
        col = {key: sums[:, i] for i, key in enumerate(STATS)}
        return {
            "length": safe_ratio(col["brief_words"], count),
            "compression": safe_ratio(col["source_words"], col["brief_words"]),
            "novel_bigrams": 100 * safe_ratio(col["novel_bigrams"], col["bigrams"]),
            "repetition": 100 * safe_ratio(col["repeated_trigrams"], col["trigrams"]),
            "number_fidelity": 100 * safe_ratio(col["numbers_found"], col["numbers"]),
        }

    def signature(self) -> dict[str, Any]:
        return {
            "implementation": "ringkas.evaluate.metrics.reference_free",
            "tokens": "lower-cased \\w+ words",
            "novel_bigrams_against": "text_en when present, else source",
            "numbers": "ringkas.text.numbers (id/en formats, scale and number words)",
        }
