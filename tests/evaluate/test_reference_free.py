from __future__ import annotations

import math

import pytest

from ringkas.evaluate.metrics import METRICS, Segment

CASES = {
    "copy_of_context": (Segment("a", "prices rose in may", source="harga naik pada mei", context="prices rose in may"),
                        {"length": 4, "novel_bigrams": 0.0, "repetition": 0.0, "compression": 1.0}),
    "repetitive": (Segment("a", "the the the the", source="satu dua tiga empat lima enam tujuh delapan"),
                   {"length": 4, "repetition": 50.0, "compression": 2.0}),
    "missing": (Segment("a", "", source="satu dua"), {"length": 0}),
    "big_number_is_one_word": (Segment("a", "Fund hits Rp 1.000.000.000", source="Dana capai Rp 1.000.000.000"),
                               {"length": 4, "repetition": 0.0}),
}


@pytest.mark.parametrize("segment,expected", CASES.values(), ids=CASES.keys())
def test_reference_free_figures(segment, expected):
    metric = METRICS.build("reference_free")
    figures = metric.corpus_figures(metric.segment_stats([segment]))
    for name, value in expected.items():
        assert figures[name] == pytest.approx(value), name


def test_number_fidelity_is_a_share_over_all_briefs():
    metric = METRICS.build("reference_free")
    segments = [Segment("a", "Rp 150,000 and 7 people", source="Rp 150.000 untuk 7 orang"),
                Segment("b", "Up 3.4 percent", source="naik 2,1 persen"),
                Segment("c", "No figures here", source="tanpa angka")]
    assert metric.corpus_figures(metric.segment_stats(segments))["number_fidelity"] == pytest.approx(200 / 3)


def test_novel_bigrams_is_undefined_without_the_systems_english_text():
    """Against the Indonesian source an English brief is all novel: that says nothing, so it is n/a."""
    metric = METRICS.build("reference_free")
    without = metric.corpus_figures(metric.segment_stats([Segment("a", "prices rose", source="harga naik")]))
    assert math.isnan(without["novel_bigrams"])
    mixed = [Segment("a", "prices rose in may", source="harga naik", context="prices rose in april"),
             Segment("b", "floods hit bekasi", source="banjir")]
    figures = metric.corpus_figures(metric.segment_stats(mixed))
    assert figures["novel_bigrams"] == pytest.approx(100 / 3)  # 1 of the 3 bigrams of the one with text_en
