"""B-cubed and pairwise precision, recall and F1 of a clustering against labels.

B-cubed (Bagga and Baldwin 1998; Amigó et al. 2009) scores each article: precision is the share of its
predicted cluster that carries its label, recall the share of its label's articles that are in its predicted
cluster; both are averaged over articles and F1 is their harmonic mean. Pairwise scores count the pairs of
articles put together: precision is the share of predicted pairs that share a label, recall the share of
labelled pairs that were put together. Both are written as per-article statistics that add up, so the
evaluation harness can resample articles (:mod:`ringkas.evaluate.metrics.clustering`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

import numpy as np

# columns of :func:`article_stats`
STATS = ("bcubed_p", "bcubed_r", "pairs_both", "pairs_predicted", "pairs_labelled")


def article_stats(predicted: Sequence[Hashable], labels: Sequence[Hashable]) -> np.ndarray:
    """``(n, 5)``: each article's B-cubed precision and recall, and its pairs (with every other article) that
    are together in both, in the prediction, and in the labels."""
    if len(predicted) != len(labels):
        raise ValueError(f"{len(predicted)} predicted clusters for {len(labels)} labels")
    both = Counter(zip(predicted, labels))
    by_predicted, by_label = Counter(predicted), Counter(labels)
    rows = np.empty((len(labels), len(STATS)))
    for i, (cluster, label) in enumerate(zip(predicted, labels)):
        shared = both[cluster, label]
        rows[i] = (shared / by_predicted[cluster], shared / by_label[label], shared - 1,
                   by_predicted[cluster] - 1, by_label[label] - 1)
    return rows


def figures_from_sums(sums: np.ndarray, count: np.ndarray) -> dict[str, np.ndarray]:
    """B-cubed and pairwise P/R/F1 from column sums of :func:`article_stats` over ``count`` articles."""
    sums = np.atleast_2d(sums)
    count = np.asarray(count, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        bp, br = sums[:, 0] / count, sums[:, 1] / count
        pp = np.where(sums[:, 3] > 0, sums[:, 2] / np.maximum(sums[:, 3], 1e-12), np.nan)
        pr = np.where(sums[:, 4] > 0, sums[:, 2] / np.maximum(sums[:, 4], 1e-12), np.nan)
        return {"bcubed_p": bp, "bcubed_r": br, "bcubed_f1": _f1(bp, br),
                "pairwise_p": pp, "pairwise_r": pr, "pairwise_f1": _f1(pp, pr)}


def _f1(p: np.ndarray, r: np.ndarray) -> np.ndarray:
    total = p + r
    return np.where(total > 0, 2 * p * r / np.where(total > 0, total, 1), 0.0)


def clustering_scores(predicted: Sequence[Hashable], labels: Sequence[Hashable]) -> dict[str, float]:
    """Corpus figures of one clustering (NaN where undefined: pairwise precision with no predicted pair)."""
    stats = article_stats(predicted, labels)
    figures = figures_from_sums(stats.sum(axis=0), np.array([len(stats)]))
    return {name: float(values[0]) for name, values in figures.items()}
