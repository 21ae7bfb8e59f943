"""``ringkas summarise``: translated JSONL in, the same records with ``brief`` and ``headline_en`` out."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ringkas.cli.records import (
    add_force_argument,
    count_lines,
    positive_int,
    rejects_path_for,
    write_records,
)

HELP = "write English briefs and headlines (lead/textrank, BART/PEGASUS/T5, prompted chat models, mT5 direct)"
EXAMPLES = """\
  ringkas summarise en.jsonl -o briefs.jsonl --method textrank --sentences 3
  ringkas summarise en.jsonl -o briefs.jsonl                     # sshleifer/distilbart-cnn-12-6
  ringkas summarise en.jsonl -o briefs.jsonl --model google/flan-t5-base --prompt brief_3_bullets
  ringkas summarise en.jsonl -o briefs.jsonl --model Qwen/Qwen2.5-0.5B-Instruct --prompt brief_paragraph \\
      --headline-prompt headline --device cuda --fallback-extractive
  ringkas summarise clean.jsonl -o briefs.jsonl --pipeline direct --model csebuetnlp/mT5_m2o_english_crossSum
  ringkas summarise clean.jsonl -o briefs.jsonl --pipeline summarise-then-translate \\
      --model csebuetnlp/mT5_multilingual_XLSum --translate-model Helsinki-NLP/opus-mt-id-en
"""
DEFAULT_TRANSLATOR = "Helsinki-NLP/opus-mt-id-en"
GUARD_FLAGS = ("unsupported_numbers", "repetition_loop", "empty_brief", "extractive_fallback")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, metavar="IN",
                        help="JSONL records: translated (text_en) for the default pipeline, cleaned (text) otherwise")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                        help="JSONL of records with brief, headline_en and provenance added")
    from ringkas.summarise import METHODS
    from ringkas.summarise.pipelines import DEFAULT_PIPELINE, PIPELINES
    from ringkas.summarise.settings import BACKEND_NAMES

    parser.add_argument("--method", choices=METHODS.names(), default=None,
                        help="lead/textrank need no model; with --model it is inferred (chat LMs and --prompt: "
                        "instruct); with neither, the pipeline's default model (translate-then-summarise: "
                        "sshleifer/distilbart-cnn-12-6; direct: csebuetnlp/mT5_m2o_english_crossSum)")
    parser.add_argument("--model", default=None, metavar="ID_OR_DIR", help="hub id or local model folder")
    parser.add_argument("--revision", default=None, help="hub branch, tag or commit")
    parser.add_argument("--prompt", default=None, metavar="NAME",
                        help="prompt template in --prompts-dir (brief_3_bullets, brief_paragraph, headline) or a .j2 path")
    parser.add_argument("--headline-prompt", default=None, metavar="NAME",
                        help="also generate the headline with this prompt (default: title, else first sentence)")
    parser.add_argument("--prompts-dir", type=Path, default=None, metavar="DIR",
                        help="folder of prompt templates (default: the prompts shipped with ringkas)")
    parser.add_argument("--pipeline", default=DEFAULT_PIPELINE, choices=PIPELINES.names(),
                        help="translate-then-summarise (default; IN already translated unless --translate-model "
                        "is given), summarise-then-translate or direct")
    parser.add_argument("--translate-model", default=None, metavar="ID_OR_DIR",
                        help=f"translator for the pipeline (summarise-then-translate default: {DEFAULT_TRANSLATOR})")
    parser.add_argument("--translate-backend", default="auto", help="translator backend (auto, ctranslate2, transformers)")
    parser.add_argument("--sentences", type=positive_int, default=None, metavar="N",
                        help="sentences per brief (lead/textrank default 3; caps generated briefs)")
    parser.add_argument("--max-new-tokens", type=positive_int, default=None, metavar="N", help="cap on generated tokens")
    parser.add_argument("--min-new-tokens", type=int, default=None, metavar="N", help="floor on generated tokens")
    parser.add_argument("--num-beams", type=positive_int, default=None, metavar="N", help="beam size (default: model family's)")
    parser.add_argument("--style", choices=("bullets", "paragraph"), default=None,
                        help="seq2seq brief format (default bullets)")
    parser.add_argument("--fallback-extractive", action="store_true",
                        help="replace a brief with unsupported numbers or a repetition loop by the lead brief")
    parser.add_argument("--no-meaning-checks", action="store_true",
                        help="do not check that each brief sentence is said by the article (no encoder loads); "
                        "with a translator, its meaning checks are off too")
    parser.add_argument("--backend", default="auto", choices=BACKEND_NAMES,
                        help="auto (default: CTranslate2 when installed and the model's type converts), "
                        "ctranslate2 or transformers")
    parser.add_argument("--compute-type", default="auto", metavar="TYPE",
                        help="CTranslate2 precision: auto (int8 on CPU, bfloat16/float16 on CUDA), int8, float16 ...")
    parser.add_argument("--max-chars", type=positive_int, default=None, metavar="N",
                        help="reject a source text longer than this (default: the cleaner's 100,000)")
    parser.add_argument("--device", default="auto", help="auto (default), cpu or cuda")
    parser.add_argument("--batch-size", type=positive_int, default=None, metavar="N", help="articles per batch (default 8)")
    parser.add_argument("--rejects", type=Path, default=None, metavar="PATH",
                        help="where rejected records go (default: OUT with .rejects.jsonl)")
    add_force_argument(parser)


def build_steps(args: argparse.Namespace) -> list[Any]:
    """The summariser (and translator, where the pipeline has one) from the arguments; nothing loads yet."""
    from ringkas.summarise import build_summariser
    from ringkas.summarise.pipelines import pipeline_steps

    settings = {
        "sentences": args.sentences, "max_new_tokens": args.max_new_tokens, "min_new_tokens": args.min_new_tokens,
        "num_beams": args.num_beams, "style": args.style, "batch_size": args.batch_size,
        "headline_prompt": args.headline_prompt, "prompts_dir": args.prompts_dir and str(args.prompts_dir),
        "max_chars": args.max_chars, "revision": args.revision,
    }
    if args.method not in ("lead", "textrank"):
        settings.update(fallback_extractive=args.fallback_extractive or None, backend=args.backend,
                        compute_type=args.compute_type, device=args.device,
                        check_support=False if args.no_meaning_checks else None)
    summariser = build_summariser(args.method, model=args.model, prompt=args.prompt, pipeline=args.pipeline,
                                  **{k: v for k, v in settings.items() if v is not None})
    return pipeline_steps(args.pipeline, _translator(args), summariser)


def _translator(args: argparse.Namespace) -> Any:
    model = args.translate_model
    if model is None and args.pipeline == "summarise-then-translate":
        model = DEFAULT_TRANSLATOR
    if model is None:
        return None
    from ringkas.translate import build_translator

    return build_translator(model, backend=args.translate_backend, device=args.device,
                            **({"check_meaning": False} if args.no_meaning_checks else {}))


def run(args: argparse.Namespace) -> int:
    from ringkas.console import header
    from ringkas.errors import InputError, RingkasError
    from ringkas.jsonl import iter_articles
    from ringkas.models.hub import ModelNotFoundError
    from ringkas.progress import progress

    from ringkas.readers.probe import readable_records

    if not args.input.is_file():
        raise InputError(f"input file {args.input} does not exist")
    articles = readable_records(iter_articles(args.input), args.input, "JSONL records")
    rejects_path = rejects_path_for(args.input, args.output, args.rejects, force=args.force)
    try:
        steps = build_steps(args)
    except (ModelNotFoundError, ValueError) as exc:
        raise RingkasError(str(exc)) from exc
    from ringkas.summarise import Summariser

    summariser = next(s for s in steps if isinstance(s, Summariser))
    header(f"summarise: {describe(summariser)}; pipeline {args.pipeline}")
    records: Any = articles
    for step in steps:
        records = step(records)
    tally: Counter[str] = Counter()

    def count_flags(article: Any) -> None:
        tally.update(f for f in article.flags if f in GUARD_FLAGS)
        depth = article.metadata.get("provenance", {}).get("summarise", {}).get("map_reduce_depth", 0)
        tally["map_reduced"] += depth > 0

    started = time.monotonic()
    records = progress(records, "summarise", total=count_lines(args.input))
    result = write_records(records, args.output, rejects_path, "summarise", on_written=count_flags)
    tally.update(written=result.written, rejected=result.rejected)
    print(summary_line(tally, args.output, rejects_path, time.monotonic() - started), file=sys.stderr)
    return result.status


def describe(summariser: Any) -> str:
    info = summariser.provenance()
    parts = [info["method"]]
    if "model" in info:
        precision = info.get("compute_type") or info.get("dtype")
        parts.append(f"{info['model']} @ {info['revision']} with {info['backend']} on {info['device']} ({precision})")
    if "prompt" in info:
        parts.append(f"prompt {info['prompt']['name']} v{info['prompt']['version']}")
    return ", ".join(parts)


def summary_line(tally: Counter[str], output: Path, rejects: Path, elapsed: float) -> str:
    from ringkas.console import plural

    total = tally["written"] + tally["rejected"]
    return (
        f"summarise: {plural(total, 'record')}: {tally['written']} written to {output}, {tally['rejected']} rejected "
        f"({rejects}); flagged: {tally['unsupported_numbers']} unsupported numbers, {tally['repetition_loop']} "
        f"repetition loops, {tally['empty_brief']} empty, {tally['extractive_fallback']} fell back to lead; "
        f"{tally['map_reduced']} map-reduced; "
        f"{elapsed:.1f}s ({total / elapsed if elapsed else 0:.1f} articles/s)"
    )
