"""The clusterer: average link within a time window, exact under its meaning floor, stable tie-breaks."""

from __future__ import annotations

import numpy as np
import pytest

from ringkas.stories.cluster import FEATURES, PairModel, StoryClusterer, StoryItem

MODEL = PairModel({"meaning": 3.0, "words": 5.0, "names": 5.0, "figures": 2.0, "days_apart": -1.5,
                   "same_outlet": -0.6}, -4.3)


def item(i: str, hours: float, vector: list[float], names: tuple[str, ...] = (), outlet: str = "") -> StoryItem:
    v = np.asarray(vector, dtype=np.float32)
    return StoryItem(i, hours * 3600, outlet, v / np.linalg.norm(v), {}, frozenset(names), frozenset())


def random_items(n: int, seed: int) -> list[StoryItem]:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n // 4, 16))
    out = []
    for k in range(n):
        v = centres[k % len(centres)] + 0.35 * rng.normal(size=16)
        out.append(item(f"a{k:03d}", float(rng.uniform(0, 96)), list(v), tuple(f"n{k % len(centres)}",),
                        f"o{k % 5}"))
    return out


def test_pair_features_in_the_clusterer_are_the_reference_ones() -> None:
    """The clusterer's matrix products give each pair the features :meth:`PairModel.features` computes."""
    items = random_items(40, 5)
    for k, one in enumerate(items):
        one.terms = {f"w{k % 7}": 0.6, f"w{k % 3}": 0.8}
        one.figures = frozenset({float(k % 4)})
    clusterer = StoryClusterer(MODEL, 0.6, 1000)
    clusterer._append(items)
    features = clusterer._chunk_features(0)
    reference = PairModel.features(items[3], items)
    for f in range(4):
        assert np.allclose(features[f][3], reference[:, f], atol=1e-6), FEATURES[f]


def test_an_article_joins_the_story_with_the_best_average_not_one_close_look_alike() -> None:
    # story A: two members, one very close to the newcomer and one far; story B: two fairly close members
    items = [item("a1", 0, [1, 0, 0]), item("a2", 1, [1, 0.05, 0]), item("b1", 0, [0, 1, 0]),
             item("b2", 1, [0, 1, 0.05])]
    clusterer = StoryClusterer(PairModel({"meaning": 10.0}, -5.0), 0.5, 48)
    clusterer.place(items)
    newcomer = item("c", 2, [0.6, 0.8, 0])
    joined = clusterer.place([newcomer])[0]
    assert joined.story == "b1"


def test_ties_go_to_the_smaller_story_id() -> None:
    items = [item("b", 0, [1, 0]), item("a", 0, [0, 1])]
    clusterer = StoryClusterer(PairModel({"meaning": 10.0}, -5.0), 0.5, 48)
    clusterer.place(items)
    assert clusterer.place([item("c", 1, [1, 1])])[0].story == "a"


def test_articles_outside_the_window_are_let_go() -> None:
    clusterer = StoryClusterer(MODEL, 0.6, 24)
    clusterer.place([item("old", 0, [1, 0])])
    clusterer.place([item("new", 100, [1, 0])])
    assert [i.id for i in clusterer.held()] == ["new"]


def test_what_leaves_the_window_leaves_memory_stories_names_and_words_too() -> None:
    """Ten days of articles, each day's names and words new: the clusterer holds a window's worth of
    articles, story numbers and vocabulary, not the whole input's."""
    clusterer = StoryClusterer(MODEL, 0.6, 24)
    for day in range(10):
        day_items = [item(f"d{day:02d}-{k:03d}", day * 24 + k / 100, [1, k, day],
                          tuple(f"name{day}-{k}-{j}" for j in range(5)), f"o{k % 5}") for k in range(100)]
        for one in day_items:
            one.terms = {f"word{day}-{k}": 1.0 for k in range(one_index(one), one_index(one) + 8)}
        list(clusterer.place_sorted(day_items))
    held = clusterer.held()
    assert len(held) <= 2 * 100
    assert len(clusterer._story_ids) <= len(held)
    assert all(len(vocabulary.vocabulary) <= 2 * 8 * len(held) + 1024 for vocabulary in clusterer._sparse[:3])


def one_index(one: StoryItem) -> int:
    return int(one.id.rsplit("-", 1)[1])


def test_forgetting_keeps_the_same_stories_as_holding_everything() -> None:
    """Letting go of old stories and unused words renumbers what is held; the stories stay the same."""
    items = random_items(120, 8)
    for k, one in enumerate(items):
        one.terms = {f"w{k}": 0.6, f"w{k % 9}": 0.8}
    forgetting = StoryClusterer(MODEL, 0.6, 12)
    everything = StoryClusterer(MODEL, 0.6, 12)
    everything.forget_before = lambda seconds: None  # holds every article; the window still limits comparisons
    assert [j.story for j in forgetting.place(items)] == [j.story for j in everything.place(items)]


@pytest.mark.parametrize("weights, message", [({"colour": 1.0}, "unknown story features"), ({}, None)],
                         ids=["unknown-feature", "no-weights"])
def test_pair_model_checks_its_weights(weights: dict, message: str | None) -> None:
    if message:
        with pytest.raises(ValueError, match=message):
            PairModel(weights, 0.0)
    else:
        assert len(PairModel(weights, 0.0).weights) == len(FEATURES)
