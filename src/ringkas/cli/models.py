"""``ringkas models``: fetch models into the Hugging Face cache on a connected machine, or build tiny ones."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "download models into the Hugging Face cache, or build tiny test models"
EXAMPLES = """\
  ringkas models download Helsinki-NLP/opus-mt-id-en
  ringkas models download facebook/nllb-200-distilled-600M --revision main
  HF_HOME=/data/hf ringkas models download sshleifer/distilbart-cnn-12-6
  ringkas models tiny marian out/tiny-marian     # random weights, for tests and benchmarks
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    download = actions.add_parser("download", help="fetch a hub model into the local cache (needs internet)")
    download.add_argument("model", help="hub id, e.g. Helsinki-NLP/opus-mt-id-en")
    download.add_argument("--revision", default=None, help="branch, tag or commit (default: main)")
    tiny = actions.add_parser("tiny", help="build a tiny random-weight model with a real tokenizer")
    tiny.add_argument("kind", help="model kind (marian, nllb, bart, t5, causal ...)")
    tiny.add_argument("out", type=Path, help="output folder")


def run(args: argparse.Namespace) -> int:
    if args.action == "download":
        from ringkas.models.hub import download

        path = download(args.model, revision=args.revision)
        print(f"{args.model} is in the cache at {path}")
        print("copy the HF_HOME folder to an offline machine, or pass this folder as --model")
        return 0
    from ringkas.testing.tiny_models import BUILDERS, build

    if args.kind not in BUILDERS:
        from ringkas.errors import InputError

        raise InputError(f"unknown tiny model kind {args.kind!r} (known: {', '.join(BUILDERS.names())})")
    print(build(args.kind, args.out))
    return 0
