#!/usr/bin/env python
"""The same tiny-model job on the local engine, on Ray with one node, and on Ray with two simulated nodes.

usage: python scripts/bench_ray.py [--articles 2000] [--unit-size 64] [--configs local,ray-1-node,ray-2-nodes]

Run from the repository root; everything is written under ``out/bench_ray/`` (git ignores ``out/``). The
feed is ``tests/runner/feeds.make_feed`` (distinct stories from the tiny models' corpus, every tenth a
near-duplicate of an earlier one); the job translates with the tiny Marian model (``ringkas models tiny``,
random weights: the figures are the runner's cost, not a real model's; the sentence check aligns by
length, without the meaning encoder, which would cost 70 times the tiny translator) and writes lead briefs. Each
configuration runs the whole job (``--force``): plan on the driver, then the model stages.

- ``local``: this process, the whole machine as the models' budget;
- ``ray-1-node``: a local Ray instance with every CPU of the machine;
- ``ray-2-nodes``: a ``ray.cluster_utils.Cluster`` of two nodes on this machine, the CPUs split between them
  (on one box this cannot be faster: it is the same cores, plus a second raylet and object store).

Starting Ray (or the cluster) is timed apart and left out of the job's figure. Printed per configuration:
wall seconds of the job, articles per second (articles read / wall), the ratio to the local engine and
whether the briefs equal the local engine's (less the runtime's budget and thread fields, which record
each engine's share on purpose); then the machine and its load average before and after.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
OUT = ROOT / "out" / "bench_ray"
CONFIGS = ("local", "ray-1-node", "ray-2-nodes")


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), {platform.system()} {platform.release()}, Python {platform.python_version()}"


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def prepare(articles: int) -> tuple[Path, Path]:
    from ringkas.testing.tiny_models import build
    from tests.runner.feeds import make_feed

    OUT.mkdir(parents=True, exist_ok=True)
    marian = OUT / "tiny" / "marian"
    if not (marian / "config.json").exists():
        build("marian", marian)
    feed = OUT / f"feed{articles}.jsonl"
    if not feed.exists():
        make_feed(feed, articles, duplicates={n: n - 100 for n in range(100, articles, 10)})
    return marian, feed


def spec(feed: Path, marian: Path, name: str, unit_size: int) -> dict:
    return {"input": {"path": str(feed)},
            "translate": {"model": str(marian), "device": "cpu", "max_new_tokens": 8, "num_beams": 1,
                          "options": {"check_meaning": False}},
            "summarise": {"method": "lead"}, "output": {"dir": str(OUT / name), "digest": False},
            "run": {"unit_size": unit_size}}


def run(config: str, job: dict) -> dict:
    import ray

    from ringkas.runner import run_job

    started = time.perf_counter()
    cluster = None
    if config == "ray-1-node":
        ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    elif config == "ray-2-nodes":
        from ray.cluster_utils import Cluster

        half = max(1, (os.cpu_count() or 2) // 2)
        cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": half})
        cluster.add_node(num_cpus=max(1, (os.cpu_count() or 2) - half))
        cluster.wait_for_nodes()
        ray.init(address=cluster.address, log_to_driver=False, logging_level=logging.ERROR)
    startup = time.perf_counter() - started
    try:
        started = time.perf_counter()
        result = run_job(job, force=True, engine="local" if config == "local" else "ray")
        wall = time.perf_counter() - started
    finally:
        if ray.is_initialized():
            ray.shutdown()
        if cluster is not None:
            cluster.shutdown()
    read = result.manifest["counts"]["read"]
    stages = {k: v.get("seconds") for k, v in result.manifest.get("timings", {}).items() if isinstance(v, dict)}
    return {"config": config, "startup_s": round(startup, 1), "wall_s": round(wall, 1), "articles": read,
            "articles_per_s": round(read / wall, 1), "stage_seconds": stages,
            "briefs": briefs_without_budget(result.briefs_path)}


def briefs_without_budget(path: Path) -> list[dict]:
    """The briefs, less the runtime's record of each model's budget and threads (an engine's share)."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        for entry in line.get("provenance", {}).values():
            if isinstance(entry, dict):
                for key in ("budget", "inter_threads", "intra_threads"):
                    entry.pop(key, None)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--unit-size", type=int, default=64)
    parser.add_argument("--configs", default=",".join(CONFIGS))
    args = parser.parse_args()
    configs = [c for c in args.configs.split(",") if c]
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")])
    os.environ.setdefault("RINGKAS_CACHE", str(OUT / "cache"))  # Ray workers inherit both
    logging.basicConfig(level=logging.ERROR)
    before = load()
    marian, feed = prepare(args.articles)
    results = [run(config, spec(feed, marian, config, args.unit_size)) for config in configs]
    local = next((r for r in results if r["config"] == "local"), None)
    print(f"{args.articles} articles, units of {args.unit_size}, tiny Marian (random weights), lead briefs")
    print(f"{'config':<12} {'start s':>8} {'wall s':>8} {'articles/s':>11} {'x local':>8}  same briefs")
    for r in results:
        ratio = f"{r['wall_s'] / local['wall_s']:.2f}" if local else "-"
        same = "yes" if local and r["briefs"] == local["briefs"] else ("-" if not local else "NO")
        print(f"{r['config']:<12} {r['startup_s']:>8} {r['wall_s']:>8} {r['articles_per_s']:>11} {ratio:>8}  {same}")
    for r in results:
        print(f"  {r['config']}: stage seconds (summed over units) {json.dumps(r['stage_seconds'])}")
    print(f"machine: {machine()}")
    print(f"load average before: {before}; after: {load()}")


if __name__ == "__main__":
    main()
