"""``run_job``: plan, run the model stages unit by unit (locally or on Ray), assemble the outputs.

Resuming is the normal path, not a special one: every run looks at what ``_work`` already holds, skips
the committed units and does the rest. A finished job (``manifest.json`` with status ``complete`` for the
same spec) is left alone; ``force=True`` deletes the outputs and starts over.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ringkas.errors import ConfigError, RingkasError
from ringkas.files import remove_stale_temporaries
from ringkas.runner.claim import OUTPUT_FILES, check_output_folder, exclusive, read_manifest
from ringkas.runner.manifest import build_manifest, now
from ringkas.runner.shard import Shard, parse_shard
from ringkas.runner.spec import JobSpec, describe_changes, load_spec
from ringkas.runner.store import WorkDir, write_json

log = logging.getLogger("ringkas.runner")


class AccountingError(RingkasError):
    """The outputs do not account for every record read (exit 1: failed part-way; nothing marked done)."""

    exit_code = 1


@dataclass
class RunResult:
    """What a run did. ``status``: ``complete`` (this call finished the job) or ``already_complete``."""

    out_dir: Path
    status: str
    counts: dict[str, Any]
    units_total: int = 0
    units_run: int = 0
    manifest: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def output_dir(self) -> Path:
        """Same as ``out_dir`` (the name the evaluation harness reads)."""
        return self.out_dir

    @property
    def manifest_path(self) -> Path:
        return self.out_dir / "manifest.json"

    @property
    def briefs_path(self) -> Path:
        return self.out_dir / "briefs.jsonl"

    @property
    def rejects_path(self) -> Path:
        return self.out_dir / "rejects.jsonl"


def output_dir(spec: JobSpec, shard: Shard | None) -> Path:
    """``[output] dir``, or its ``shard-K-of-N`` subfolder for a shard (so shards never collide)."""
    base = Path(spec["output"]["dir"]).expanduser()
    return base / f"shard-{shard.index}-of-{shard.count}" if shard else base


def run_job(spec_or_path: str | Path | dict[str, Any] | JobSpec, *, overrides: Iterable[str] = (),
            force: bool = False, shard: str | Shard | None = None, engine: str | None = None) -> RunResult:
    """Run (or resume, or skip as finished) the job; ``engine`` None means the spec's ``[run] engine``."""
    spec = load_spec(spec_or_path, overrides)
    shard = parse_shard(shard)
    engine = engine or spec["run"]["engine"]
    if engine not in ("local", "ray"):
        raise ConfigError(f"engine {engine!r}: expected local or ray")
    out_dir = output_dir(spec, shard)
    check_output_folder(out_dir, force=force)
    work = WorkDir(out_dir)
    with exclusive(out_dir) as claim:
        if force:
            _clear(out_dir, work)
        remove_stale_temporaries(out_dir, OUTPUT_FILES)
        finished = _finished_manifest(out_dir, spec, shard, work)
        if finished is not None and (finished.get("fetch") or {}).get("nothing_fetched"):
            # a day whose feeds could not be reached is not done: the rerun (the network back) fetches again
            log.info("the last run fetched nothing (%s): fetching again", finished["fetch"]["nothing_fetched"])
            _clear(out_dir, work)
            finished = None
        if finished is not None:
            work.remove()  # left behind only if a kill came between the manifest and the clean-up
            log.debug("job already finished: %s (nothing to do; --force runs it again)", out_dir)
            return RunResult(out_dir, "already_complete", finished["counts"], manifest=finished)
        _check_stages(spec)  # before the claim: a spec that cannot start must not hold the folder
        if engine == "ray":
            from ringkas.runner.ray_engine import connect

            connect(spec)  # a Ray address with no cluster is a message now, not after the plan
        if shard is not None and "feeds" in spec["input"]:
            raise ConfigError("a sharded job cannot fetch input.feeds (each shard would fetch a share of the "
                              "pages, and plan over only that): run `ringkas fetch` once, then shard over its "
                              "pages file with input.path")
        _claim(work, spec, shard)
        claim.claimed = True
        started = now()
        plan = _load_or_build_plan(spec, work, shard, engine)
        pending = [u for u in range(plan["units"]) if not work.unit_done(u)]
        if pending and len(pending) < plan["units"]:
            log.info("resuming: %d of %d units already done", plan["units"] - len(pending), plan["units"])
        _note_run(work, {"started": started, "engine": engine, "units_to_run": len(pending)})
        if pending:
            _run_engine(spec, work, pending, engine)
        return _finish(spec, work, plan, shard, engine, len(pending))


def _clear(out_dir: Path, work: WorkDir) -> None:
    work.remove()
    for name in OUTPUT_FILES:
        (out_dir / name).unlink(missing_ok=True)


def _finished_manifest(out_dir: Path, spec: JobSpec, shard: Shard | None, work: WorkDir) -> dict[str, Any] | None:
    try:
        manifest = read_manifest(out_dir)
    except ConfigError:
        if work.job_file.exists():
            return None  # the unfinished run in _work writes a new manifest when it finishes
        raise
    if manifest is None or manifest.get("status") != "complete":
        return None
    if manifest.get("shard") != (str(shard) if shard else None):
        raise ConfigError(f"{out_dir} holds a finished run of shard {manifest.get('shard') or 'none'}, not "
                          f"{shard or 'the whole job'}; use --force to replace it, or another output.dir")
    if manifest["job"]["fingerprint"] != spec.fingerprint():
        raise ConfigError(f"{out_dir} holds a finished run of a different job spec{_changes(manifest['job'], spec)}; "
                          "use --force to replace it, or another output.dir")
    return manifest


def _changes(held: dict[str, Any], spec: JobSpec) -> str:
    """`` (changed: ...)`` from the identity a run recorded, if it recorded one."""
    if not isinstance(held.get("identity"), dict):
        return ""
    changes = describe_changes(held["identity"], spec.identity())
    return f" (changed: {'; '.join(changes)})" if changes else ""


def _claim(work: WorkDir, spec: JobSpec, shard: Shard | None) -> None:
    """Record which job owns ``_work``; refuse to resume someone else's (or a changed) job."""
    work.root.mkdir(parents=True, exist_ok=True)
    identity = {"fingerprint": spec.fingerprint(), "shard": str(shard) if shard else None}
    if work.job_file.exists():
        held = work.read_state(work.job_file, "the job record")
        if not isinstance(held, dict) or {k: held.get(k) for k in identity} != identity:
            raise ConfigError(f"{work.out_dir} holds an unfinished run of a different job spec or shard"
                              f"{_changes(held, spec) if isinstance(held, dict) else ''}; "
                              "use --force to start over, or another output.dir")
        return
    write_json(work.job_file, {**identity, "source": spec.source, "created": now(), "identity": spec.identity()})


def _check_stages(spec: JobSpec) -> None:
    """Settings a stage refuses are a message before the plan, not after it."""
    from ringkas.models.hub import ModelNotFoundError
    from ringkas.runner.stages import check_inputs, check_stories, load_factory

    try:
        factory = load_factory(spec)
        factory.check_input()
        check_inputs(factory)
        check_stories(factory)  # first: its message names every fix when the sentence encoder is missing
        factory.check()
    except (ModelNotFoundError, ValueError) as exc:  # ValueError: a setting a stage refuses ("sentences": 0)
        raise ConfigError(str(exc)) from None


def _load_or_build_plan(spec: JobSpec, work: WorkDir, shard: Shard | None, engine: str = "local") -> dict[str, Any]:
    """The plan in ``_work``, checked against its units, or a new one; committed units that do not match
    it are dropped, so they are computed again instead of going into the outputs. On Ray, WARC archives
    are read and cleaned on the cluster (:mod:`ringkas.runner.ray_read`)."""
    plan = work.read_plan() if work.plan_complete() else None
    if plan is None:
        from ringkas.runner.plan import build_plan
        from ringkas.runner.stages import load_factory

        shutil.rmtree(work.plan, ignore_errors=True)
        paths = None
        if "feeds" in spec["input"]:
            from ringkas.runner.fetch import fetch_for_job

            paths = [str(fetch_for_job(spec, work))]
        factory = load_factory(spec)
        cleaned = None
        if engine == "ray" and paths is None:
            from ringkas.runner.ray_read import cleaned_chunks, reads_on_cluster

            inputs = spec.input_paths()
            if reads_on_cluster(spec, inputs):
                cleaned = cleaned_chunks(spec, factory, inputs)
        # Committed units stay: the plan of the same job is the same, and each is checked against it below.
        plan = build_plan(spec, factory, work, shard, paths, cleaned)
    work.discard_bad_units(plan)
    return plan


def _run_engine(spec: JobSpec, work: WorkDir, pending: list[int], engine: str) -> None:
    """Run the model stages; a model that cannot be loaded is a message (exit 2), not a traceback."""
    from ringkas.models.hub import ModelNotFoundError

    try:
        _dispatch(spec, work, pending, engine)
    except ModelNotFoundError as exc:
        raise ConfigError(str(exc)) from None


def _dispatch(spec: JobSpec, work: WorkDir, pending: list[int], engine: str) -> None:
    from ringkas.runner.stages import load_factory

    if engine == "ray":
        from ringkas.runner.ray_engine import run_ray

        run_ray(spec, work, pending)
    else:
        from ringkas.runner.local import run_local

        run_local(load_factory(spec), work, pending)


def _finish(spec: JobSpec, work: WorkDir, plan: dict[str, Any], shard: Shard | None, engine: str,
            units_run: int) -> RunResult:
    from ringkas.runner.outputs import write_outputs

    out_dir = work.out_dir
    formats = spec["output"]["formats"]
    tally = write_outputs(work, out_dir, plan["units"], formats)
    read, written = plan["counts"].get("read", 0), tally.accepted + sum(tally.rejected.values())
    if read != written:
        raise AccountingError(f"the outputs hold {tally.accepted} briefs and {written - tally.accepted} rejects "
                              f"but the plan read {read} records: the job is not marked complete (its state "
                              f"is kept in {work.root}; run it again, or --force to start over)")
    runs = _runs(work) or [{"started": now()}]
    manifest = build_manifest(spec, work, plan, tally, runs[0]["started"], str(shard) if shard else None,
                              engine, runs)
    _add_fetch_figures(manifest, work, plan)
    if spec["output"]["digest"]:
        from ringkas.writers.digest import count_stories, digest_subtitle, write_digest

        from ringkas.runner.fetch import sources_notice

        subtitle = digest_subtitle(tally.accepted, manifest["counts"]["read"], manifest["finished"],
                                   count_stories(out_dir / "briefs.jsonl"))
        write_digest(out_dir / "briefs.jsonl", out_dir, spec["output"]["digest_title"], subtitle,
                     notice=sources_notice(manifest.get("fetch")))
    write_json(out_dir / "manifest.json", manifest)
    work.remove()
    counts = manifest["counts"]
    log.debug("done: %d briefs, %d rejected, %d near-duplicates linked -> %s", counts["accepted"],
             counts["rejected"], counts["duplicates"], out_dir)
    return RunResult(out_dir, "complete", counts, plan["units"], units_run, manifest)


def _add_fetch_figures(manifest: dict[str, Any], work: WorkDir, plan: dict[str, Any]) -> None:
    """A job with feeds: what was fetched (``manifest["fetch"]``) and the fetch's line among the stages."""
    from ringkas.runner.fetch import fetch_figures

    figures = fetch_figures(work)
    if figures is None:
        return
    figures["pages"] = plan["input_records"]  # what the plan read: every page this folder holds
    manifest["fetch"] = figures
    seconds = figures["seconds"]
    manifest["timings"] = {"fetch": {"seconds": seconds, "articles": figures["fetched"],
                                     "articles_per_second": round(figures["fetched"] / seconds, 2) if seconds else None},
                           **manifest["timings"]}


def _note_run(work: WorkDir, entry: dict[str, Any]) -> None:
    """Append one line to ``runs.jsonl``, fsynced; a half line a kill left is ended first."""
    path = work.root / "runs.jsonl"
    with open(path, "ab") as handle:
        if handle.tell() and not _ends_with_newline(path):
            handle.write(b"\n")
        handle.write(json.dumps(entry).encode("utf-8") + b"\n")
        handle.flush()
        os.fsync(handle.fileno())


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _runs(work: WorkDir) -> list[dict[str, Any]]:
    """Every invocation that worked on this job (a resumed job has several), oldest first; a damaged line
    (a kill during an append) is left out."""
    runs = []
    with open(work.root / "runs.jsonl", "rb") as handle:
        for line in handle:
            try:
                entry = json.loads(line)
            except ValueError:  # JSONDecodeError and UnicodeDecodeError
                if line.strip():
                    log.warning("left out a damaged line of %s", work.root / "runs.jsonl")
                continue
            if isinstance(entry, dict) and "started" in entry:
                runs.append(entry)
    return runs
