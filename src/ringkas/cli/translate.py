"""``ringkas translate``: cleaned Indonesian JSONL in, the same records with English fields out."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from ringkas.cli.records import add_force_argument, count_lines, rejects_path_for, write_records

HELP = "translate cleaned Indonesian JSONL to English (MarianMT / NLLB via CTranslate2 or transformers)"
EXAMPLES = """\
  ringkas translate out/clean.jsonl -o out/en.jsonl          # out/clean.jsonl: ringkas clean's example
  ringkas translate out/clean.jsonl -o out/en.jsonl --model facebook/nllb-200-distilled-600M --device cuda
  ringkas translate out/clean.jsonl -o out/en.jsonl --model out/tiny/marian --backend transformers --num-beams 4
  ringkas translate out/clean.jsonl -o out/en.jsonl --rejects out/en-rejected.jsonl --no-cache
"""
DEFAULT_MODEL = "Helsinki-NLP/opus-mt-id-en"
COMMAND_DEFAULTS = {"model": DEFAULT_MODEL}  # a job names its model; this command has one to start with


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, metavar="IN", help="cleaned JSONL (id, title, text per line)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                        help="JSONL of translated records (title_en, text_en, provenance added)")
    from ringkas.options import add_flags
    from ringkas.translate.settings import TranslationSettings, TranslatorModel

    add_flags(parser, TranslatorModel, defaults=COMMAND_DEFAULTS)
    add_flags(parser, TranslationSettings)
    parser.add_argument("--no-checks", action="store_true",
                        help="do not check translations for lost figures and sentences (nor repair them)")
    parser.add_argument("--rejects", type=Path, default=None, metavar="PATH",
                        help="where rejected records go (default: OUT with .rejects.jsonl)")
    add_force_argument(parser)
    cache = parser.add_mutually_exclusive_group()
    cache.add_argument("--cache", type=Path, default=None, metavar="PATH",
                       help="SQLite translation cache (default: ~/.cache/ringkas/translations.sqlite)")
    cache.add_argument("--no-cache", action="store_true", help="translate everything afresh, cache nothing")


def run(args: argparse.Namespace) -> int:
    from ringkas.console import header
    from ringkas.errors import InputError, RingkasError
    from ringkas.readers.ringkas import read_ringkas_jsonl
    from ringkas.models.hub import ModelNotFoundError
    from ringkas.options import flag_values, option_names
    from ringkas.progress import progress
    from ringkas.translate import build_translator
    from ringkas.translate.settings import TranslationSettings, TranslatorModel
    from ringkas.translate.cache import default_translation_cache
    from ringkas.translate.checks import CHECK_FLAGS

    from ringkas.readers.probe import readable_records

    if not args.input.is_file():
        raise InputError(f"input file {args.input} does not exist")
    articles = readable_records(read_ringkas_jsonl(args.input), args.input, "JSONL records")
    rejects_path = rejects_path_for(args.input, args.output, args.rejects, force=args.force)
    settings = flag_values(args, option_names(TranslatorModel, TranslationSettings))
    if args.no_checks:
        settings.update(check_numbers=False, check_sentences=False, repair=False, check_meaning=False)
    try:
        translator = build_translator(
            cache=None if args.no_cache else (args.cache or default_translation_cache()), **settings)
        identity = translator.identity()  # loads the model now: a missing model stops here, exit 2
    except (ModelNotFoundError, ValueError) as exc:
        raise RingkasError(str(exc)) from exc
    header(f"translate: {identity['model']} @ {identity['revision']} with {identity['backend']} on "
           f"{identity['device']}")
    started = time.monotonic()
    records = progress(translator(articles), "translate", total=count_lines(args.input),
                       postfix=lambda seconds: f"{translator.stats.output_tokens / max(seconds, 1e-9):.0f} tok/s")
    flagged: Counter = Counter()
    result = write_records(records, args.output, rejects_path, "translate",
                           on_written=lambda article: flagged.update(f for f in article.flags if f in CHECK_FLAGS))
    written, rejected = result.written, result.rejected
    elapsed = time.monotonic() - started
    stats = translator.stats
    from ringkas.console import plural

    print(f"translate: {plural(written + rejected, 'record')}: {written} written to {args.output}, {rejected} rejected "
          f"({rejects_path}); {stats.output_tokens} output tokens in {elapsed:.1f}s "
          f"({stats.output_tokens / elapsed if elapsed else 0:.0f} tok/s); cache hits {stats.cache_hits}/"
          f"{plural(stats.chunks, 'chunk')}; {plural(stats.retried, 'chunk')} retried, {stats.repaired} translated again one sentence "
          f"per input; flagged: {', '.join(f'{flag} {flagged[flag]}' for flag in CHECK_FLAGS)}", file=sys.stderr)
    return result.status

