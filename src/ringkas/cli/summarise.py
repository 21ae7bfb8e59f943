"""``ringkas summarise``: translated JSONL in, the same records with ``brief`` and ``headline_en`` out."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ringkas.cli.records import add_force_argument, count_lines, rejects_path_for, write_records
from ringkas.cli.translate import DEFAULT_MODEL as DEFAULT_TRANSLATOR  # the one the translate command starts with

HELP = "write English briefs and headlines (lead/textrank, BART/PEGASUS/T5, prompted chat models, mT5 direct)"
EXAMPLES = """\
  ringkas summarise tests/summarise/data/en_articles.jsonl -o out/briefs.jsonl --method textrank --sentences 3
  ringkas summarise out/en.jsonl -o out/briefs.jsonl             # sshleifer/distilbart-cnn-12-6
  ringkas summarise out/en.jsonl -o out/briefs.jsonl --model google/flan-t5-base --prompt brief_3_bullets
  ringkas summarise out/en.jsonl -o out/briefs.jsonl --model Qwen/Qwen2.5-0.5B-Instruct \\
      --prompt brief_paragraph --headline-prompt headline --device cuda --fallback-extractive
  ringkas summarise out/clean.jsonl -o out/briefs.jsonl --pipeline direct \\
      --model csebuetnlp/mT5_m2o_english_crossSum
  ringkas summarise out/clean.jsonl -o out/briefs.jsonl --pipeline summarise-then-translate \\
      --model csebuetnlp/mT5_multilingual_XLSum --translate-model Helsinki-NLP/opus-mt-id-en
(out/clean.jsonl and out/en.jsonl: the examples of ringkas clean and ringkas translate)
"""
GUARD_FLAGS = ("unsupported_numbers", "repetition_loop", "empty_brief", "extractive_fallback")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, metavar="IN",
                        help="JSONL records: translated (text_en) for the default pipeline, cleaned (text) otherwise")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                        help="JSONL of records with brief, headline_en and provenance added")
    from ringkas.options import add_flags, described
    from ringkas.summarise.settings import Generation, SummariserSettings
    from ringkas.translate.settings import TranslatorModel

    add_flags(parser, SummariserSettings)
    add_flags(parser, Generation)
    parser.add_argument("--translate-model", default=None, metavar="ID_OR_DIR",
                        help=f"translator for the pipeline (summarise-then-translate default: {DEFAULT_TRANSLATOR})")
    backend = described(TranslatorModel, ["backend"])[0]  # the translator's own declaration, under another name
    parser.add_argument("--translate-backend", default=backend.default, choices=backend.choices(),
                        help=f"translator backend (default: {backend.default})")
    parser.add_argument("--rejects", type=Path, default=None, metavar="PATH",
                        help="where rejected records go (default: OUT with .rejects.jsonl)")
    add_force_argument(parser)


def build_steps(args: argparse.Namespace) -> list[Any]:
    """The summariser (and translator, where the pipeline has one) from the arguments; nothing loads yet."""
    from ringkas.options import flag_values, option_names
    from ringkas.pipelines import pipeline_steps
    from ringkas.summarise import build_summariser
    from ringkas.summarise.settings import Generation, SummariserSettings

    settings = flag_values(args, option_names(SummariserSettings, Generation))
    summariser = build_summariser(**settings)
    pipeline = summariser.pipeline.name
    return pipeline_steps(pipeline, _translator(args, pipeline), summariser)


def _translator(args: argparse.Namespace, pipeline: str) -> Any:
    model = args.translate_model
    if model is None and pipeline == "summarise-then-translate":
        model = DEFAULT_TRANSLATOR
    if model is None:
        return None
    from ringkas.translate import build_translator

    meaning = {"check_meaning": False} if args.check_support is False else {}  # --no-meaning-checks: both
    return build_translator(model, backend=args.translate_backend, device=args.device or "auto", **meaning)


def run(args: argparse.Namespace) -> int:
    from ringkas.console import header
    from ringkas.errors import InputError, RingkasError
    from ringkas.readers.ringkas import read_ringkas_jsonl
    from ringkas.models.hub import ModelNotFoundError
    from ringkas.progress import progress

    from ringkas.readers.probe import readable_records

    if not args.input.is_file():
        raise InputError(f"input file {args.input} does not exist")
    articles = readable_records(read_ringkas_jsonl(args.input), args.input, "JSONL records")
    rejects_path = rejects_path_for(args.input, args.output, args.rejects, force=args.force)
    try:
        steps = build_steps(args)
    except (ModelNotFoundError, ValueError) as exc:
        raise RingkasError(str(exc)) from exc
    from ringkas.summarise import Summariser

    summariser = next(s for s in steps if isinstance(s, Summariser))
    header(f"summarise: {describe(summariser)}; pipeline {summariser.pipeline.name}")
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
