"""The plan: read and clean the whole feed once, find near-duplicates, cut the work into units.

This is the cheap part of a job (no model), so it runs in one pass in the driver and is redone from the
start if a kill interrupts it; it is published atomically when complete. The expensive model stages then
work through the units it wrote, each committed on its own. Every shard plans over the whole feed, so
near-duplicate groups are decided exactly as a single run decides them; a shard keeps the stories whose
canonical article's id hashes to it.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from ringkas.jsonl import JsonlWriter
from ringkas.record import Article
from ringkas.runner.dedupe import NearDuplicateIndex
from ringkas.runner.shard import Shard
from ringkas.runner.spec import JobSpec
from ringkas.runner.stages import StageFactory
from ringkas.runner.store import WorkDir, from_row, ids_digest, iter_rows, to_row, write_json
from ringkas.writers.schema import reject_record

log = logging.getLogger(__name__)
CHUNK = 256  # records read and cleaned together, so stage timings are measured without holding the feed


class _UnitWriter:
    """Cuts the stream of unique articles into files of ``size`` articles."""

    def __init__(self, work: WorkDir, size: int):
        self.work, self.size = work, size
        self.units, self._count, self._writer = 0, 0, None
        self.articles: list[int] = []  # per unit: how many articles, and a hash of their ids
        self.ids: list[str] = []
        self._ids: list[str] = []

    def add(self, article: Article) -> None:
        if self._writer is None:
            self._writer = JsonlWriter(self.work.unit_path(self.units, self.work.plan_tmp))
        self._writer.write(to_row(article))
        self._ids.append(article.id)
        self._count += 1
        if self._count == self.size:
            self.close()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.sync()
            self._writer.close()
            self.articles.append(self._count)
            self.ids.append(ids_digest(self._ids))
            self._writer, self._count, self._ids = None, 0, []
            self.units += 1


def _read_all(factory: StageFactory, paths: list[str]) -> Iterator[Article]:
    from ringkas.progress import progress

    def records() -> Iterator[Article]:
        for path in paths:
            yield from factory.read(path)

    return progress(records(), desc="read+clean+dedupe")


def _timed_chunks(records: Iterator[Article], steps: list[Any], timings: Counter) -> Iterator[list[Article]]:
    """Chunks of cleaned records; ``timings`` collects seconds spent reading and in the cleaner."""
    while True:
        start = time.perf_counter()
        chunk = list(islice(records, CHUNK))
        timings["read"] += time.perf_counter() - start
        if not chunk:
            return
        start = time.perf_counter()
        for step in steps:
            chunk = list(step(chunk))
        timings["clean"] += time.perf_counter() - start
        yield chunk


def build_plan(spec: JobSpec, factory: StageFactory, work: WorkDir, shard: Shard | None,
               paths: list[str] | None = None,
               cleaned: Callable[[Counter], Iterator[list[Article]]] | None = None) -> dict[str, Any]:
    """Write the plan into ``work.plan`` and return its summary (also saved as ``plan.json``).

    ``paths`` (default: the spec's ``input.path``) are the files to read: a job with feeds reads its pages.
    ``cleaned(timings)``, when given, yields the cleaned records in input order instead (read elsewhere:
    :mod:`ringkas.runner.ray_read`), adding its seconds to ``timings``.
    """
    work.reset_plan()
    dedupe = spec["dedupe"]
    index = (NearDuplicateIndex(dedupe["threshold"], dedupe["num_perm"], work.plan_tmp / "dedupe.sqlite")
             if dedupe["enabled"] else None)
    stories = factory.story_assigner()
    units = _UnitWriter(work, spec["run"]["unit_size"])
    counts: Counter = Counter()
    timings: Counter = Counter()
    paths = paths if paths is not None else spec.input_paths()
    if cleaned is None:
        steps = _planned_steps(factory, _site_template(spec, factory, paths, timings))
        chunks = _timed_chunks(_read_all(factory, paths), steps, timings)
    else:
        chunks = cleaned(timings)
    seq = 0
    place = _Placer(index, shard, units, counts)
    with JsonlWriter(work.plan_tmp / "rejects.jsonl") as rejects, \
            JsonlWriter(work.plan_tmp / "duplicates.jsonl") as duplicates, \
            JsonlWriter(work.plan_tmp / "accepted.jsonl") as accepted:
        for chunk in chunks:
            start = time.perf_counter()
            for article in chunk:
                article.metadata["job"] = {"seq": seq}
                seq += 1
                if stories is not None and not article.rejected:
                    accepted.write(to_row(article))  # placed once the whole day's stories are known
                else:
                    place(article, rejects, duplicates)
            timings["dedupe"] += time.perf_counter() - start
        accepted.sync()
        if stories is not None:
            place.stories = _cluster(stories, work.plan_tmp / "accepted.jsonl", timings)
            place.provenance = stories.info
            place.per_story = spec["summarise"]["per"] == "story"
            start = time.perf_counter()
            for row in iter_rows(work.plan_tmp / "accepted.jsonl"):
                place(from_row(row), rejects, duplicates)
            place.stories.close()
            timings["dedupe"] += time.perf_counter() - start
        units.close()
        rejects.sync()
        duplicates.sync()
    if index is not None:
        index.close()
        (work.plan_tmp / "dedupe.sqlite").unlink()  # a scratch file: the plan needs only its decisions
    (work.plan_tmp / "accepted.jsonl").unlink()
    summary = {
        "units": units.units,
        "unit_articles": units.articles,
        "unit_ids": units.ids,
        "counts": dict(counts),
        "timings": {k: round(v, 4) for k, v in timings.items()},
        "input_records": seq,
        "dedupe": index.settings() if index else None,
        "stories": place.story_summary(stories),
    }
    write_json(work.plan_tmp / "plan.json", summary)
    work.publish_plan()
    log.debug("plan: %d records read, %d units to translate and summarise", seq, units.units)
    return summary


def _site_template(spec: JobSpec, factory: StageFactory, paths: list[str], timings: Counter) -> Any:
    """What each site repeats on its pages, counted in a first pass over the whole input (every shard reads
    it all), so that the cleaner's output does not depend on the order, the shard or the engine. WARC
    archives are counted one by one and the counts summed, as the Ray engine does on the cluster
    (:func:`ringkas.runner.ray_read.cluster_template`)."""
    if not spec["clean"]["enabled"]:
        return None
    from ringkas.clean.template import collect_template, count_template, sum_templates
    from ringkas.runner.ray_read import reads_on_cluster

    start = time.perf_counter()
    if reads_on_cluster(spec, paths):
        template = sum_templates(count_template(factory.read(path)) for path in paths)
    else:
        template = collect_template(record for path in paths for record in factory.read(path))
    timings["clean"] += time.perf_counter() - start  # the cleaner's first pass
    return template


def _planned_steps(factory: StageFactory, template: Any = None) -> list[Any]:
    """The cleaner's steps, then the unique-id check: a job's ids are its keys (units, briefs, the digest's
    stories), so they stay unique with ``clean.enabled = false`` too. With the cleaner on, its own check has
    already rejected every repeat and this one finds none."""
    from ringkas.clean.gates import DuplicateIdFilter

    return [*factory.clean_steps(template=template), DuplicateIdFilter(stage="read")]


def _cluster(stories: Any, path: Any, timings: Counter) -> Mapping[str, dict[str, Any]]:
    """Every accepted article's story, from one global step over the whole input (on the driver: every
    shard computes the same stories, so no output depends on the shard count)."""
    from ringkas.runner.store import from_row, iter_rows

    start = time.perf_counter()
    stories.scratch = path.parent  # the clustering's scratch files (removed when closed) beside the plan's
    found = stories.assign(from_row(row) for row in iter_rows(path))
    stories.info = stories.provenance()
    timings["cluster"] += time.perf_counter() - start
    return found


class _Placer:
    """Sends one planned record where it belongs: a reject, a duplicate link, or a unit of work."""

    def __init__(self, index: NearDuplicateIndex | None, shard: Shard | None, units: _UnitWriter, counts: Counter):
        self.index, self.shard, self.units, self.counts = index, shard, units, counts
        self.stories: Mapping[str, dict[str, Any]] | None = None
        self.provenance: dict[str, Any] = {}
        self.per_story = False  # one brief per story: the other articles get only their title translated

    def __call__(self, article: Article, rejects: JsonlWriter, duplicates: JsonlWriter) -> None:
        seq = article.metadata["job"]["seq"]
        shard, counts = self.shard, self.counts
        if article.rejected:
            if shard is None or shard.owns(article.id):
                counts["read"] += 1
                rejects.write(reject_record(article, seq))
            return
        text = "\n".join(filter(None, [article.title, article.text]))
        link = self.index.check(article.id, seq, text) if self.index else None
        key = link.canonical_id if link else article.id
        if self.stories is not None:
            from ringkas.stories.assign import apply_story

            story = dict(self.stories[article.id])
            if self.per_story:
                story["role"] = "lead" if story["lead"] == article.id else "member"
            apply_story(article, story, self.provenance)
            key = self.stories[key]["id"]  # a story is one shard's, with its near-duplicates
        if shard is not None and not shard.owns(key):
            return
        counts["read"] += 1
        if link:
            counts["duplicates"] += 1
            article.metadata["duplicate_of"] = link.canonical_id
            article.metadata["job"]["similarity"] = link.similarity
            duplicates.write(to_row(article))
        else:
            counts["unique"] += 1
            counts["story_members"] += (article.metadata.get("story") or {}).get("role") == "member"
            self.units.add(article)

    def story_summary(self, stories: Any) -> dict[str, Any] | None:
        if stories is None or self.stories is None:
            return None
        return {**stories.info, "per": "story" if self.per_story else "article", "articles": len(self.stories),
                "stories": stories.counts["stories"],
                "joined_earlier_runs": stories.counts["joined_held"],
                # each article listed under its story's brief: one summary and one text translation not made
                "briefs_saved": self.counts.get("story_members", 0)}


def iter_unit(work: WorkDir, unit: int) -> Iterable[Article]:
    from ringkas.runner.store import from_row, iter_rows

    return [from_row(row) for row in iter_rows(work.unit_path(unit))]
