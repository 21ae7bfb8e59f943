"""Scoring speed and memory of ``ringkas eval``: N articles, two systems, the default metrics.

    python scripts/bench_eval.py                  # 10,000 articles, 2 systems (the figure in docs/benchmarks.md)
    python scripts/bench_eval.py --quick          # 1,000 articles
    python scripts/bench_eval.py --src OTHER/src  # the same inputs scored by another checkout, for before/after

Writes synthetic references (English summary and translation, Indonesian source) and two systems' outputs
(brief and text_en built from the same sentences, reordered and cut, so every metric has real work) under
``--work`` (default ``out/bench_eval``), then runs ``ringkas eval --refs ... --system ... --json`` in a
subprocess per source tree and prints CPU seconds (user + system), wall seconds and peak RSS (``ru_maxrss``) of that child for each; on a
busy machine CPU seconds are the steadier figure. Then, in the same run, a plain script scores the same briefs
with rouge-score (ROUGE-1/2/L/Lsum per article) and the same text_en with sacrebleu (corpus BLEU and chrF++)
alone, the floor ``ringkas eval`` with its checks columns is compared with (goal: at most 1.5x its CPU).
Timings on a shared machine are noisy: compare trees side by side in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def corpus() -> list[tuple[str, str]]:
    sys.path.insert(0, str(REPO / "src"))
    from ringkas.testing.tiny_models.common import parallel_corpus

    return parallel_corpus()


def write_inputs(folder: Path, n: int, seed: int = 7) -> tuple[Path, list[Path]]:
    rng = random.Random(seed)
    pairs = corpus()
    folder.mkdir(parents=True, exist_ok=True)
    refs, systems = folder / "refs.jsonl", [folder / "sys_a.jsonl", folder / "sys_b.jsonl"]
    handles = [open(path, "w", encoding="utf-8") for path in (refs, *systems)]
    try:
        for i in range(n):
            chosen = rng.sample(pairs, 6)
            source = " ".join(s for s, _ in chosen)
            translation = " ".join(t for _, t in chosen)
            summary = " ".join(t for _, t in chosen[:2])
            handles[0].write(json.dumps({"id": f"a{i}", "source": source, "summary": summary,
                                         "translation": translation}) + "\n")
            for handle, keep in zip(handles[1:], (3, 2)):
                picked = rng.sample(chosen, keep)
                text_en = " ".join(t for _, t in rng.sample(chosen, 5))
                handle.write(json.dumps({"id": f"a{i}", "brief": " ".join(t for _, t in picked),
                                         "text_en": text_en}) + "\n")
    finally:
        for handle in handles:
            handle.close()
    return refs, systems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="1,000 articles")
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--src", action="append", type=Path, default=None,
                        help="a src/ folder to score with (repeatable; default: this checkout's)")
    parser.add_argument("--work", type=Path, default=REPO / "out" / "bench_eval")
    args = parser.parse_args()
    n = 1000 if args.quick else args.articles
    refs, systems = write_inputs(args.work, n)
    print(f"{n} articles, {len(systems)} systems, metrics rouge,bleu,chrf++,reference_free, "
          f"{args.resamples} resamples and randomisation trials")
    for src in args.src or [REPO / "src"]:
        # one child per tree, measured alone, so ru_maxrss is that tree's peak
        code = ("import sys, resource, subprocess; r = subprocess.run(sys.argv[1:]); "
                "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
                "print(u.ru_maxrss, u.ru_utime + u.ru_stime, file=sys.stderr); sys.exit(r.returncode)")
        env = dict(os.environ, PYTHONPATH=str(src))
        command = [sys.executable, "-m", "ringkas", "-q", "eval", "--refs", str(refs), "--json",
                   str(args.work / "scores.json"), "--resamples", str(args.resamples)]
        for i, path in enumerate(systems):
            command += ["--system", f"s{i}={path}"]
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code, *command], env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{src}: ringkas eval exited {done.returncode}:\n{done.stderr[-2000:]}")
        peak_kib, cpu = done.stderr.strip().splitlines()[-1].split()
        print(f"{src}: {float(cpu):.1f} s CPU, {wall:.1f} s wall, peak RSS {int(peak_kib) / 1024:.0f} MiB")
    run_plain(refs, systems)


PLAIN = """
import json, sys
from rouge_score import rouge_scorer
import sacrebleu
refs = {r["id"]: r for r in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
for path in sys.argv[2:]:
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    for row in rows:
        scorer.score(target=refs[row["id"]]["summary"], prediction=row["brief"])
    hypotheses = [row["text_en"] for row in rows]
    references = [[refs[row["id"]]["translation"] for row in rows]]
    sacrebleu.corpus_bleu(hypotheses, references)
    sacrebleu.corpus_chrf(hypotheses, references, word_order=2)
"""


def run_plain(refs: Path, systems: list[Path]) -> None:
    code = ("import sys, resource, subprocess; r = subprocess.run(sys.argv[1:]); "
            "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(u.ru_maxrss, u.ru_utime + u.ru_stime, file=sys.stderr); sys.exit(r.returncode)")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, sys.executable, "-c", PLAIN, str(refs), *map(str, systems)],
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"plain rouge-score + sacrebleu exited {done.returncode}:\n{done.stderr[-2000:]}")
    peak_kib, cpu = done.stderr.strip().splitlines()[-1].split()
    print(f"plain rouge-score + sacrebleu: {float(cpu):.1f} s CPU, {wall:.1f} s wall, peak RSS "
          f"{int(peak_kib) / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
