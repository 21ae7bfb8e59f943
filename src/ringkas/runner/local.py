"""The local engine: this process works through the plan's units one by one, committing each."""

from __future__ import annotations

import logging
import time
from typing import Any

from ringkas.record import Article
from ringkas.runner.plan import iter_unit
from ringkas.runner.stages import StageFactory
from ringkas.runner.store import WorkDir

log = logging.getLogger(__name__)


def run_stages(factory: StageFactory, names: list[str], articles: list[Article]) -> tuple[list[Article], dict]:
    """Send one unit through the model stages ``names``; return it and seconds spent per stage."""
    timings: dict[str, float] = {}
    for name in names:
        start = time.perf_counter()
        for step in factory.stage(name):
            articles = list(step(articles))
        timings[name] = round(time.perf_counter() - start, 4)
    return articles, timings


def unit_stats(unit: int, articles: list[Article], timings: dict[str, float], models: dict[str, Any],
               engine: str) -> dict[str, Any]:
    return {
        "unit": unit,
        "articles": len(articles),
        "rejected": sum(a.rejected for a in articles),
        "timings": timings,
        "models": models,
        "engine": engine,
    }


def run_local(factory: StageFactory, work: WorkDir, pending: list[int]) -> None:
    """Process ``pending`` units in order; a kill loses at most the unit in flight."""
    from ringkas.progress import progress

    names = factory.model_stage_names()
    for unit in progress(pending, desc="translate+summarise", total=len(pending), unit="unit"):
        articles = list(iter_unit(work, unit))
        articles, timings = run_stages(factory, names, articles)
        work.commit_unit(unit, articles, unit_stats(unit, articles, timings, factory.provenance(), "local"))
        log.debug("unit %d committed (%d articles)", unit, len(articles))
