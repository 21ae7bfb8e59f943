"""Story clustering: each article joins the story it reports, or starts one.

Articles are placed in time order (published, then id). An article is compared only with the articles
published within ``window_hours`` of it that are still held (never an all-pairs matrix of the input: older
ones are let go); a pair is scored by :class:`PairModel` (meaning, shared words, names and figures, hours
apart, same outlet) and a story's score is the average over its members in the window (average link: one
close look-alike does not pull an article into the wrong story). The article joins the best story scoring at
least ``threshold``, else it starts a new story whose id is its own. The same articles give the same
stories, wherever and however often this runs; :meth:`StoryClusterer.held` carries the recent articles to
the next run, so tomorrow's articles can join today's stories.

Cost: each chunk of articles is compared with the held ones in a few matrix products (dense for meaning,
sparse for words, names and figures), then each article of the chunk is placed in turn with vector
operations over its window. Memory holds only the articles of the last window: what leaves it is let go
with its story's number and the words, names and figures no held article uses any more, so a week of
articles takes the memory of two days (:meth:`StoryClusterer.place_sorted` takes them as a stream).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

FEATURES = ("meaning", "words", "names", "figures", "days_apart", "same_outlet")
CHUNK = 256  # articles compared with the held ones in one set of matrix products


@dataclass
class StoryItem:
    """What clustering keeps of one article."""

    id: str
    seconds: float
    outlet: str
    vector: np.ndarray  # unit-length sentence embedding of the lead
    terms: dict[str, float] = field(default_factory=dict)  # the lead's words: counts, or unit TF-IDF weights
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
    number: int = -1  # the story's number in this clusterer (never reused, also after the story is let go)


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


class _Sparse:
    """Rows of sparse features (word weights, names, figures) numbered by one growing vocabulary each."""

    def __init__(self) -> None:
        self.vocabulary: dict[Any, int] = {}

    def row(self, weights: dict[Any, float]) -> tuple[np.ndarray, np.ndarray]:
        columns = np.array([self.vocabulary.setdefault(k, len(self.vocabulary)) for k in weights], dtype=np.int64)
        return columns, np.fromiter(weights.values(), dtype=np.float64, count=len(weights))

    def compact(self, rows: list[tuple[np.ndarray, np.ndarray]]) -> list[tuple[np.ndarray, np.ndarray]] | None:
        """Once most of the vocabulary is unused by ``rows``, renumber the columns they use (0.., in order) and
        forget the others, returning the renumbered rows (their products are the same); else None."""
        used = np.unique(np.concatenate([c for c, _ in rows])) if rows else np.zeros(0, dtype=np.int64)
        if len(self.vocabulary) <= 2 * len(used) + 1024:
            return None
        renumber = np.full(len(self.vocabulary), -1, dtype=np.int64)
        renumber[used] = np.arange(len(used))
        self.vocabulary = {key: int(renumber[column]) for key, column in self.vocabulary.items()
                           if renumber[column] >= 0}
        return [(renumber[c], d) for c, d in rows]

    def matrix(self, rows: list[tuple[np.ndarray, np.ndarray]]) -> Any:
        from scipy.sparse import csr_matrix

        lengths = np.fromiter((len(c) for c, _ in rows), dtype=np.int64, count=len(rows))
        pointers = np.concatenate([[0], np.cumsum(lengths)])
        columns = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
        data = np.concatenate([d for _, d in rows]) if rows else np.zeros(0)
        return csr_matrix((data, columns, pointers), shape=(len(rows), max(len(self.vocabulary), 1)))


class StoryClusterer:
    """Online average-link clustering over a sliding time window."""

    def __init__(self, model: PairModel, threshold: float, window_hours: float,
                 weigh: Callable[[dict[str, float]], dict[str, float]] | None = None):
        """``weigh`` turns an item's ``terms`` into unit TF-IDF weights as it is taken in (None: they are)."""
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"story threshold {threshold} must be between 0 and 1")
        if not window_hours > 0:
            raise ValueError(f"story window_hours {window_hours} must be positive")
        self.model, self.threshold = model, threshold
        self.window = window_hours * 3600.0
        self.weigh = weigh
        self._held: list[StoryItem] = []
        self._rows: list[list[tuple[np.ndarray, np.ndarray]]] = []  # sparse rows per held article
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._seconds = np.zeros(0)
        self._outlets = np.zeros(0, dtype=np.int64)
        self._stories = np.zeros(0, dtype=np.int64)  # story number per held article
        self._story_ids: dict[int, str] = {}  # the held articles' stories only
        self._story_numbers: dict[str, int] = {}
        self._next_number = 0
        self._sparse = (_Sparse(), _Sparse(), _Sparse(), _Sparse())  # words, names, figures, outlets
        self.compared = 0  # pairs scored (for benchmarks)
        self.most_held = 0  # the most articles held at once: what memory follows (for benchmarks)

    def hold(self, items: list[StoryItem]) -> None:
        """Take already placed articles (a previous run's, with their stories) as candidates for the next ones."""
        self._append(list(items))
        for position, item in enumerate(items, len(self._held) - len(items)):
            self._stories[position] = self._number(item.story or item.id)

    def held(self) -> list[StoryItem]:
        return list(self._held)

    def story_number(self, story: str) -> int | None:
        """The number of held story ``story`` (None when no held article is in it)."""
        return self._story_numbers.get(story)

    def _number(self, story: str) -> int:
        if story not in self._story_numbers:
            self._story_numbers[story] = self._next_number
            self._story_ids[self._next_number] = story
            self._next_number += 1
        return self._story_numbers[story]

    def _append(self, items: list[StoryItem]) -> None:
        if not items:
            return
        words, names, figures, outlets = self._sparse
        for i in items:
            self._rows.append([words.row(self.weigh(i.terms) if self.weigh else i.terms),
                               names.row(dict.fromkeys(i.names, 1.0)), figures.row(dict.fromkeys(i.figures, 1.0))])
        vectors = np.stack([i.vector for i in items]).astype(np.float32)
        self._vectors = vectors if not self._held else np.vstack([self._vectors, vectors])
        self._seconds = np.concatenate([self._seconds, [i.seconds for i in items]])
        codes = [outlets.vocabulary.setdefault(i.outlet, len(outlets.vocabulary)) if i.outlet else -1 - n
                 for n, i in enumerate(items)]  # no outlet: never "the same outlet"
        self._outlets = np.concatenate([self._outlets, codes])
        self._stories = np.concatenate([self._stories, np.full(len(items), -1)])
        self._held += items
        self.most_held = max(self.most_held, len(self._held))

    def forget_before(self, seconds: float) -> None:
        """Let go of articles more than a window older than ``seconds``: nothing from then on can meet them."""
        keep = self._seconds >= seconds - self.window
        if keep.all():
            return
        self._held = [item for item, kept in zip(self._held, keep) if kept]
        self._rows = [row for row, kept in zip(self._rows, keep) if kept]
        self._vectors, self._seconds = self._vectors[keep], self._seconds[keep]
        self._outlets, self._stories = self._outlets[keep], self._stories[keep]
        self._story_ids = {n: self._story_ids[n] for n in np.unique(self._stories).tolist() if n >= 0}
        self._story_numbers = {story: n for n, story in self._story_ids.items()}
        for k in range(3):  # words, names and figures that no held article uses any more
            renumbered = self._sparse[k].compact([row[k] for row in self._rows])
            for row, kept in zip(self._rows, renumbered or []):
                row[k] = kept

    def place(self, items: list[StoryItem]) -> list[Joined]:
        """Place ``items`` in time order (then id); results in the order of ``items``."""
        order = sorted(range(len(items)), key=lambda i: (items[i].seconds, items[i].id))
        results: list[Joined | None] = [None] * len(items)
        for position, joined in zip(order, self.place_sorted(items[i] for i in order)):
            results[position] = joined
        return results  # type: ignore[return-value]

    def place_sorted(self, items: Iterable[StoryItem]) -> Iterator[Joined]:
        """Place a stream of ``items`` already in time order (then id), yielding where each went in turn; only
        a chunk of the stream is read ahead."""
        chunk: list[StoryItem] = []
        for item in items:
            chunk.append(item)
            if len(chunk) == CHUNK:
                yield from self._place_next(chunk)
                chunk = []
        if chunk:
            yield from self._place_next(chunk)

    def _place_next(self, chunk: list[StoryItem]) -> list[Joined]:
        self.forget_before(chunk[0].seconds)
        return self._place_chunk(chunk)

    def _chunk_features(self, before: int) -> list[np.ndarray]:
        """Dense ``(chunk, held)`` matrices of the chunk's meaning, words, names and figures against the held."""
        chunk = slice(before, len(self._held))
        out = [self._vectors[chunk] @ self._vectors.T]
        for k in range(3):
            held = self._sparse[k].matrix([row[k] for row in self._rows])
            product = (held[chunk] @ held.T).toarray()
            if k > 0:  # names and figures: shared over the smaller set
                sizes = np.asarray(held.sum(axis=1)).ravel()
                smaller = np.minimum.outer(sizes[chunk], sizes)
                product = np.divide(product, smaller, out=np.zeros_like(product), where=smaller > 0)
            out.append(product)
        return out

    def _place_chunk(self, chunk: list[StoryItem]) -> list[Joined]:
        before = len(self._held)
        self._append(chunk)  # their stories are set one by one below, before any later article reads them
        features = self._chunk_features(before)
        out = []
        for k, item in enumerate(chunk):
            seen = before + k  # held articles placed before this one
            near = np.flatnonzero(np.abs(self._seconds[:seen] - item.seconds) <= self.window)
            rows = np.empty((len(near), len(FEATURES)))
            for f in range(4):
                rows[:, f] = features[f][k, near]
            rows[:, 4] = np.abs(self._seconds[near] - item.seconds) / 86400
            rows[:, 5] = self._outlets[near] == self._outlets[seen]
            joined = self._choose(item, near, rows)
            item.story = joined.story
            self._stories[seen] = self._number(joined.story)
            out.append(joined if joined.number >= 0 else replace(joined, number=int(self._stories[seen])))
        return out

    def _choose(self, item: StoryItem, near: np.ndarray, rows: np.ndarray) -> Joined:
        if not len(near):
            return Joined(item.id, "new")
        scores = self.model.score_features(rows)
        self.compared += len(near)
        numbers, members = np.unique(self._stories[near], return_inverse=True)
        averages = np.bincount(members, weights=scores) / np.bincount(members)
        top = averages.max()
        if top < self.threshold:
            return Joined(item.id, "new")
        # the best average; a tie goes to the smaller story id, never to the order of the held articles
        best = min(np.flatnonzero(averages == top), key=lambda n: self._story_ids[numbers[n]])
        in_best = np.flatnonzero(members == best)
        closest = min(in_best, key=lambda i: (-scores[i], self._held[near[i]].id))
        other = self._held[near[closest]]
        signals = {"meaning": round(float(rows[closest, 0]), 4), "words": round(float(rows[closest, 1]), 4),
                   "names": sorted(item.names & other.names), "figures": sorted(item.figures & other.figures),
                   "hours_apart": round(float(rows[closest, 4]) * 24, 1), "same_outlet": bool(rows[closest, 5])}
        return Joined(self._story_ids[numbers[best]], "joined", round(float(top), 4), other.id, signals,
                      int(numbers[best]))
