"""Bootstrap and paired tests on cases whose answers are known."""

from __future__ import annotations

import numpy as np
import pytest

from ringkas.evaluate.metrics import METRICS
from ringkas.evaluate.stats import (approximate_randomisation, bootstrap_intervals, paired_bootstrap,
                                    resample_counts)

ROUGE = METRICS.build("rouge")


def rouge_stats(column: np.ndarray) -> np.ndarray:
    """Per-article ROUGE statistics with every ROUGE type equal to ``column``."""
    return np.repeat(np.asarray(column, dtype=float)[:, None], 4, axis=1)


def test_resample_counts_draw_n_articles_each_time():
    counts = resample_counts(n_articles=7, n_resamples=50, seed=1)
    assert counts.shape == (50, 7)
    assert (counts.sum(axis=1) == 7).all()
    assert (resample_counts(7, 50, seed=1) == counts).all()  # seeded: the same draws every time


def test_constant_scores_have_a_zero_width_interval():
    stats = rouge_stats(np.full(30, 42.0))
    low, high = bootstrap_intervals(ROUGE, stats, resample_counts(30, 1000, 3))["rouge1"]
    assert low == pytest.approx(42.0) and high == pytest.approx(42.0)


def test_interval_of_a_mean_matches_the_known_standard_error():
    """A bootstrap of a mean has standard error sigma/sqrt(n); the 95% interval is about +-1.96 of it."""
    rng = np.random.default_rng(0)
    values = rng.normal(50, 10, size=400)
    low, high = bootstrap_intervals(ROUGE, rouge_stats(values), resample_counts(400, 2000, 5))["rouge1"]
    standard_error = values.std() / np.sqrt(len(values))
    assert low < values.mean() < high
    assert (high - low) / 2 == pytest.approx(1.96 * standard_error, rel=0.1)


@pytest.mark.parametrize("test", ["bootstrap", "randomisation"])
def test_identical_systems_have_p_one(test):
    stats = rouge_stats(np.random.default_rng(1).uniform(10, 70, size=40))
    p = (paired_bootstrap(ROUGE, stats, stats, resample_counts(40, 1000, 2)) if test == "bootstrap"
         else approximate_randomisation(ROUGE, stats, stats, n_trials=1000, seed=2))
    assert p["rouge1"] == pytest.approx(1.0)


@pytest.mark.parametrize("test", ["bootstrap", "randomisation"])
def test_clearly_different_systems_have_small_p(test):
    a = rouge_stats(np.random.default_rng(1).uniform(30, 70, size=40))
    b = a - 15 + np.random.default_rng(2).normal(0, 2, size=(40, 1))
    p = (paired_bootstrap(ROUGE, a, b, resample_counts(40, 1000, 2)) if test == "bootstrap"
         else approximate_randomisation(ROUGE, a, b, n_trials=1000, seed=2))
    assert p["rouge1"] < 0.01


def test_small_noise_difference_is_not_significant():
    rng = np.random.default_rng(7)
    a = rouge_stats(rng.uniform(30, 70, size=30))
    b = a + rouge_stats(rng.normal(0, 1, size=30))
    assert approximate_randomisation(ROUGE, a, b, n_trials=1000, seed=3)["rouge1"] > 0.05


def test_bleu_interval_contains_the_corpus_figure():
    import sacrebleu

    metric = METRICS.build("bleu")
    from ringkas.evaluate.metrics import Segment

    hyps = ["the cat sat on the mat", "a dog barked", "prices rose 2.1 percent", "rain fell all day"] * 5
    refs = ["the cat sat on a mat", "the dog barked loudly", "prices went up 2.1 percent", "it rained all day"] * 5
    stats = metric.segment_stats([Segment(str(i), h, r) for i, (h, r) in enumerate(zip(hyps, refs))])
    low, high = bootstrap_intervals(metric, stats, resample_counts(20, 500, 4))["bleu"]
    assert low <= sacrebleu.corpus_bleu(hyps, [refs]).score <= high
