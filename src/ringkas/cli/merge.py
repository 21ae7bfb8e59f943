"""``ringkas merge``: join the outputs of ``ringkas run --shard K/N`` runs into one."""

from __future__ import annotations

import argparse

from ringkas.cli.records import add_force_argument
from pathlib import Path

HELP = "merge the output folders of sharded runs into what one run would have written"
EXAMPLES = """\
  ringkas merge out/today/shard-1-of-2 out/today/shard-2-of-2 -o out/today
  ringkas merge out/today/shard-* -o out/today

The output folder must be new, empty, the shards' parent or an earlier merge; --force writes into any
other folder (only ringkas's output files there are replaced). It is never one of the shards.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folders", nargs="+", type=Path, help="finished shard output folders")
    parser.add_argument("-o", "--output", type=Path, required=True, help="merged output folder")
    add_force_argument(parser, "the output folder's ringkas files", "other files, another run's outputs", "refusing")


def run(args: argparse.Namespace) -> int:
    from ringkas.cli.run import made
    from ringkas.console import plural
    from ringkas.runner import merge_outputs

    manifest = merge_outputs(args.folders, args.output, force=args.force)
    counts = manifest["counts"]
    print(f"merged {plural(len(args.folders), 'shard')}: {made(counts, manifest.get('stories'))}, "
          f"{counts['rejected']} rejected "
          f"-> {args.output}")
    return 0
