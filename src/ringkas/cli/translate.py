"""``ringkas translate``: cleaned Indonesian JSONL in, the same records with English fields out."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from ringkas.cli.records import (
    add_force_argument,
    beam_count,
    count_lines,
    positive_int,
    rejects_path_for,
    write_records,
)

HELP = "translate cleaned Indonesian JSONL to English (MarianMT / NLLB via CTranslate2 or transformers)"
EXAMPLES = """\
  ringkas translate clean.jsonl -o en.jsonl
  ringkas translate clean.jsonl -o en.jsonl --model facebook/nllb-200-distilled-600M --device cuda
  ringkas translate clean.jsonl -o en.jsonl --model ./models/opus-mt-id-en --backend transformers --num-beams 4
  ringkas translate clean.jsonl -o en.jsonl --rejects rejected.jsonl --no-cache
"""
DEFAULT_MODEL = "Helsinki-NLP/opus-mt-id-en"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, metavar="IN", help="cleaned JSONL (id, title, text per line)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                        help="JSONL of translated records (title_en, text_en, provenance added)")
    parser.add_argument("--model", default=DEFAULT_MODEL, metavar="ID_OR_DIR",
                        help=f"hub id or local model folder (default: {DEFAULT_MODEL})")
    parser.add_argument("--revision", default=None, help="hub branch, tag or commit")
    parser.add_argument("--backend", choices=("auto", "ctranslate2", "transformers"), default="auto",
                        help="auto (default): the fastest measured backend that is installed (CTranslate2)")
    parser.add_argument("--device", default="auto", help="auto (default), cpu or cuda")
    parser.add_argument("--compute-type", default="auto",
                        help="CTranslate2 precision: auto (int8 on CPU, bf16/fp16 on CUDA), int8, float32 ...")
    parser.add_argument("--max-new-tokens", type=positive_int, default=None, metavar="N",
                        help="hard cap on generated tokens per chunk (default: 2 x chunk length + 16)")
    parser.add_argument("--num-beams", type=beam_count, default=1, metavar="N", help="beam size (default 1: greedy)")
    parser.add_argument("--batch-tokens", type=positive_int, default=None, metavar="N",
                        help="padded source tokens per model batch (default 4096)")
    parser.add_argument("--chunk-tokens", type=positive_int, default=None, metavar="N",
                        help="source tokens per chunk of packed sentences (default 64)")
    parser.add_argument("--no-retry", action="store_true", help="do not retry degenerate outputs")
    parser.add_argument("--no-checks", action="store_true",
                        help="do not check translations for lost figures and sentences (nor repair them)")
    parser.add_argument("--no-meaning-checks", action="store_true",
                        help="align sentences by length, not by meaning: no encoder loads, and added sentences "
                             "are not looked for")
    parser.add_argument("--no-repair", action="store_true",
                        help="check, but do not translate a flagged chunk again one sentence per input")
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
    from ringkas.jsonl import iter_articles
    from ringkas.models.hub import ModelNotFoundError
    from ringkas.progress import progress
    from ringkas.translate import build_translator
    from ringkas.translate.cache import default_translation_cache
    from ringkas.translate.checks import CHECK_FLAGS

    from ringkas.readers.probe import readable_records

    if not args.input.is_file():
        raise InputError(f"input file {args.input} does not exist")
    articles = readable_records(iter_articles(args.input), args.input, "JSONL records")
    rejects_path = rejects_path_for(args.input, args.output, args.rejects, force=args.force)
    settings = {"max_new_tokens": args.max_new_tokens, "num_beams": args.num_beams,
                "batch_tokens": args.batch_tokens, "chunk_tokens": args.chunk_tokens,
                "retry_degenerate": not args.no_retry, "repair": not (args.no_repair or args.no_checks),
                "check_numbers": not args.no_checks, "check_sentences": not args.no_checks,
                "check_meaning": False if args.no_meaning_checks or args.no_checks else None}
    try:
        translator = build_translator(
            args.model, backend=args.backend, device=args.device, revision=args.revision,
            cache=None if args.no_cache else (args.cache or default_translation_cache()),
            **({"compute_type": args.compute_type} if args.compute_type != "auto" else {}),
            **{k: v for k, v in settings.items() if v is not None},
        )
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

