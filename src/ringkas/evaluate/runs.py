"""``ringkas eval run``: run each job spec over a suite's articles with the batch runner, then score them.

The suite's articles are written once to ``OUT/input.jsonl``; each job runs with its input and output folder
overridden (``input.path``, ``output.dir`` = ``OUT/NAME``), so a job spec written for the daily feed is
evaluated unchanged. The runner's restartability carries over: rerunning skips finished jobs (``--force``
reruns them) and their timings come from their manifests. Time and throughput per system sit beside quality.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ringkas.errors import InputError
from ringkas.evaluate.references import Reference, load_system
from ringkas.evaluate.suites import Suite, suite_articles, suite_references
from ringkas.files import atomic_write
from ringkas.jsonl import dumps
from ringkas.record import Article

log = logging.getLogger(__name__)


_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def parse_job_spec(spec: str) -> tuple[str, Path]:
    """``NAME=JOB.toml`` or ``JOB.toml`` (named after the file). NAME is a folder under ``--out``, so it must
    be a plain name: letters, digits, ``.``, ``_``, ``-``; no ``/``, no ``..``, not absolute."""
    name, sep, path = spec.partition("=")
    if not sep:
        name, path = Path(spec).stem, spec
    if not _PLAIN_NAME.fullmatch(name) or ".." in name:
        raise InputError(f"job name {name!r} in --job {spec!r} is not a plain name (letters, digits, '.', '_', "
                         "'-'; it names the run's folder under --out): use --job NAME=JOB.toml")
    if not Path(path).is_file():
        raise InputError(f"job spec {path} does not exist")
    return name, Path(path)


def write_suite_input(suite: Suite, folder: Path) -> tuple[Path, int]:
    """The suite's articles as the runner's JSONL input (rewritten only when it changed, to keep resumes)."""
    path = folder / "input.jsonl"
    rows = [article.to_dict() for article in suite_articles(suite)]
    text = "".join(dumps(row) + "\n" for row in rows)
    if not path.is_file() or path.read_text("utf-8") != text:
        atomic_write(path, text)
    return path, len(rows)


def job_overrides(input_path: Path, output_dir: Path, extra: Sequence[str] = ()) -> list[str]:
    # Values are written as TOML strings (json.dumps quotes them) so paths with spaces or '=' survive.
    return [f"input.path={json.dumps(str(input_path))}", 'input.format="jsonl"',
            f"output.dir={json.dumps(str(output_dir))}", *extra]


def run_suite(suite: Suite, jobs: Sequence[str], out: Path, *, overrides: Sequence[str] = (),
              force: bool = False) -> tuple[list[Reference], dict[str, dict[str, Article]], dict[str, dict]]:
    """Run every job over ``suite``; return the references, each system's outputs and its run facts."""
    from ringkas.runner import run_job

    parsed = [parse_job_spec(spec) for spec in jobs]  # every name and file checked before any run
    references = suite_references(suite)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    input_path, n_articles = write_suite_input(suite, out)
    outputs: dict[str, dict[str, Article]] = {}
    facts: dict[str, dict[str, Any]] = {}
    for name, job in parsed:
        if name in outputs:
            raise InputError(f"two jobs are called {name!r}: name them with --job NAME=JOB.toml")
        job_out = out / name
        log.info("eval run: %s (%s) over %d articles of %s", name, job, n_articles, suite.name)
        started = time.perf_counter()
        result = run_job(job, overrides=job_overrides(input_path, job_out, overrides), force=force)
        wall = time.perf_counter() - started
        output_dir = Path(result.out_dir)
        outputs[name] = load_system(output_dir / "briefs.jsonl")
        facts[name] = run_facts(output_dir, job, wall, n_articles)
    return references, outputs, facts


def run_facts(output_dir: Path, job: Path, wall_seconds: float, n_articles: int) -> dict[str, Any]:
    """Time and throughput of one run from its manifest (so a resumed run reports the original run's time).

    ``seconds`` is the work itself, summed over the manifest's stages; ``load_seconds`` (model loading and
    first-use conversion) is reported apart, so a system that happened to convert a model first is not
    charged for it. Without a manifest, the wall time of this call stands for both.
    """
    manifest_path = output_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8")) if manifest_path.is_file() else {}
    timings = manifest.get("timings") or {}
    if timings:
        seconds = sum(stage.get("seconds", 0.0) for stage in timings.values())
        load_seconds = sum(stage.get("load_seconds", 0.0) for stage in timings.values())
    else:
        seconds, load_seconds = wall_seconds, 0.0
    facts: dict[str, Any] = {"job": str(job), "output_dir": str(output_dir), "seconds": round(seconds, 3),
                             "load_seconds": round(load_seconds, 3),
                             "articles_per_second": round(n_articles / seconds, 3) if seconds > 0 else None}
    if timings:
        facts["timings"] = timings
    return facts
