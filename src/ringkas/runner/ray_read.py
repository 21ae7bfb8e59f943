"""On Ray, WARC archives are read and cleaned across the cluster, not on the driver.

A job's plan reads and cleans the whole input before any model runs. For a feed file that is cheap and
stays on the driver. A day of CC-NEWS is dozens of 1 GB archives whose pages mostly need HTML extraction,
so on the Ray engine the plan spreads them: a Ray Data dataset over the file list (one block per file),
mapped by a pool of :class:`ReadCleanActor` (the cleaner built once per actor), each streaming its archive
through :func:`ringkas.readers.read_articles` (s3://, gs://, https:// or a path every node sees) and the
cleaner, a chunk at a time. Rows come back in input order (``preserve_order``), so the driver's
near-duplicate detection and units are exactly the local engine's. A rejected page comes back as its id,
origin and reason only: most of a CC-NEWS archive is pages in other languages.

The cleaning steps that need the whole input run in the driver instead: the duplicate-id check
(:class:`RecheckIds`), with the local cleaner's exact decisions; and each site's template, whose first pass
counts every archive in a task on the cluster (:func:`count_archive`) and sums the counts in the driver
(:func:`cluster_template`) before the read+clean actors start with it, as the local plan counts each archive
and sums.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from ringkas.errors import ConfigError
from ringkas.record import Article, Rejection
from ringkas.runner.spec import JobSpec
from ringkas.runner.store import from_row, to_row
from ringkas.step import Step

log = logging.getLogger(__name__)
CHUNK = 256  # records read and cleaned together in an actor, as the local plan does


def reads_on_cluster(spec: JobSpec, paths: list[str]) -> bool:
    """Whether the plan reads ``paths`` on the cluster: WARC archives (the heavy, splittable input)."""
    from ringkas.readers import detect_format

    fmt = spec["input"].get("format")
    return bool(paths) and all((fmt or detect_format(p)) == "warc" for p in paths)


def _id_check_first(steps: list[Step]) -> tuple[list[Step], str | None]:
    """The cleaning steps without a leading duplicate-id check, and that check's stage name (None: none)."""
    from ringkas.clean.gates import DuplicateIdFilter

    if steps and isinstance(steps[0], DuplicateIdFilter):
        return steps[1:], steps[0].name
    return steps, None


class ReadCleanActor:
    """Reads one input file per row and cleans it, yielding its records a chunk at a time, in order."""

    def __init__(self, sections: dict[str, Any], source: str, template: Any = None):
        self.failure = ""
        try:
            self.factory = _factory(sections, source)
            self.steps, _ = _id_check_first(self.factory.clean_steps(template=template))
        except Exception as exc:  # a cleaner that cannot be built here (its patterns file): said once
            self.failure = f"a read+clean actor on node {_node()} could not build the cleaner: {exc}"

    def __call__(self, batch: dict[str, Any]) -> Iterator[dict[str, list]]:
        for index, path in zip(batch["index"], batch["path"]):
            if self.failure:
                yield _error_row(int(index), self.failure)
                continue
            try:
                yield from self._file(int(index), str(path))
            except Exception as exc:  # the file cannot be opened on this node: the run's failure, said once
                yield _error_row(int(index), f"node {_node()} cannot read input {path}: {exc} (on a cluster, "
                                             "inputs must be where every node reads them: s3://, gs://, "
                                             "https://, or a shared volume)")

    def _file(self, index: int, path: str) -> Iterator[dict[str, list]]:
        records = iter(self.factory.read(path))
        while True:
            start = time.perf_counter()
            chunk = list(islice(records, CHUNK))
            read = time.perf_counter() - start
            if not chunk:
                return
            start = time.perf_counter()
            for step in self.steps:
                chunk = list(step(chunk))
            clean = time.perf_counter() - start
            zeros = [0.0] * (len(chunk) - 1)
            yield {"index": [index] * len(chunk), "row": [json.dumps(_wire(a)) for a in chunk],
                   "read": [read, *zeros], "clean": [clean, *zeros], "error": [""] * len(chunk)}


def _factory(sections: dict[str, Any], source: str) -> Any:
    from ringkas.runner.spec import load_spec
    from ringkas.runner.stages import load_factory

    spec = load_spec(sections)
    spec.source = source
    return load_factory(spec)


def count_archive(sections: dict[str, Any], source: str, path: str) -> Any:
    """One archive's first pass, on the node that reads it: its per-site counts, not yet finished (an
    archive this node cannot read counts nothing here; the cleaning pass says why)."""
    from ringkas.clean.template import SiteTemplate, count_template

    try:
        return count_template(_factory(sections, source).read(path))
    except Exception:  # the read+clean pass reports the file (and the node) that could not be read
        return SiteTemplate()


def cluster_template(spec: JobSpec, paths: list[str]) -> Any:
    """Each site's template for a crawl read on the cluster: every archive counted by a task on the cluster,
    the counts summed in the driver (a sum: the same template as the local engine's, whatever the order)."""
    import ray

    from ringkas.clean.template import sum_templates

    if not spec["clean"]["enabled"]:
        return None
    count = ray.remote(num_cpus=1)(count_archive)
    sections = spec.to_dict()
    return sum_templates(ray.get([count.remote(sections, spec.source, path) for path in paths]))


def _node() -> str:
    import ray

    return ray.util.get_node_ip_address()


def _error_row(index: int, message: str) -> dict[str, list]:
    return {"index": [index], "row": [""], "read": [0.0], "clean": [0.0], "error": [message]}


def _wire(article: Article) -> dict[str, Any]:
    """What the driver needs of a record: all of an accepted one; a rejected one's id, origin and reason."""
    if not article.rejected:
        return to_row(article)
    return {"id": article.id, "metadata": {"origin": article.metadata.get("origin") or {}},
            "_rejection": article.rejection.to_dict()}


class RecheckIds(Step):
    """The cleaner's duplicate-id check, run in the driver after the actors cleaned: an article whose id was
    seen before is rejected as ``duplicate_id`` whatever the cleaner decided, as the local cleaner (which
    checks ids before anything else) decides; records the reader rejected are not seen."""

    def __init__(self, stage: str):
        self.name = stage
        self._seen: dict[str, str] = {}

    def __call__(self, articles: Any) -> Iterator[Article]:
        for article in articles:
            if article.rejected and article.rejection.stage == "read":
                yield article
                continue
            if article.id in self._seen:
                article.rejection = Rejection(self.name, "duplicate_id",
                                              f"id {article.id!r} first seen at {self._seen[article.id]}")
            else:
                origin = article.metadata.get("origin") or {}
                self._seen[article.id] = ":".join(str(v) for v in origin.values()) or "an earlier record"
            yield article


def cleaned_chunks(spec: JobSpec, factory: Any, paths: list[str]) -> Callable[[Any], Iterator[list[Article]]]:
    """For :func:`ringkas.runner.plan.build_plan`: chunks of cleaned records read on the cluster, in input
    order, adding the actors' seconds to the plan's ``timings``."""
    from ringkas.clean.gates import DuplicateIdFilter

    _, id_stage = _id_check_first(factory.clean_steps())
    checks: list[Step] = ([RecheckIds(id_stage)] if id_stage else []) + [DuplicateIdFilter(stage="read")]

    def chunks(timings: Any) -> Iterator[list[Article]]:
        start = time.perf_counter()
        template = cluster_template(spec, paths)
        timings["clean"] += time.perf_counter() - start  # the cleaner's first pass, as the local plan counts it
        rows = _cluster_rows(spec, paths, template)
        while True:
            chunk = []
            for row in islice(rows, CHUNK):
                if row["error"]:
                    raise ConfigError(row["error"])
                timings["read"] += row["read"]
                timings["clean"] += row["clean"]
                chunk.append(from_row(json.loads(row["row"])))
            if not chunk:
                return
            for step in checks:
                chunk = list(step(chunk))
            yield chunk

    return chunks


def _cluster_rows(spec: JobSpec, paths: list[str], template: Any = None) -> Iterator[dict[str, Any]]:
    import ray
    from ray.data import ActorPoolStrategy

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    saved, context.execution_options.preserve_order = context.execution_options.preserve_order, True
    try:
        cpus = int(ray.cluster_resources().get("CPU", 1))
        actors = max(1, min(len(paths), cpus))
        log.debug("ray: reading %d file(s) with %d read+clean actor(s)", len(paths), actors)
        files = ray.data.from_items([{"index": i, "path": p} for i, p in enumerate(paths)],
                                    override_num_blocks=len(paths))
        dataset = files.map_batches(ReadCleanActor, batch_size=1, compute=ActorPoolStrategy(size=actors),
                                    fn_constructor_kwargs={"sections": spec.to_dict(), "source": spec.source,
                                                           "template": template},
                                    num_cpus=1)
        yield from dataset.iter_rows()
    finally:
        context.execution_options.preserve_order = saved
