"""Confidence intervals and paired significance tests over articles.

- Intervals: percentile bootstrap over articles, ``N_RESAMPLES`` = 1000 resamples drawn with a fixed seed
  (``SEED``), 95% by default. Every system is resampled with the *same* draws, so the intervals and the
  paired tests agree with one another and a rerun gives the same numbers.
- Paired bootstrap (Koehn 2004, two-sided, as sacrebleu's ``--paired-bs``): the difference between two
  systems on each resample, re-centred on zero to simulate "no difference"; p is the share of resampled
  differences at least as large (in absolute value) as the observed one, with the +1 correction.
- Approximate randomisation (Riezler & Maxwell 2005): each article's two outputs are swapped with
  probability 1/2 in each of ``N_TRIALS`` trials; p is the share of trials whose absolute difference reaches
  the observed one, +1 corrected. Identical systems give p = 1.

All of it works on a metric's additive per-article statistics (see :mod:`ringkas.evaluate.metrics.base`), so
corpus-level metrics such as BLEU are recomputed exactly on every resample rather than averaged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ringkas.evaluate.metrics.base import Metric

N_RESAMPLES = 1000
N_TRIALS = 1000
SEED = 12345
CONFIDENCE = 0.95
# Fewer resamples put the 2.5th percentile on two or three draws: the interval would mean nothing.
MIN_RESAMPLES = 100
# A bootstrap over one article draws that article every time: its "interval" is the point itself.
MIN_ARTICLES = 2


@dataclass(frozen=True)
class StatsSettings:
    n_resamples: int = N_RESAMPLES
    n_trials: int = N_TRIALS
    seed: int = SEED
    confidence: float = CONFIDENCE

    def to_dict(self) -> dict[str, object]:
        return {"bootstrap_resamples": self.n_resamples, "randomisation_trials": self.n_trials,
                "seed": self.seed, "confidence": self.confidence, "interval": "percentile bootstrap over articles"}


def resample_counts(n_articles: int, n_resamples: int, seed: int) -> np.ndarray:
    """``(n_resamples, n_articles)``: how often each article is drawn in each bootstrap resample.

    Drawn once per set of references and shared by every metric and system scored on it (the same draws
    for all, as the module docstring says); counted with one ``bincount`` over all draws at once.
    """
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_articles, size=(n_resamples, n_articles))
    draws += (np.arange(n_resamples) * n_articles)[:, None]  # resample r counts into row r
    counts = np.bincount(draws.ravel(), minlength=n_resamples * n_articles)
    return counts.reshape(n_resamples, n_articles).astype(float)


def bootstrap_intervals(metric: Metric, stats: np.ndarray, counts: np.ndarray,
                        confidence: float = CONFIDENCE) -> dict[str, tuple[float, float]]:
    """Percentile interval of each corpus figure over the resamples given by ``counts``."""
    sums = counts @ stats
    figures = metric.figures_from_sums(sums, counts.sum(axis=1))
    tail = (1 - confidence) / 2 * 100
    out = {}
    for name, values in figures.items():
        values = values[~np.isnan(values)]
        if values.size == 0:
            out[name] = (float("nan"), float("nan"))
            continue
        low, high = np.percentile(values, [tail, 100 - tail])
        out[name] = (float(low), float(high))
    return out


def _p_value(null_differences: np.ndarray, observed: float) -> float:
    null_differences = null_differences[~np.isnan(null_differences)]
    if np.isnan(observed) or null_differences.size == 0:
        return float("nan")
    # A tolerance so that float noise on an exactly-equal difference still counts as "as large".
    at_least = np.abs(null_differences) >= abs(observed) - 1e-9
    return float((at_least.sum() + 1) / (null_differences.size + 1))


def paired_bootstrap(metric: Metric, stats_a: np.ndarray, stats_b: np.ndarray,
                     counts: np.ndarray) -> dict[str, float]:
    """Two-sided paired bootstrap p-value per figure for "A and B score the same"."""
    n = counts.sum(axis=1)
    resampled_a = metric.figures_from_sums(counts @ stats_a, n)
    resampled_b = metric.figures_from_sums(counts @ stats_b, n)
    observed_a, observed_b = metric.corpus_figures(stats_a), metric.corpus_figures(stats_b)
    out = {}
    for name in resampled_a:
        deltas = resampled_a[name] - resampled_b[name]
        centred = deltas - np.nanmean(deltas) if np.any(~np.isnan(deltas)) else deltas
        out[name] = _p_value(centred, observed_a[name] - observed_b[name])
    return out


def swap_draws(n_articles: int, n_trials: int, seed: int) -> np.ndarray:
    """``(n_trials, n_articles)``: 1 where a randomisation trial swaps that article's two outputs."""
    rng = np.random.default_rng(seed)
    return (rng.random((n_trials, n_articles)) < 0.5).astype(float)


def approximate_randomisation(metric: Metric, stats_a: np.ndarray, stats_b: np.ndarray,
                              n_trials: int = N_TRIALS, seed: int = SEED,
                              swaps: np.ndarray | None = None) -> dict[str, float]:
    """Paired approximate randomisation p-value per figure (swap each article's pair with probability 1/2).
    ``swaps`` (from :func:`swap_draws`) lets many pairs and metrics share one set of trials."""
    if swaps is None:
        swaps = swap_draws(len(stats_a), n_trials, seed)
    n_trials = len(swaps)
    difference = stats_a - stats_b
    total_a, total_b = stats_a.sum(axis=0), stats_b.sum(axis=0)
    n = np.full(n_trials, float(len(stats_a)))
    shuffled_a = metric.figures_from_sums(total_a - swaps @ difference, n)
    shuffled_b = metric.figures_from_sums(total_b + swaps @ difference, n)
    observed_a, observed_b = metric.corpus_figures(stats_a), metric.corpus_figures(stats_b)
    return {name: _p_value(shuffled_a[name] - shuffled_b[name], observed_a[name] - observed_b[name])
            for name in shuffled_a}
