"""The local engine: this process works through the plan's units one by one, committing each."""

from __future__ import annotations

import logging
import time
from typing import Any

from ringkas.errors import ConfigError, RingkasError
from ringkas.record import Article
from ringkas.runner.plan import iter_unit
from ringkas.runner.stages import StageFactory
from ringkas.runner.store import WorkDir

log = logging.getLogger(__name__)
# Exceptions that say the environment is broken, not the article: when every article of a unit fails a
# stage with one of these, the job stops instead of committing a unit of rejects.
ENVIRONMENT_FAILURES = {"ModelNotFoundError": ConfigError, "MissingDependency": ConfigError,
                        "OutOfMemoryError": RingkasError, "ImportError": ConfigError,
                        "ModuleNotFoundError": ConfigError,
                        # the translation cache broke during the run (its start-up check passed)
                        "DatabaseError": RingkasError, "OperationalError": RingkasError}


class StageFailed(RingkasError):
    """A model stage failed on a whole unit for a reason no article causes (exit 1: failed part-way)."""

    exit_code = 1


def check_not_systemic(name: str, before: list[bool], articles: list[Article]) -> None:
    """Raise if stage ``name`` rejected every article that reached it, for an environment reason. A story's
    other write-ups (briefed per story) pass a stage's model by, so they do not count: every lead failing is
    enough."""
    fresh = [a for was_rejected, a in zip(before, articles)
             if not was_rejected and (a.metadata.get("story") or {}).get("role") != "member"]
    if not fresh or not all(a.rejected for a in fresh):
        return
    reasons = {a.rejection.reason for a in fresh if a.rejection}
    if len(reasons) == 1 and (reason := reasons.pop()) in ENVIRONMENT_FAILURES:
        detail = fresh[0].rejection.detail if fresh[0].rejection else ""
        error = ENVIRONMENT_FAILURES[reason]
        message = f"the {name} stage failed on every article ({reason}): {detail}"
        raise (StageFailed(message) if error is RingkasError else error(message))


def run_stages(factory: StageFactory, names: list[str], articles: list[Article]) -> tuple[list[Article], dict]:
    """Send one unit through the model stages ``names``; return it and seconds spent per stage."""
    timings: dict[str, float] = {}
    for name in names:
        steps = factory.stage(name)
        start = time.perf_counter()
        before = [a.rejected for a in articles]
        for step in steps:
            articles = list(step(articles))
        timings[name] = round(time.perf_counter() - start, 4)
        check_not_systemic(name, before, articles)
    return articles, timings


def unit_stats(unit: int, articles: list[Article], timings: dict[str, float], models: dict[str, Any],
               engine: str, load: dict[str, float], runtime: dict[str, Any] | None = None) -> dict[str, Any]:
    """``runtime``: per model stage, how this process ran it (exact device, threads, budget)."""
    return {
        "unit": unit,
        "articles": len(articles),
        "rejected": sum(a.rejected for a in articles),
        "timings": timings,
        "load": load,
        "models": models,
        "runtime": runtime or {},
        "engine": engine,
    }


def unit_sizes(work: WorkDir, units: list[int]) -> dict[int, int]:
    """How many articles each unit holds (its lines), so progress counts articles, not units."""
    sizes = {}
    for unit in units:
        with open(work.unit_path(unit), "rb") as lines:
            sizes[unit] = sum(1 for line in lines if line.strip())
    return sizes


def run_local(factory: StageFactory, work: WorkDir, pending: list[int]) -> None:
    """Process ``pending`` units in order; a kill loses at most the unit in flight."""
    from ringkas.progress import progress

    names = factory.model_stage_names()
    sizes = unit_sizes(work, pending)
    for unit in progress(pending, desc="translate+summarise", total=sum(sizes.values()), weight=sizes.get):
        articles = list(iter_unit(work, unit))
        articles, timings = run_stages(factory, names, articles)
        work.commit_unit(unit, articles, unit_stats(unit, articles, timings, factory.provenance(), "local",
                                                       factory.take_load_seconds(), factory.execution()))
        log.debug("unit %d committed (%d articles)", unit, len(articles))
