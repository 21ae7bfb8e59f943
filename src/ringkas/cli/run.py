"""``ringkas run``: the daily job, from a job spec (thin over :func:`ringkas.runner.run_job`)."""

from __future__ import annotations

import argparse

from ringkas.cli.records import add_force_argument
import sys

HELP = "run a job spec: read, clean, translate, summarise, write briefs, rejects, manifest and digest"
EXAMPLES = """\
  ringkas run jobs/example.toml
  ringkas run jobs/example.toml --set translate.device=cpu -o out/today    # -o: --set output.dir=
  ringkas run jobs/example.toml --force                 # start over instead of resuming
  ringkas run jobs/example.toml --shard 2/4             # this machine's quarter; then ringkas merge
  ringkas run jobs/example.toml --engine ray            # Ray Data actor pools (local or a cluster)

A killed run resumes where it stopped when run again; a finished one does nothing.

exit status: 0 the job ran (rejects are normal; feeds that did not answer while others did add one warning
line and a note atop the digest); 1 it failed: every feed failed (nothing could be fetched: the reasons are
named, the digest says so too), or it stopped part-way (run it again to resume); 2 it could not start (a
bad spec, a missing input or model, an output folder ringkas did not write).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("job", help="job spec (TOML), e.g. jobs/example.toml")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="SECTION.KEY=VALUE",
                        help="override a job key (repeatable); the value is read as TOML, else as text")
    parser.add_argument("-o", "--output", default=None, metavar="DIR",
                        help="output folder (the same as --set output.dir=DIR; default: the spec's output.dir)")
    add_force_argument(parser, "the output folder", "this job's finished or half-done work, another run's "
                       "outputs", "resuming or refusing: the job starts over")
    parser.add_argument("--shard", metavar="K/N", help="run shard K of N (outputs in OUTPUT/shard-K-of-N)")
    from ringkas.options import described
    from ringkas.runner.settings import RunSettings

    engine = described(RunSettings, ["engine"])[0]
    parser.add_argument("--engine", choices=engine.choices(), help="override [run] engine")


def _toml_string(text: str) -> str:
    import json

    return json.dumps(text)  # a JSON string is a TOML basic string


def run(args: argparse.Namespace) -> int:
    from ringkas.console import plural
    from ringkas.runner import run_job

    overrides = [*args.overrides, *([f"output.dir={_toml_string(args.output)}"] if args.output else [])]
    result = run_job(args.job, overrides=overrides, force=args.force, shard=args.shard, engine=args.engine)
    counts = result.counts
    fetch = result.manifest.get("fetch") or {}
    if result.status == "already_complete":
        print(f"job already finished: {result.out_dir} (nothing to do; --force runs it again)")
        return _sources_status(fetch)
    if fetch:
        failed = ", ".join(f"{reason} {n}" for reason, n in fetch["rejected_by_reason"].items()) or "none"
        print(f"fetched {plural(fetch['fetched'], 'new page')} from {plural(fetch['feeds'], 'feed')} "
              f"({fetch['not_modified']} not modified), {plural(fetch['pages'], 'page')} to process; "
              f"fetch failures: {failed}")
    rejected = ", ".join(f"{reason} {n}" for reason, n in counts["rejected_by_reason"].items()) or "none"
    print(f"{made(counts, result.manifest.get('stories'))}, "
          f"{counts['rejected']} rejected ({rejected}), {counts['flagged']} flagged -> {result.out_dir}")
    return _sources_status(fetch)


def made(counts: dict, stories: dict | None) -> str:
    """What the job made: briefs, or with one brief per story, the articles and their stories (a story's
    other write-ups are listed by their title, not briefed)."""
    from ringkas.console import plural

    linked = f"{plural(counts['duplicates'], 'near-duplicate')} linked"
    if not stories or stories.get("per") != "story":
        return f"{plural(counts['accepted'], 'brief')} ({linked})"
    return (f"{plural(counts['accepted'], 'article')} in {plural(stories['stories'], 'story', 'stories')} "
            f"({linked}, {stories['briefs_saved']} listed by title only)")


def _sources_status(fetch: dict) -> int:
    """1 when the job's feeds could not be fetched at all (from cron, an error, not an empty day); a warning
    line when some failed."""
    if fetch.get("nothing_fetched"):
        print(f"ringkas run: failed: {fetch['nothing_fetched']}", file=sys.stderr)
        return 1
    if fetch.get("partial_failure"):
        print(f"ringkas run: warning: {fetch['partial_failure']}", file=sys.stderr)
    return 0
