"""The metric interface: per-article sufficient statistics that add up, and figures computed from their sums.

Every metric turns each article into a row of statistics (ROUGE: the article's F1 scores; BLEU: n-gram match
counts and lengths; chrF++: character and word n-gram counts). A corpus figure is a function of the column
sums, so a bootstrap resample or a randomisation trial is a weighted sum of rows and one call of
:meth:`Metric.figures_from_sums` — the same arithmetic sacrebleu uses for its own significance tests.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np


@dataclass(frozen=True)
class Segment:
    """One article as a metric sees it.

    ``hypothesis`` is the system's text ("" when the system has no output for this id), ``reference`` the
    human text it is compared with (None for reference-free checks), ``source`` the Indonesian article,
    ``context`` the system's own English translation of it (reference-free checks compare the brief with it)
    and ``record`` the system's whole record (the translation checks read its fields), None when it has none.
    """

    id: str
    hypothesis: str
    reference: str | None = None
    source: str | None = None
    context: str | None = None
    record: Any = field(default=None, compare=False, repr=False)


class Metric(ABC):
    """A metric family: ``name`` in the registry, the ``figures`` it reports, and what it compares."""

    name: ClassVar[str]
    figures: ClassVar[tuple[str, ...]]
    # "brief": brief vs reference summary; "translation": text_en vs reference translation;
    # "reference_free": the brief alone (with its source).
    target: ClassVar[str] = "brief"
    # figure -> +1 (higher is better), -1 (lower is better) or 0 (descriptive: no best, no significance test)
    direction: ClassVar[dict[str, int]] = {}

    @abstractmethod
    def segment_stats(self, segments: Sequence[Segment]) -> np.ndarray:
        """An ``(n_segments, n_stats)`` array of additive statistics."""

    def systems_stats(self, segments_by_system: dict[str, Sequence[Segment]]) -> dict[str, np.ndarray]:
        """:meth:`segment_stats` of several systems scored against the same references, in the same order. A
        metric that prepares each reference (sacrebleu's n-gram cache) overrides this to prepare it once."""
        return {name: self.segment_stats(segments) for name, segments in segments_by_system.items()}

    @abstractmethod
    def figures_from_sums(self, sums: np.ndarray, count: np.ndarray) -> dict[str, np.ndarray]:
        """Figures from ``(n_samples, n_stats)`` column sums over ``count`` articles (shape ``(n_samples,)``)."""

    @abstractmethod
    def signature(self) -> dict[str, Any]:
        """Everything needed to reproduce the figures: the implementation, its version and its settings."""

    def corpus_figures(self, stats: np.ndarray) -> dict[str, float]:
        sums = stats.sum(axis=0, keepdims=True)
        figures = self.figures_from_sums(sums, np.array([len(stats)]))
        return {name: float(values[0]) for name, values in figures.items()}

    def article_figures(self, stats: np.ndarray) -> dict[str, np.ndarray]:
        """Each article's figures on its own (its row as a corpus of one), for plots and the side-by-side."""
        return self.figures_from_sums(stats, np.ones(len(stats)))

    def direction_of(self, figure: str) -> int:
        return self.direction.get(figure, 1)


def safe_ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``numerator / denominator`` with NaN where the denominator is 0 (an undefined figure, not a zero)."""
    numerator = np.asarray(numerator, dtype=float)
    denominator = np.asarray(denominator, dtype=float)
    out = np.full(np.broadcast(numerator, denominator).shape, np.nan)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out
