"""``manifest.json``: what a job did, with what, and how fast (the run's provenance and its figures)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from typing import Any

from ringkas.runner.outputs import Tally
from ringkas.runner.spec import JobSpec
from ringkas.runner.store import WorkDir, read_json

MANIFEST_VERSION = 1


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def unit_figures(work: WorkDir, units: int) -> tuple[dict[str, Any], Counter, Counter, Counter, Counter,
                                                     dict[str, list[dict[str, Any]]]]:
    """Models, seconds and articles per stage, model loading seconds, engines and how each model ran
    (:func:`add_runtime`) from every unit's stats."""
    models: dict[str, Any] = {}
    runtime: dict[str, list[dict[str, Any]]] = {}
    seconds: Counter = Counter()
    articles: Counter = Counter()
    engines: Counter = Counter()
    loading: Counter = Counter()
    for unit in range(units):
        stats = read_json(work.stats_path(unit))
        for name, info in stats.get("models", {}).items():
            models.setdefault(name, info)
        for name, spent in stats["timings"].items():
            seconds[name] += spent
            articles[name] += stats["articles"]
        engines[stats.get("engine", "local")] += 1
        loading.update(stats.get("load", {}))
        for name, execution in stats.get("runtime", {}).items():
            add_runtime(runtime, name, execution)
    return models, seconds, articles, loading, engines, runtime


def add_runtime(table: dict[str, list[dict[str, Any]]], name: str, execution: dict[str, Any],
                units: int = 1) -> None:
    """Count ``units`` run by model stage ``name`` as ``execution`` (exact device, threads, compute budget)
    says: one entry per distinct way, so Ray actors of different shares each show with their units. This
    is the manifest's, not the records': a brief must be the same whichever machine or engine wrote it."""
    if not execution:
        return
    how = {k: v for k, v in execution.items() if k != "units"}
    entries = table.setdefault(name, [])
    for entry in entries:
        if {k: v for k, v in entry.items() if k != "units"} == how:
            entry["units"] += units
            return
    entries.append({**how, "units": units})


def timings_table(seconds: Counter, articles: Counter, loading: Counter) -> dict[str, dict[str, float]]:
    """Seconds, articles and throughput per stage; model stages add the seconds spent loading models."""
    table = {
        name: {"seconds": round(spent, 3), "articles": articles[name],
               "articles_per_second": round(articles[name] / spent, 2) if spent else None}
        for name, spent in seconds.items()
    }
    for name, spent in loading.items():
        table.setdefault(name, {"seconds": 0.0, "articles": 0, "articles_per_second": None})
        table[name]["load_seconds"] = round(spent, 3)
    return table


def device_info() -> dict[str, Any]:
    """The machine the driver ran on; never imports torch for it (seconds at the end of every job)."""
    from ringkas.models.runtime import usable_cpus, visible_gpus

    gpus = visible_gpus()
    return {"cpus": usable_cpus(), "cuda": bool(gpus), **({"gpus": gpus} if gpus else {})}


def build_manifest(spec: JobSpec, work: WorkDir, plan: dict[str, Any], tally: Tally, started: str,
                   shard: str | None, engine: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    from ringkas.provenance import ringkas_signature

    models, seconds, articles, loading, engines, runtime = unit_figures(work, plan["units"])
    plan_articles = plan["input_records"]
    for name, spent in plan["timings"].items():
        seconds[name] += spent
        articles[name] += plan_articles
    counts = plan["counts"]
    return {
        "manifest_version": MANIFEST_VERSION,
        "status": "complete",
        "ringkas": ringkas_signature(),
        "job": {"source": spec.source, "overrides": spec.overrides, "fingerprint": spec.fingerprint(),
                "spec": spec.to_dict(), "identity": spec.identity()},
        "shard": shard,
        "engine": engine,
        "units_by_engine": dict(engines),
        "models": models,
        "runtime": runtime,
        "dedupe": plan.get("dedupe"),
        "stories": plan.get("stories"),
        "device": device_info(),
        "counts": {
            "read": counts.get("read", 0),
            "unique": counts.get("unique", 0),
            **tally.counts(),
        },
        "timings": timings_table(seconds, articles, loading),
        "started": started,
        "finished": now(),
        "runs": runs,
        "outputs": ["briefs.jsonl", "rejects.jsonl"]
        + (["briefs.parquet"] if "parquet" in spec["output"]["formats"] else [])
        + (["digest.md", "digest.html"] if spec["output"]["digest"] else []),
    }
