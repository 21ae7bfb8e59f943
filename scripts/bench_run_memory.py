"""Peak memory of ``ringkas run`` (tiny models) as the input grows: it should stay flat.

    python scripts/bench_run_memory.py                          # 20,000 and 80,000 articles
    python scripts/bench_run_memory.py --sizes 2000 8000        # quicker
    python scripts/bench_run_memory.py --src /tmp/old/src       # another checkout's sources, side by side

Each size gets a synthetic feed (``tests/runner/feeds.py``, one article in ten a near-duplicate of one 1,000
lines earlier), then ``/usr/bin/time -v ringkas -q run jobs/tiny.toml`` over it with ``run.unit_size = 64``
and no translation cache; the table gives peak RSS and wall time per size and the ratio of the largest to
the smallest (after one unmeasured warm-up run over 200 articles). Works in ``out/bench-memory/`` (ignored by git); needs the tiny Marian model (built there).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_feed(path: Path, size: int) -> None:
    if path.exists():
        return
    sys.path[:0] = [str(REPO / "src"), str(REPO)]
    from tests.runner.feeds import make_feed as write

    write(path, size, duplicates={n: n - 1000 for n in range(1000, size, 10)})


def measure(src: Path, work: Path, feed: Path, model: Path, label: str, stages: str | None = None) -> tuple[float, float]:
    """(peak RSS in MB, wall seconds) of one run."""
    out = work / f"run-{label}-{feed.stem}"
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "ringkas", "-q", "run", str(REPO / "jobs" / "tiny.toml"),
               "--force", "--set", f'input.path="{feed}"', "--set", f'output.dir="{out}"',
               "--set", f'translate.model="{model}"', "--set", "run.unit_size=64",
               "--set", "translate.options.cache=false", *(["--set", f'run.stages="{stages}"'] if stages else [])]
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{src.parent}", "RINGKAS_CACHE": str(work / "cache")}
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{label} {feed.name}: exit {done.returncode}\n{done.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1)) / 1024
    clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", done.stderr).group(1)
    seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(clock.split(":"))))
    return rss, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 80_000])
    parser.add_argument("--src", type=Path, default=REPO / "src", help="the ringkas sources to measure")
    parser.add_argument("--label", default="this", help="names the run folders and the table rows")
    parser.add_argument("--work", type=Path, default=REPO / "out" / "bench-memory")
    parser.add_argument("--stages", default=None, help="another stage factory (module:attr), e.g. the real reader "
                        "and cleaner with stand-in model stages, tests.runner.test_fetch_job:RealReadAndClean")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    model = args.work / "tiny" / "marian"
    if not model.exists():
        subprocess.run([sys.executable, "-m", "ringkas", "-q", "models", "tiny", str(args.work / "tiny"), "marian"],
                       env={**os.environ, "PYTHONPATH": str(REPO / "src")}, check=True)
    warmup = args.work / "feed200.jsonl"  # the first run converts the tiny model for CTranslate2: not measured
    make_feed(warmup, 200)
    measure(args.src, args.work, warmup, model, args.label, args.stages)
    print("| sources | articles | peak RSS (MB) | wall (s) |\n| --- | --- | --- | --- |", flush=True)
    peaks = []
    for size in args.sizes:
        feed = args.work / f"feed{size}.jsonl"
        make_feed(feed, size)
        rss, seconds = measure(args.src, args.work, feed, model, args.label, args.stages)
        peaks.append(rss)
        print(f"| {args.label} | {size:,} | {rss:.0f} | {seconds:.1f} |", flush=True)
    print(f"largest / smallest input: peak RSS x{peaks[-1] / peaks[0]:.3f}")


if __name__ == "__main__":
    main()
