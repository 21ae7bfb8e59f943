"""``ringkas clean``: read scraped articles in any reader format, write clean articles and the rejects."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from ringkas.cli.records import add_force_argument, rejects_path_for, write_records

HELP = "clean scraped Indonesian news: main text, no portal noise or spam, Indonesian only"
EXAMPLES = """\
  ringkas clean examples/scraped_articles.jsonl -o out/clean.jsonl    # rejects: out/clean.rejects.jsonl
  ringkas clean tests/data/pages/ -o out/pages.jsonl --rejects out/bad.jsonl   # .html/.htm/.txt files
  ringkas clean examples/news.csv -o out/csv.jsonl --column text=isi --column title=judul
  ringkas clean id_newspapers --format hf --split train -o out/hf.jsonl         # a Hugging Face dataset
  ringkas clean examples/scraped_articles.jsonl -o out/clean.jsonl --no-site-template   # each article alone
  ringkas clean s3://commoncrawl/crawl-data/CC-NEWS/2024/01/CC-NEWS-20240101000526-00000.warc.gz \
      -o out/ccnews.jsonl                            # the HTML responses of a WARC archive, local or remote
  (an RSS/Atom feed file, .xml/.rss/.atom, reads as --format feed)

exit status: 0 the input was read to the end (rejects are normal: see the summary line); 1 it stopped
part-way (the output so far is kept); 2 it could not start (an empty or missing input, an unknown format,
an input whose first records cannot be read, an output ringkas did not write without --force, a bad option).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from ringkas.clean.settings import CleanSettings
    from ringkas.options import add_flags
    from ringkas.runner.settings import InputSettings

    parser.add_argument("input", help="JSONL, CSV, Parquet, feed (.xml/.rss/.atom), WARC (.warc/.warc.gz, "
                                      "also s3:// gs:// https://), a folder or file of .html/.htm/.txt, "
                                      "or a dataset name/folder with --format hf")
    parser.add_argument("-o", "--output", type=Path, required=True, help="clean articles, JSONL")
    parser.add_argument("--rejects", type=Path, default=None,
                        help="rejected inputs, JSONL (default: OUTPUT's stem + .rejects.jsonl beside it)")
    add_flags(parser, InputSettings, only=["format"])  # the job's input.format
    parser.add_argument("--column", action="append", default=[], metavar="FIELD=NAME",
                        help="read FIELD (id, title, text, html, url, published, source) from column NAME")
    parser.add_argument("--split", default=None, help="dataset split for --format hf (default: train)")
    parser.add_argument("--follow-symlinks", action="store_true", default=None,
                        help="in a folder input, read symbolic links that lead out of the folder (not by default)")
    add_flags(parser, CleanSettings)  # the same fields as a job's [clean] section
    add_force_argument(parser)
    parser.add_argument("--no-site-template", action="store_true",
                        help="clean each article on its own (default: a first pass over the input learns the "
                             "blocks and lines each site repeats on its pages, and the cleaner removes them)")


def _columns(pairs: list[str]) -> dict[str, str]:
    from ringkas.errors import InputError
    from ringkas.readers.base import FIELDS

    columns = {}
    for pair in pairs:
        field, sep, name = pair.partition("=")
        if not sep or field not in FIELDS or not name:
            raise InputError(f"--column {pair!r}: expected FIELD=NAME with FIELD one of {', '.join(FIELDS)}")
        columns[field] = name
    return columns


def summary_line(read: int, accepted: int, reasons: Counter) -> str:
    rejected = sum(reasons.values())
    detail = ", ".join(f"{reason} {count}" for reason, count in reasons.most_common())
    return f"ringkas clean: read {read}, accepted {accepted}, rejected {rejected}" + (f" ({detail})" if detail else "")


def run(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from ringkas.clean import build_cleaner, collect_template
    from ringkas.clean.settings import CleanSettings
    from ringkas.options import flag_values, option_names
    from ringkas.progress import progress
    from ringkas.readers import read_articles

    from ringkas.readers import detect_format
    from ringkas.readers.probe import RECORD_FORMATS, check_input_path, readable_records

    check_input_path(args.input)
    settings = CleanSettings(**flag_values(args, option_names(CleanSettings)))
    options = {"columns": _columns(args.column) or None, "split": args.split,
               "follow_symlinks": args.follow_symlinks}

    def records():  # read twice: the first pass learns the site templates
        articles = read_articles(args.input, format=args.format, **options)
        if (args.format or detect_format(args.input)) in RECORD_FORMATS:
            articles = readable_records(articles, args.input, f"{args.format or detect_format(args.input)} records")
        return articles

    template = None
    if not args.no_site_template:  # the first pass: what each site repeats, counted over the whole input
        try:
            template = collect_template(progress(records(), desc="site templates"))
        except OSError:
            template = None  # the input cannot be read to its end: the cleaning pass says so, with what it kept
    articles = records()
    steps = build_cleaner(**asdict(settings), template=template)
    stream = articles
    for step in steps:
        stream = step(stream)
    rejects_path = rejects_path_for(args.input, args.output, args.rejects, force=args.force)
    result = write_records(progress(stream, desc="clean"), args.output, rejects_path, "clean")
    print(summary_line(result.read, result.written, result.reasons), file=sys.stderr)
    return result.status
