#!/usr/bin/env python
"""Build the tiny random-weight models (real SentencePiece tokenizers) that tests and benchmarks load.

usage: python scripts/make_tiny_models.py OUT_DIR [KIND ...]

The same command as ``ringkas models tiny OUT_DIR [KIND ...]``: each kind is written to OUT_DIR/KIND and
loads with ``from_pretrained(OUT_DIR/KIND)``, the same code path as a downloaded hub model. Without KIND,
every registered kind is built.
"""

from __future__ import annotations

import sys

from ringkas.cli import main

if __name__ == "__main__":
    sys.exit(main(["models", "tiny", *sys.argv[1:]]))
