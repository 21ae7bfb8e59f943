"""``merge_outputs``: join the outputs of ``--shard K/N`` runs into what one run would have written.

Each shard's files are in input order and carry each record's input position (``seq``), so a streaming
merge restores the feed's order; counts and stage timings add up; the merged manifest lists the shards.
"""

from __future__ import annotations

import heapq
import json
import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ringkas.errors import InputError
from ringkas.files import atomic_write, ensure_writable_folder, fsync_dir, write_json
from ringkas.runner.manifest import add_runtime
from ringkas.runner.outputs import Tally

log = logging.getLogger(__name__)


def _rows(path: Path, tally: Tally, kind: str) -> Iterator[tuple[int, str]]:
    """``(seq, line)`` of each record in one shard's file, counted into ``tally`` as it is read."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                seq = record["seq"]
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{path} line {number} is damaged ({type(exc).__name__}: {exc}); run that "
                                 "shard again with --force") from None
            (tally.add_brief if kind == "brief" else tally.add_reject)(record)
            yield seq, line if line.endswith("\n") else line + "\n"


def _merge_file(sources: list[Path], out: Path, kind: str) -> list[Tally]:
    """Merge one file of every shard by input position; return what each shard's file held."""
    tallies = [Tally() for _ in sources]
    rows = heapq.merge(*(_rows(p, t, kind) for p, t in zip(sources, tallies)), key=lambda item: item[0])
    atomic_write(out, (line for _seq, line in rows))
    return tallies


def _check_shards(manifests: list[tuple[Path, dict[str, Any]]]) -> list[str]:
    """Every input is a finished shard of the same job, and together they are all of it."""
    problems, seen = [], []
    fingerprints = {m["job"]["fingerprint"] for _, m in manifests}
    for folder, manifest in manifests:
        if manifest.get("status") != "complete":
            problems.append(f"{folder} is not a finished run (resume it with `ringkas run ... --shard`)")
        if not manifest.get("shard"):
            problems.append(f"{folder} is not a shard run")
        else:
            seen.append(manifest["shard"])
    if len(fingerprints) > 1:
        problems.append("the folders are runs of different job specs")
    counts = {s.split("/")[1] for s in seen}
    if len(counts) > 1:
        problems.append(f"the shards split the job differently ({', '.join(sorted(seen))})")
    elif counts and not problems:
        total = int(counts.pop())
        missing = sorted(set(range(1, total + 1)) - {int(s.split("/")[0]) for s in seen})
        duplicated = [s for s, n in Counter(seen).items() if n > 1]
        if missing:
            problems.append(f"shard(s) {', '.join(f'{k}/{total}' for k in missing)} missing")
        if duplicated:
            problems.append(f"shard(s) {', '.join(duplicated)} given twice")
    return problems


def _sum_counts(shard_counts: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {}
    for counts in shard_counts:
        for key, value in counts.items():
            if isinstance(value, dict):
                bucket = total.setdefault(key, Counter())
                bucket.update(value)
            else:
                total[key] = total.get(key, 0) + value
    return {k: dict(sorted(v.items())) if isinstance(v, Counter) else v for k, v in total.items()}


def _sum_timings(manifests: list[dict[str, Any]]) -> dict[str, Any]:
    from ringkas.runner.manifest import timings_table

    seconds: Counter = Counter()
    articles: Counter = Counter()
    loading: Counter = Counter()
    for manifest in manifests:
        for stage, figures in manifest["timings"].items():
            seconds[stage] += figures["seconds"]
            articles[stage] += figures["articles"]
            loading[stage] += figures.get("load_seconds", 0.0)
    return timings_table(seconds, articles, +loading)


def _counted(tallies: list[Tally], manifests: list[tuple[Path, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Each shard's counts as its files hold them (``read`` too), warning where its manifest says otherwise."""
    counts = []
    for tally, (folder, manifest) in zip(tallies, manifests):
        found = {**manifest["counts"], **tally.counts()}
        found["read"] = found["accepted"] + found["rejected"]
        differs = [k for k in ("read", "accepted", "rejected") if found[k] != manifest["counts"].get(k)]
        if differs:
            log.warning("%s: its files hold %s, its manifest says %s: counting what the files hold", folder,
                        ", ".join(f"{k} {found[k]}" for k in differs),
                        ", ".join(f"{k} {manifest['counts'].get(k)}" for k in differs))
        counts.append(found)
    return counts


def merge_outputs(folders: list[str | Path], out_dir: str | Path, force: bool = False) -> dict[str, Any]:
    """Merge shard output ``folders`` into ``out_dir``; return the merged manifest.

    ``out_dir`` must be new, empty, only the shards' parent, or an earlier merge; ``force`` lets it be any
    folder (its other files stay). It is never one of the shards."""
    from ringkas.runner.claim import check_merge_output, read_manifest

    folders = [Path(f) for f in folders]
    out_dir = Path(out_dir)
    manifests = []
    for folder in folders:
        manifest = read_manifest(folder)
        if manifest is None:
            raise InputError(f"{folder}: no manifest.json (not a ringkas run output, or not finished)")
        manifests.append((folder, manifest))
    problems = _check_shards(manifests)
    if problems:
        raise InputError("cannot merge:\n" + "\n".join(f"  - {p}" for p in problems))
    check_merge_output(out_dir, folders, force=force)
    ensure_writable_folder(out_dir, "merge output")
    tallies = [Tally() for _ in folders]
    for name, kind in (("briefs.jsonl", "brief"), ("rejects.jsonl", "reject")):
        for total, part in zip(tallies, _merge_file([f / name for f in folders], out_dir / name, kind)):
            total.update(part)
    fsync_dir(out_dir)
    first = manifests[0][1]
    spec_output = first["job"]["spec"]["output"]
    if "parquet" in spec_output["formats"]:
        from ringkas.writers.parquet import write_briefs_parquet

        write_briefs_parquet(out_dir / "briefs.jsonl", out_dir / "briefs.parquet")
    merged = {**first, "shard": None, "counts": _sum_counts(_counted(tallies, manifests)),
              "timings": _sum_timings([m for _, m in manifests]),
              # Every shard reads, cleans and de-duplicates the whole feed (so near-duplicates are found across
              # shards) before taking its share: those stages' articles are the sum of that work, not the feed.
              "timings_note": "read, clean and dedupe figures add up every shard's pass over the whole feed; "
                              "model stages add up each shard's share",
              "shards": [{"shard": m["shard"], "folder": str(f), "started": m["started"],
                          "finished": m["finished"], "engine": m["engine"], "device": m["device"]}
                         for f, m in sorted(manifests, key=lambda fm: int(fm[1]["shard"].split("/")[0]))],
              "started": min(m["started"] for _, m in manifests),
              "finished": max(m["finished"] for _, m in manifests)}
    merged.pop("runs", None)
    if first.get("stories"):  # every shard found the same stories; each saved briefs only in its own share
        merged["stories"] = {**first["stories"],
                             "briefs_saved": sum(m["stories"].get("briefs_saved", 0) for _, m in manifests)}
    merged["runtime"] = {}
    for _, manifest in manifests:
        for name, info in manifest.get("models", {}).items():
            merged["models"].setdefault(name, info)
        for name, entries in manifest.get("runtime", {}).items():
            for entry in entries:
                add_runtime(merged["runtime"], name, entry, entry.get("units", 1))
    if spec_output["digest"]:
        from ringkas.writers.digest import count_stories, digest_subtitle, write_digest

        counts = merged["counts"]
        subtitle = digest_subtitle(counts["accepted"], counts["read"], merged["finished"],
                                   count_stories(out_dir / "briefs.jsonl"))
        write_digest(out_dir / "briefs.jsonl", out_dir, spec_output["digest_title"], subtitle)
    write_json(out_dir / "manifest.json", merged)
    return merged
