"""``ringkas merge``: join the outputs of ``ringkas run --shard K/N`` runs into one."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "merge the output folders of sharded runs into what one run would have written"
EXAMPLES = """\
  ringkas merge out/today/shard-1-of-2 out/today/shard-2-of-2 -o out/today
  ringkas merge out/today/shard-* -o out/today
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folders", nargs="+", type=Path, help="finished shard output folders")
    parser.add_argument("-o", "--output", type=Path, required=True, help="merged output folder")


def run(args: argparse.Namespace) -> int:
    from ringkas.runner import merge_outputs

    manifest = merge_outputs(args.folders, args.output)
    counts = manifest["counts"]
    print(f"merged {len(args.folders)} shards: {counts['accepted']} briefs, {counts['rejected']} rejected "
          f"-> {args.output}")
    return 0
