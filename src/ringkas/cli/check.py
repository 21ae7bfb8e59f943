"""``ringkas check``: re-check translated records (ours or anyone's) for lost figures and sentences."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from ringkas.cli.records import add_force_argument, count_lines, rejects_path_for, write_records

HELP = ("re-check translated JSONL (text/text_en, title/title_en) for lost figures and sentences, and briefs "
        "(brief/headline_en) for sentences the English article does not say")
EXAMPLES = """\
  ringkas check out/en.jsonl -o out/checked.jsonl          # out/en.jsonl: ringkas translate's example
  ringkas check out/en.jsonl -o out/checked.jsonl --rejects out/bad-lines.jsonl   # any translator's JSONL
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, metavar="IN",
                        help="JSONL with text and text_en (and title, title_en) per line, from any translator")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                        help="the same records with the checks' flags and metadata.check added")
    parser.add_argument("--rejects", type=Path, default=None, metavar="PATH",
                        help="where lines that are not records go (default: OUT with .rejects.jsonl)")
    add_force_argument(parser)
    parser.add_argument("--no-meaning-checks", action="store_true",
                        help="align sentences by length, not by meaning: no encoder loads, and added sentences "
                             "are not looked for")


def run(args: argparse.Namespace) -> int:
    from ringkas.errors import InputError
    from ringkas.readers.ringkas import read_ringkas_jsonl
    from ringkas.progress import progress
    from ringkas.translate.checks import (
        ADDED_FLAG,
        NUMBER_FLAG,
        SENTENCE_FLAG,
        TRANSLATED_FIELDS,
        check_translated,
        checks_provenance,
    )

    from ringkas.readers.probe import readable_records
    from ringkas.summarise.support import BRIEF_FLAG, brief_support, check_brief
    from ringkas.translate.meaning import meaning_check

    if not args.input.is_file():
        raise InputError(f"input file {args.input} does not exist")
    articles = readable_records(read_ringkas_jsonl(args.input), args.input, "JSONL records")
    rejects_path = rejects_path_for(args.input, args.output, args.rejects, force=args.force)
    meaning = meaning_check(False if args.no_meaning_checks else None)
    support = brief_support(False if args.no_meaning_checks else None, encoder=meaning and meaning.encoder)
    provenance = checks_provenance(meaning=meaning)
    if support is not None:
        provenance = {**provenance, "brief": support.provenance()}
    counts: Counter = Counter()

    def checked(records):
        for article in records:
            if not article.rejected:
                translated = any(getattr(article, s) and getattr(article, t) is not None
                                 for s, t in TRANSLATED_FIELDS.items())
                if translated:
                    counts.update(check_translated(article, TRANSLATED_FIELDS, meaning=meaning))
                briefed = support is not None and bool(article.brief or article.headline_en) and bool(article.text_en)
                if briefed:
                    counts.update(check_brief(article, support))
                if translated or briefed:
                    counts["checked"] += 1
                    article.add_provenance("check", provenance)
                else:
                    counts["untranslated"] += 1
            yield article

    records = progress(checked(articles), "check", total=count_lines(args.input))
    result = write_records(records, args.output, rejects_path, "check")
    from ringkas.console import plural

    print(f"check: {plural(result.read, 'record')}: {counts['checked']} checked, {counts['untranslated']} without a "
          f"translation, {result.rejected} not records ({rejects_path}); flagged: {NUMBER_FLAG} "
          f"{counts[NUMBER_FLAG]}, {SENTENCE_FLAG} {counts[SENTENCE_FLAG]}, {ADDED_FLAG} {counts[ADDED_FLAG]}, "
          f"{BRIEF_FLAG} {counts[BRIEF_FLAG]}; "
          f"written to {args.output}", file=sys.stderr)
    return result.status
