"""Story clustering: each article joins the story it reports, or starts one.

Articles are placed in time order (published, then id). An article is compared only with the articles
published within ``window_hours`` of it that are still held (never an all-pairs matrix of the input: older
ones are let go); a pair is scored by :class:`PairModel` (meaning, shared words, names and figures, hours
apart, same outlet) and a story's score is the average over its members in the window (average link: one
close look-alike does not pull an article into the wrong story). The article joins the best story scoring at
least ``threshold``, else it starts a new story whose id is its own. The same articles give the same
stories, wherever and however often this runs; :meth:`StoryClusterer.held` carries the recent articles to
the next run, so tomorrow's articles can join today's stories.

Cost: the meaning of a chunk of articles against the held ones is one matrix product; the other features
are computed only for stories with a member close enough in meaning that the story could reach the
threshold (``meaning_floor``: below it, even every other feature at its best scores under the threshold),
so the result is exactly that of scoring every pair in the window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

FEATURES = ("meaning", "words", "names", "figures", "days_apart", "same_outlet")
CHUNK = 256  # articles whose meaning is compared with the held ones in one matrix product


@dataclass
class StoryItem:
    """What clustering keeps of one article."""

    id: str
    seconds: float
    outlet: str
    vector: np.ndarray  # unit-length sentence embedding of the lead
    terms: dict[str, float] = field(default_factory=dict)  # unit TF-IDF weights of the lead's words
    names: frozenset[str] = frozenset()
    figures: frozenset[float] = frozenset()
    story: str | None = None


@dataclass(frozen=True)
class Joined:
    """Where one article went: its story, and (when it joined one) its score and the closest member."""

    story: str
    how: str  # "new" or "joined"
    score: float | None = None
    closest: str | None = None
    signals: dict[str, Any] = field(default_factory=dict)


def overlap(a: frozenset, b: frozenset) -> float:
    """Shared items over the smaller set (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def sparse_dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


class PairModel:
    """A logistic score of "same event" from a pair's features; weights are data (``data/stories.toml``)."""

    def __init__(self, weights: dict[str, float], bias: float):
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown story features {sorted(unknown)}; known: {', '.join(FEATURES)}")
        self.weights = np.array([float(weights.get(name, 0.0)) for name in FEATURES])
        self.bias = float(bias)

    @staticmethod
    def features(item: StoryItem, others: list[StoryItem], meaning: np.ndarray | None = None) -> np.ndarray:
        """``(len(others), len(FEATURES))`` features of ``item`` paired with each of ``others``."""
        rows = np.zeros((len(others), len(FEATURES)))
        if not others:
            return rows
        rows[:, 0] = meaning if meaning is not None else np.stack([o.vector for o in others]) @ item.vector
        for i, other in enumerate(others):
            rows[i, 1:] = (sparse_dot(item.terms, other.terms), overlap(item.names, other.names),
                           overlap(item.figures, other.figures), abs(item.seconds - other.seconds) / 86400,
                           bool(item.outlet) and item.outlet == other.outlet)
        return rows

    def score_features(self, rows: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(rows @ self.weights + self.bias)))

    def meaning_floor(self, threshold: float, window_days: float) -> float:
        """The meaning below which a pair scores under ``threshold`` whatever its other features (each in
        [0, 1], days apart in [0, ``window_days``])."""
        if self.weights[0] <= 0:
            return -math.inf
        best_rest = (sum(max(w, 0.0) for w in self.weights[1:4]) + max(self.weights[4], 0.0) * window_days
                     + max(self.weights[5], 0.0))
        logit = math.log(threshold / (1 - threshold))
        return (logit - self.bias - best_rest) / self.weights[0]


class StoryClusterer:
    """Online average-link clustering over a sliding time window."""

    def __init__(self, model: PairModel, threshold: float, window_hours: float):
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"story threshold {threshold} must be between 0 and 1")
        if not window_hours > 0:
            raise ValueError(f"story window_hours {window_hours} must be positive")
        self.model, self.threshold = model, threshold
        self.window = window_hours * 3600.0
        self.floor = model.meaning_floor(threshold, window_hours / 24)
        self._held: list[StoryItem] = []
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._seconds = np.zeros(0)
        self.compared = 0  # pairs whose every feature was computed (for benchmarks)

    def hold(self, items: list[StoryItem]) -> None:
        """Take already placed articles (a previous run's) as candidates for the next ones."""
        self._append(list(items))

    def held(self) -> list[StoryItem]:
        return list(self._held)

    def _append(self, items: list[StoryItem]) -> None:
        if not items:
            return
        vectors = np.stack([i.vector for i in items]).astype(np.float32)
        self._vectors = vectors if not self._held else np.vstack([self._vectors, vectors])
        self._seconds = np.concatenate([self._seconds, [i.seconds for i in items]])
        self._held += items

    def forget_before(self, seconds: float) -> None:
        """Let go of articles more than a window older than ``seconds``: nothing from then on can meet them."""
        keep = self._seconds >= seconds - self.window
        if keep.all():
            return
        self._held = [item for item, kept in zip(self._held, keep) if kept]
        self._vectors, self._seconds = self._vectors[keep], self._seconds[keep]

    def place(self, items: list[StoryItem]) -> list[Joined]:
        """Place ``items`` in time order (then id); results in the order of ``items``."""
        order = sorted(range(len(items)), key=lambda i: (items[i].seconds, items[i].id))
        results: list[Joined | None] = [None] * len(items)
        for start in range(0, len(order), CHUNK):
            chunk = [items[i] for i in order[start:start + CHUNK]]
            self.forget_before(chunk[0].seconds)
            for position, joined in zip(order[start:start + CHUNK], self._place_chunk(chunk)):
                results[position] = joined
        return results  # type: ignore[return-value]

    def _place_chunk(self, chunk: list[StoryItem]) -> list[Joined]:
        before = len(self._held)
        self._append(chunk)  # their stories are set one by one below, before any later article reads them
        meaning = np.stack([c.vector for c in chunk]).astype(np.float32) @ self._vectors.T
        out = []
        for k, item in enumerate(chunk):
            seen = before + k  # held articles placed before this one
            near = np.flatnonzero(np.abs(self._seconds[:seen] - item.seconds) <= self.window)
            joined = self._choose(item, near, meaning[k])
            item.story = joined.story
            out.append(joined)
        return out

    def _choose(self, item: StoryItem, near: np.ndarray, meaning: np.ndarray) -> Joined:
        close = near[meaning[near] >= self.floor]
        stories = {self._held[i].story for i in close}
        if not stories:
            return Joined(item.id, "new")
        members = [i for i in near if self._held[i].story in stories]
        others = [self._held[i] for i in members]
        rows = self.model.features(item, others, meaning[members])
        self.compared += len(others)
        scores = self.model.score_features(rows)
        by_story: dict[str, list[int]] = {}
        for index, other in enumerate(others):
            by_story.setdefault(other.story, []).append(index)  # type: ignore[arg-type]
        # the best average; a tie goes to the smaller story id, never to the order of the held articles
        best, average = min(((story, float(scores[m].mean())) for story, m in by_story.items()),
                            key=lambda pair: (-pair[1], pair[0]))
        if average < self.threshold:
            return Joined(item.id, "new")
        closest = min(by_story[best], key=lambda i: (-scores[i], others[i].id))
        other = others[closest]
        signals = {"meaning": round(float(rows[closest, 0]), 4), "words": round(float(rows[closest, 1]), 4),
                   "names": sorted(item.names & other.names), "figures": sorted(item.figures & other.figures),
                   "hours_apart": round(float(rows[closest, 4]) * 24, 1), "same_outlet": bool(rows[closest, 5])}
        return Joined(best, "joined", round(average, 4), other.id, signals)
