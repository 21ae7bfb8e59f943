"""The stories metric: B-cubed and pairwise scores of story ids against labelled events, in ringkas eval."""

from __future__ import annotations

import pytest

from ringkas.evaluate.references import Reference, reference_from_dict
from ringkas.evaluate.scoring import score_systems
from ringkas.evaluate.stats import StatsSettings
from ringkas.record import Article
from ringkas.stories.scores import clustering_scores

# Worked by hand from the definitions. Labels: a a a b b c; prediction: {1,2} {3,4,5} {6}.
# B-cubed precision per article: 1, 1, 1/3, 2/3, 2/3, 1 -> 14/3 / 6 = 7/9
# B-cubed recall per article: 2/3, 2/3, 1/3, 1, 1, 1 -> 14/3 / 6 = 7/9
# pairs: predicted {12, 34, 35, 45} = 4, labelled {12, 13, 23, 45} = 4, both {12, 45} = 2
CASES = [
    (["1", "1", "3", "3", "3", "6"], ["a", "a", "a", "b", "b", "c"],
     {"bcubed_p": 7 / 9, "bcubed_r": 7 / 9, "bcubed_f1": 7 / 9, "pairwise_p": 0.5, "pairwise_r": 0.5,
      "pairwise_f1": 0.5}),
    (["x", "y", "z"], ["a", "a", "b"],
     {"bcubed_p": 1.0, "bcubed_r": 2 / 3, "bcubed_f1": 0.8, "pairwise_r": 0.0, "pairwise_f1": 0.0}),
    (["x", "x", "x"], ["a", "b", "c"],
     {"bcubed_p": 1 / 3, "bcubed_r": 1.0, "bcubed_f1": 0.5, "pairwise_p": 0.0, "pairwise_f1": 0.0}),
]


@pytest.mark.parametrize("predicted, labels, expected", CASES, ids=["mixed", "all-alone", "all-together"])
def test_scores_match_the_definitions(predicted: list[str], labels: list[str], expected: dict) -> None:
    got = clustering_scores(predicted, labels)
    for name, value in expected.items():
        assert got[name] == pytest.approx(value, abs=1e-9), name


def test_eval_scores_story_ids_against_events_with_intervals() -> None:
    labels = ["a", "a", "a", "b", "b", "c"] * 4
    refs = [Reference(id=f"r{i}", event=f"{label}{i // 6}") for i, label in enumerate(labels)]
    stories = [Article(id=f"r{i}", story=f"s{i // 6}-{p}") for i, p in enumerate(["1", "1", "3", "3", "3", "6"] * 4)]
    result = score_systems(refs, {"ringkas": {a.id: a for a in stories}, "nothing": {}}, metrics=["stories"],
                           settings=StatsSettings(n_resamples=200, n_trials=200))
    ringkas, nothing = result.systems["ringkas"], result.systems["nothing"]
    assert ringkas.figures["bcubed_f1"] == pytest.approx(100 * 7 / 9)
    low, high = ringkas.intervals["bcubed_f1"]
    assert low <= ringkas.figures["bcubed_f1"] <= high
    assert nothing.figures["bcubed_p"] == 100.0  # a record the system lacks is a story of its own
    assert result.sample_note() == "n = 24 references with an event"


def test_a_reference_may_carry_only_an_event() -> None:
    assert reference_from_dict({"id": "x", "event": "flood"}, "refs line 1").event == "flood"
