#!/usr/bin/env python
"""Model seconds a daily job spends with and without one brief per story, from the jobs' manifests.

usage: python scripts/bench_stories_job.py [--data ../shared/events/dev.jsonl] [--extra 0.3] [--tiny out/tiny]

Run from the repository root (``src/`` is put on the path). The feed is the labelled articles of the events
set: the first write-up of every event, and further write-ups of events until they are ``--extra`` of the
feed (30%: a day where three articles in ten repeat an event another outlet already reported). The same job
runs twice over it with the tiny test models (``ringkas models tiny out/tiny marian bart``: random weights,
real plumbing and real token counts): ``cluster.enabled = false``, then ``true`` with ``summarise.per =
"story"``. Printed: each run's seconds per stage from ``manifest.json``, the model seconds (translate +
summarise), the words the translator was given (the briefs' titles, and the texts of the articles that got
a brief: a count that does not depend on the machine's load) and the briefs saved. The translation cache is
off (the second run would reuse the first's translations) and the tiny translator writes at most 4 tokens a
chunk, so the figures compare the work done, not a real model's speed. Without the data file it says how to
get it and exits 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def make_feed(data: Path, extra: float, out: Path) -> tuple[int, int]:
    rows = [json.loads(line) for line in data.read_text("utf-8").splitlines() if line.strip()]
    firsts, seen, others = [], set(), []
    for row in rows:
        (others if row["event"] in seen else firsts).append(row)
        seen.add(row["event"])
    wanted = round(extra * len(firsts) / (1 - extra))
    feed = sorted(firsts + others[:wanted], key=lambda r: rows.index(r))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        for r in feed:
            handle.write(json.dumps({"id": r["id"], "title": r["title"], "text": r["text"], "url": r["url"],
                                     "published": r["published"], "source": r["outlet"]}, ensure_ascii=False) + "\n")
    return len(feed), len(feed) - len(firsts)


def run(feed: Path, out: Path, tiny: Path, stories: bool) -> dict:
    from ringkas.runner import run_job

    spec = {"input": {"path": str(feed)},
            "translate": {"model": str(tiny / "marian"), "device": "cpu", "max_new_tokens": 4, "num_beams": 1,
                          # no translation cache: the second run must not reuse the first run's translations
                          "options": {"retry_degenerate": False, "repair": False, "cache": False}},
            "summarise": {"method": "seq2seq", "model": str(tiny / "bart"), "device": "cpu", "max_new_tokens": 24,
                          "num_beams": 1, "per": "story"},
            "cluster": {"enabled": stories, "state": ""},
            "output": {"dir": str(out), "digest": True},
            "run": {"unit_size": 16}}
    return run_job(spec, force=True).manifest


def translated_words(out: Path) -> int:
    """Words of Indonesian the translator was given: every title, and the text of each briefed article."""
    total = 0
    for line in (out / "briefs.jsonl").read_text("utf-8").splitlines():
        brief = json.loads(line)
        member = (brief.get("story_detail") or {}).get("role") == "member"
        total += len((brief.get("title") or "").split()) + (0 if member else len((brief.get("text") or "").split()))
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "events" / "dev.jsonl")
    parser.add_argument("--extra", type=float, default=0.3)
    parser.add_argument("--tiny", type=Path, default=ROOT / "out" / "tiny")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"bench_stories_job: {args.data} not found (the labelled events set of issue 21, kept outside the "
              "repository in ../shared/events/dev.jsonl); pass --data PATH.", file=sys.stderr)
        return 2
    if not (args.tiny / "marian").is_dir() or not (args.tiny / "bart").is_dir():
        print(f"bench_stories_job: build the tiny models first: ringkas models tiny {args.tiny} marian bart",
              file=sys.stderr)
        return 2
    work = ROOT / "out" / "bench_stories_job"
    total, extra = make_feed(args.data, args.extra, work / "feed.jsonl")
    print(f"feed: {total} articles, {extra} of them further write-ups of an event ({100 * extra / total:.0f}%)")
    seconds: dict[bool, list[float]] = {False: [], True: []}
    words: dict[bool, int] = {}
    run(work / "feed.jsonl", work / "warm-up", args.tiny, False)  # first loads and conversions, not measured
    for round_ in range(args.rounds):  # alternated, so a change in the machine's load hits both alike
        for name, stories in (("per article (no clustering)", False), ("per story", True)):
            manifest = run(work / "feed.jsonl", work / ("stories" if stories else "articles"), args.tiny, stories)
            timings = manifest["timings"]
            model = sum(timings.get(s, {}).get("seconds", 0.0) for s in ("translate", "summarise"))
            seconds[stories].append(model)
            parts = ", ".join(f"{k} {v['seconds']:.1f} s" for k, v in timings.items())
            saved = (manifest.get("stories") or {}).get("briefs_saved", 0)
            words[stories] = translated_words(Path(manifest["job"]["spec"]["output"]["dir"]))
            print(f"round {round_ + 1}, {name}: model seconds {model:.1f} ({parts}); "
                  f"{manifest['counts']['accepted']} articles, "
                  f"{(manifest.get('stories') or {}).get('stories', manifest['counts']['accepted'])} stories, "
                  f"{saved} briefs saved")
    before, after = sorted(seconds[False])[len(seconds[False]) // 2], sorted(seconds[True])[len(seconds[True]) // 2]
    print(f"median model seconds: per article {before:.1f}, per story {after:.1f}: {after / before:.2f}x "
          f"({100 * (1 - after / before):.0f}% fewer)")
    print(f"words given to the translator: per article {words[False]}, per story {words[True]}: "
          f"{words[True] / words[False]:.2f}x ({100 * (1 - words[True] / words[False]):.0f}% fewer)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
