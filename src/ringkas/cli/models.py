"""``ringkas models``: fetch models into the Hugging Face cache on a connected machine, or build tiny ones."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "download models into the Hugging Face cache, or build tiny test models"
EXAMPLES = """\
  ringkas models download Helsinki-NLP/opus-mt-id-en
  ringkas models download facebook/nllb-200-distilled-600M --revision main
  HF_HOME=out/hf ringkas models download sshleifer/distilbart-cnn-12-6   # into another cache folder
  ringkas models tiny out/tiny marian bart      # random weights: out/tiny/marian, out/tiny/bart
  ringkas models tiny out/tiny                  # every kind
  ringkas models tiny -o out/tiny marian        # the same grammar as every command that writes
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from ringkas.testing.tiny_models import BUILDERS  # a registry of names: imports nothing heavy

    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    download = actions.add_parser("download", help="fetch a hub model into the local cache (needs internet)")
    download.add_argument("model", help="hub id, e.g. Helsinki-NLP/opus-mt-id-en")
    download.add_argument("--revision", default=None, help="branch, tag or commit (default: main)")
    kinds = BUILDERS.names()
    tiny = actions.add_parser(
        "tiny",
        help="build tiny random-weight models with real tokenizers (OUT_DIR [KIND ...])",
        description="Build tiny random-weight models (real SentencePiece tokenizers) into OUT_DIR/KIND, "
        "loadable with from_pretrained like a downloaded model. Same arguments as "
        "scripts/make_tiny_models.py.",
    )
    tiny.add_argument("-o", "--output", type=Path, default=None, metavar="OUT_DIR",
                      help="each kind goes to OUT_DIR/KIND (or OUT_DIR as the first argument)")
    tiny.add_argument("out_dir", type=Path, nargs="?", metavar="OUT_DIR", help="as -o OUT_DIR")
    tiny.add_argument("kinds", nargs="*", metavar="KIND",
                      help=f"model kinds, any of: {', '.join(kinds)} (default: all of them)")


def run(args: argparse.Namespace) -> int:
    if args.action == "download":
        import sys

        from ringkas.errors import RingkasError
        from ringkas.models.hub import ModelNotFoundError, download

        try:
            path = download(args.model, revision=args.revision, progress=sys.stderr.isatty())
        except ModelNotFoundError as exc:  # offline, hub unreachable, no such model: exit 2, one message
            raise RingkasError(str(exc)) from None
        print(f"{args.model} is in the cache at {path}")
        print("copy the HF_HOME folder to an offline machine, or pass this folder as --model")
        return 0
    if args.output is None and args.out_dir is None:
        from ringkas.errors import InputError

        raise InputError("give the folder for the models: ringkas models tiny OUT_DIR [KIND ...] (or -o OUT_DIR)")
    if args.output is not None:  # then every argument is a kind
        return build_tiny(args.output, [str(args.out_dir), *args.kinds] if args.out_dir else args.kinds)
    return build_tiny(args.out_dir, args.kinds)


def build_tiny(out_dir: Path, kinds: list[str]) -> int:
    from ringkas.errors import InputError
    from ringkas.testing.tiny_models import BUILDERS, build

    unknown = [kind for kind in kinds if kind not in BUILDERS]
    if unknown:
        raise InputError(f"unknown tiny model kind {', '.join(map(repr, unknown))} "
                         f"(known: {', '.join(BUILDERS.names())})")
    for kind in kinds or BUILDERS.names():
        folder = build(kind, out_dir / kind)
        files = [p for p in folder.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        print(f"ringkas models tiny: wrote {kind} to {folder} ({len(files)} files, {size / 1e6:.1f} MB)")
    return 0
