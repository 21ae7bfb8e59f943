"""The job's fetch stage: ``[input] feeds`` are fetched into ``OUTPUT/pages.jsonl`` before planning.

The pages stay in the output folder, so a resumed job fetches only what it had not fetched yet (the pages
file is appended to, see :mod:`ringkas.fetch.output`), and ``--force`` (which keeps the pages file) plans
again over every page the folder holds instead of producing an empty day. Each fetch run's figures go to
``_work/fetch.jsonl``; :func:`fetch_figures` adds them up for the manifest.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ringkas.runner.spec import JobSpec
from ringkas.runner.store import WorkDir

PAGES = "pages.jsonl"
PAGE_REJECTS = "pages.rejects.jsonl"
_SUMMED = ("feeds", "feeds_fetched", "not_modified", "feeds_failed", "fetched", "fetched_elsewhere",
           "robots_disallowed", "rejected", "seconds")


def job_state_path(spec: JobSpec) -> Path:
    """``input.fetch.state``, else one state per job spec: ``fetch/<spec name>-<path digest>.sqlite`` in the
    cache (:mod:`ringkas.runner.job_state`); a spec given as a dict: ``fetch/default.sqlite``."""
    from ringkas.fetch import default_state_path
    from ringkas.runner.job_state import job_state_file

    state = spec["input"]["fetch"].get("state")
    if state:
        return Path(state).expanduser()
    return job_state_file(spec, "fetch", ".sqlite") or default_state_path("default")


def fetch_for_job(spec: JobSpec, work: WorkDir) -> Path:
    """Fetch the job's feeds into its output folder; returns the pages file the plan reads."""
    import logging

    from ringkas.fetch import FetchSettings
    from ringkas.fetch.session import run_fetch
    from ringkas.fetch.sources import expand_sources

    section = spec["input"]
    settings = FetchSettings.from_table(section["fetch"])  # checked when the spec was loaded
    sources = expand_sources(section["feeds"])
    pages = work.out_dir / PAGES
    report = run_fetch(sources, pages, work.out_dir / PAGE_REJECTS, job_state_path(spec), settings)
    # `ringkas run` prints the fetch figures in its own summary: here only -v's detail, not a second summary
    logging.getLogger("ringkas.runner").debug("%s", report.summary_line())
    with open(work.root / "fetch.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps(report.counts()) + "\n")
    return pages


def fetch_figures(work: WorkDir) -> dict[str, Any] | None:
    """Every fetch run of this job added up (a resumed job has several), or None for a job without feeds."""
    path = work.root / "fetch.jsonl"
    if not path.exists():
        return None
    total: Counter = Counter()
    reasons: Counter = Counter()
    runs = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            counts = json.loads(line)
            runs += 1
            total.update({key: counts.get(key, 0) for key in _SUMMED})
            reasons.update(counts.get("rejected_by_reason", {}))
    figures: dict[str, Any] = {key: total[key] for key in _SUMMED}
    figures["seconds"] = round(figures["seconds"], 3)
    figures["rejected_by_reason"] = dict(sorted(reasons.items()))
    figures["runs"] = runs
    # what the latest fetch says about the sources (an earlier, killed run's trouble may be over)
    figures["nothing_fetched"] = counts.get("nothing_fetched", "") if runs else ""
    figures["partial_failure"] = counts.get("partial_failure", "") if runs else ""
    return figures


def sources_notice(fetch: dict[str, Any] | None) -> str:
    """The line a job's digest opens with when its sources failed (all of them, or some), else ""."""
    if not fetch:
        return ""
    if fetch.get("nothing_fetched"):
        return f"Sources failed, {fetch['nothing_fetched']}."
    if fetch.get("partial_failure"):
        return f"Some sources failed: {fetch['partial_failure'].removeprefix('some sources failed: ')}."
    return ""
