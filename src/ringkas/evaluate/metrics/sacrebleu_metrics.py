"""BLEU and chrF++ through sacrebleu, on the system's English translation (``text_en``) against the reference
translation, one segment per article.

Statistics are sacrebleu's own per-segment sufficient statistics and figures come from sacrebleu's own
``_compute_score_from_stats``, so the corpus figure is exactly ``corpus_score(hypotheses, [references])``
and bootstrap resamples are sacrebleu's arithmetic too. The signature is sacrebleu's.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

import numpy as np

from ringkas.evaluate.metrics.base import Metric, Segment

# References prepared at a time (see systems_stats).
REFERENCE_BLOCK = 500


class _SacrebleuMetric(Metric):
    target = "translation"

    @cached_property
    def _metric(self) -> Any:
        return self._build()

    def _build(self, references: Sequence[Sequence[str]] | None = None) -> Any:
        raise NotImplementedError

    def segment_stats(self, segments: Sequence[Segment]) -> np.ndarray:
        return self.systems_stats({"": segments})[""]

    def systems_stats(self, segments_by_system: dict[str, Sequence[Segment]]) -> dict[str, np.ndarray]:
        """sacrebleu's per-segment statistics, a block of references at a time: each block's reference n-grams
        (sacrebleu's reference cache, given at construction) are prepared once for every system, and memory
        holds one block's n-grams, not 10,000 articles' (chrF++ keeps six orders of character n-grams)."""
        names = list(segments_by_system)
        if not names:
            return {}
        first = segments_by_system[names[0]]
        for name in names[1:]:
            if [s.id for s in segments_by_system[name]] != [s.id for s in first]:
                raise ValueError("systems_stats needs every system's segments in the same reference order")
        rows: dict[str, list[Any]] = {name: [] for name in names}
        for start in range(0, len(first), REFERENCE_BLOCK):
            block = slice(start, start + REFERENCE_BLOCK)
            scorer = self._build([[segment.reference or "" for segment in first[block]]])
            for name in names:
                hypotheses = [segment.hypothesis for segment in segments_by_system[name][block]]
                rows[name].extend(scorer._extract_corpus_statistics(hypotheses, None))
        width = len(self._metric._extract_corpus_statistics([""], [[""]])[0])
        return {name: np.asarray(rows[name], dtype=float).reshape(len(first), width) for name in names}

    def _score(self, sums: np.ndarray) -> np.ndarray:
        return np.array([self._metric._compute_score_from_stats(list(row)).score for row in sums])

    def signature(self) -> dict[str, Any]:
        # num_refs is only known once references were read; one reference per article here.
        self._metric.num_refs = 1
        return {"sacrebleu": str(self._metric.get_signature())}


class Bleu(_SacrebleuMetric):
    name = "bleu"
    figures = ("bleu",)

    def _build(self, references: Sequence[Sequence[str]] | None = None) -> Any:
        from sacrebleu.metrics import BLEU

        return BLEU(references=references)

    def figures_from_sums(self, sums: np.ndarray, count: np.ndarray) -> dict[str, np.ndarray]:
        return {"bleu": self._score(sums)}


class ChrfPlusPlus(_SacrebleuMetric):
    name = "chrf++"
    figures = ("chrf++",)

    def _build(self, references: Sequence[Sequence[str]] | None = None) -> Any:
        from sacrebleu.metrics import CHRF

        return CHRF(word_order=2, references=references)

    def figures_from_sums(self, sums: np.ndarray, count: np.ndarray) -> dict[str, np.ndarray]:
        return {"chrf++": self._score(sums)}
