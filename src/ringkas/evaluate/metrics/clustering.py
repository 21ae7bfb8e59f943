"""Story clustering against labelled events: B-cubed and pairwise precision, recall and F1.

References carry an ``event`` label; a system's record carries the ``story`` a job or ``ringkas cluster``
gave it (a record the system lacks counts as a story of its own). Each article's statistics are its B-cubed
precision and recall and its pair counts (:mod:`ringkas.stories.scores`), computed once over the whole
clustering; a bootstrap resample reweights articles with their clusters held as they are (the usual
approximation for clustering scores, which are not sums over independent articles).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from ringkas.evaluate.metrics.base import Metric, Segment
from ringkas.stories import scores


class StoryClustering(Metric):
    name = "stories"
    figures: ClassVar[tuple[str, ...]] = ("bcubed_p", "bcubed_r", "bcubed_f1", "pairwise_p", "pairwise_r",
                                          "pairwise_f1")
    target = "stories"

    def segment_stats(self, segments: Sequence[Segment]) -> np.ndarray:
        predicted = [s.hypothesis or f"(alone) {s.id}" for s in segments]
        return scores.article_stats(predicted, [s.reference for s in segments])

    def figures_from_sums(self, sums: np.ndarray, count: np.ndarray) -> dict[str, np.ndarray]:
        return {name: values * 100 for name, values in scores.figures_from_sums(sums, count).items()}

    def signature(self) -> dict[str, Any]:
        return {"metric": "stories", "figures": "B-cubed (Bagga & Baldwin 1998) and pairwise P/R/F1 x100",
                "missing_record": "a story of its own"}
