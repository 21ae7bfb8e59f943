#!/usr/bin/env python
"""Build the tiny random-weight models (real SentencePiece tokenizers) that tests and benchmarks load.

usage: python scripts/make_tiny_models.py OUT_DIR [KIND ...]

Each kind is written to OUT_DIR/KIND and loads with ``from_pretrained(OUT_DIR/KIND)``, the same code path
as a downloaded hub model. Without KIND, every registered kind is built.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ringkas.testing.tiny_models import BUILDERS, build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("kinds", nargs="*", default=None, help=f"any of: {', '.join(BUILDERS.names())}")
    args = parser.parse_args()
    for kind in args.kinds or BUILDERS.names():
        print(f"{kind}: {build(kind, args.out_dir / kind)}")


if __name__ == "__main__":
    main()
