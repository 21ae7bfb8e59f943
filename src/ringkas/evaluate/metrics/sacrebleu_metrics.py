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


class _SacrebleuMetric(Metric):
    target = "translation"

    @cached_property
    def _metric(self) -> Any:
        return self._build()

    def _build(self) -> Any:
        raise NotImplementedError

    def segment_stats(self, segments: Sequence[Segment]) -> np.ndarray:
        hypotheses = [segment.hypothesis for segment in segments]
        references = [segment.reference or "" for segment in segments]
        stats = self._metric._extract_corpus_statistics(hypotheses, [references])
        return np.asarray(stats, dtype=float)

    def _score(self, sums: np.ndarray) -> np.ndarray:
        return np.array([self._metric._compute_score_from_stats(list(row)).score for row in sums])

    def signature(self) -> dict[str, Any]:
        # num_refs is only known once references were read; one reference per article here.
        self._metric.num_refs = 1
        return {"sacrebleu": str(self._metric.get_signature())}


class Bleu(_SacrebleuMetric):
    name = "bleu"
    figures = ("bleu",)

    def _build(self) -> Any:
        from sacrebleu.metrics import BLEU

        return BLEU()

    def figures_from_sums(self, sums: np.ndarray, count: np.ndarray) -> dict[str, np.ndarray]:
        return {"bleu": self._score(sums)}


class ChrfPlusPlus(_SacrebleuMetric):
    name = "chrf++"
    figures = ("chrf++",)

    def _build(self) -> Any:
        from sacrebleu.metrics import CHRF

        return CHRF(word_order=2)

    def figures_from_sums(self, sums: np.ndarray, count: np.ndarray) -> dict[str, np.ndarray]:
        return {"chrf++": self._score(sums)}
