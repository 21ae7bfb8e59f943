"""``merge_outputs``: join the outputs of ``--shard K/N`` runs into what one run would have written.

Each shard's files are in input order and carry each record's input position (``seq``), so a streaming
merge restores the feed's order; counts and stage timings add up; the merged manifest lists the shards.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ringkas.errors import InputError
from ringkas.files import atomic_write, fsync_dir, write_json
from ringkas.runner.store import read_json


def _rows(path: Path) -> Iterator[tuple[int, str]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)["seq"], line if line.endswith("\n") else line + "\n"


def _merge_file(sources: list[Path], out: Path) -> None:
    rows = heapq.merge(*(_rows(p) for p in sources), key=lambda item: item[0])
    atomic_write(out, (line for _seq, line in rows))


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


def _sum_counts(manifests: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {}
    for manifest in manifests:
        for key, value in manifest["counts"].items():
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


def merge_outputs(folders: list[str | Path], out_dir: str | Path) -> dict[str, Any]:
    """Merge shard output ``folders`` into ``out_dir``; return the merged manifest."""
    folders = [Path(f) for f in folders]
    out_dir = Path(out_dir)
    manifests = []
    for folder in folders:
        if not (folder / "manifest.json").exists():
            raise InputError(f"{folder}: no manifest.json (not a ringkas run output, or not finished)")
        manifests.append((folder, read_json(folder / "manifest.json")))
    problems = _check_shards(manifests)
    if problems:
        raise InputError("cannot merge:\n" + "\n".join(f"  - {p}" for p in problems))
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ("briefs.jsonl", "rejects.jsonl"):
        _merge_file([f / name for f in folders], out_dir / name)
    fsync_dir(out_dir)
    first = manifests[0][1]
    spec_output = first["job"]["spec"]["output"]
    if "parquet" in spec_output["formats"]:
        from ringkas.writers.parquet import write_briefs_parquet

        write_briefs_parquet(out_dir / "briefs.jsonl", out_dir / "briefs.parquet")
    merged = {**first, "shard": None, "counts": _sum_counts([m for _, m in manifests]),
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
    for _, manifest in manifests:
        for name, info in manifest.get("models", {}).items():
            merged["models"].setdefault(name, info)
    if spec_output["digest"]:
        from ringkas.writers.digest import digest_subtitle, write_digest

        counts = merged["counts"]
        subtitle = digest_subtitle(counts["accepted"], counts["read"], merged["finished"])
        write_digest(out_dir / "briefs.jsonl", out_dir, spec_output["digest_title"], subtitle)
    write_json(out_dir / "manifest.json", merged)
    return merged
