"""``ringkas run``: the daily job, from a job spec (thin over :func:`ringkas.runner.run_job`)."""

from __future__ import annotations

import argparse

HELP = "run a job spec: read, clean, translate, summarise, write briefs, rejects, manifest and digest"
EXAMPLES = """\
  ringkas run jobs/example.toml
  ringkas run jobs/example.toml --set translate.device=cpu --set output.dir=out/today
  ringkas run jobs/example.toml --force                 # start over instead of resuming
  ringkas run jobs/example.toml --shard 2/4             # this machine's quarter; then ringkas merge
  ringkas run jobs/example.toml --engine ray            # Ray Data actor pools (local or a cluster)

A killed run resumes where it stopped when run again; a finished one does nothing.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("job", help="job spec (TOML), e.g. jobs/example.toml")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="SECTION.KEY=VALUE",
                        help="override a job key (repeatable); the value is read as TOML, else as text")
    parser.add_argument("--force", action="store_true", help="delete this job's outputs and start over")
    parser.add_argument("--shard", metavar="K/N", help="run shard K of N (outputs in OUTPUT/shard-K-of-N)")
    parser.add_argument("--engine", choices=["local", "ray"], help="override [run] engine")


def run(args: argparse.Namespace) -> int:
    from ringkas.runner import run_job

    result = run_job(args.job, overrides=args.overrides, force=args.force, shard=args.shard, engine=args.engine)
    counts = result.counts
    if result.status == "already_complete":
        print(f"job already finished: {result.out_dir} (nothing to do; --force runs it again)")
        return 0
    fetch = result.manifest.get("fetch")
    if fetch:
        failed = ", ".join(f"{reason} {n}" for reason, n in fetch["rejected_by_reason"].items()) or "none"
        print(f"fetched {fetch['fetched']} new pages from {fetch['feeds']} feeds ({fetch['not_modified']} not "
              f"modified), {fetch['pages']} pages to process; fetch failures: {failed}")
    rejected = ", ".join(f"{reason} {n}" for reason, n in counts["rejected_by_reason"].items()) or "none"
    print(f"{counts['accepted']} briefs ({counts['duplicates']} near-duplicates linked), "
          f"{counts['rejected']} rejected ({rejected}), {counts['flagged']} flagged -> {result.out_dir}")
    return 0
