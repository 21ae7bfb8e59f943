"""``ringkas fetch``: feeds and their article pages into a JSONL file that ``ringkas clean`` reads."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ringkas.cli.records import add_force_argument

HELP = "fetch RSS/Atom feeds (URLs, OPML) or URL lists and their article pages, politely and incrementally"
EXAMPLES = """\
  ringkas fetch https://www.antaranews.com/rss/terkini.xml -o out/pages.jsonl
  ringkas fetch examples/feeds/portals.opml -o out/pages.jsonl --max-pages 50
  ringkas fetch examples/feeds/urls.txt -o out/pages.jsonl --delay 2   # article URLs, one per line
  ringkas clean out/pages.jsonl -o out/clean.jsonl                # then clean what was fetched

A rerun sends If-None-Match/If-Modified-Since for each feed and fetches only pages it has never fetched
(the --state file remembers). OUTPUT is appended to: rerun into the same file after a kill and no page is
lost or written twice. Rejects (this run's) go to OUTPUT's stem + .rejects.jsonl.

exit status: 0 the run finished (rejects are normal: see the summary line; sources that did not answer
while others did add one warning line); 1 every source failed (nothing could be fetched: the reasons are
named), or it stopped part-way (what was written is kept and marked fetched); 2 it could not start (a
missing source file, a bad option, an unusable state file, an OUTPUT that ringkas fetch did not write).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from ringkas.fetch.settings import FetchSettings
    from ringkas.options import add_flags

    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="feed URL (RSS/Atom), OPML file of feeds, or text file of article URLs")
    parser.add_argument("-o", "--output", type=Path, required=True, help="fetched pages, JSONL (appended)")
    parser.add_argument("--rejects", type=Path, default=None,
                        help="entries that yielded no page, JSONL (default: OUTPUT's stem + .rejects.jsonl)")
    add_flags(parser, FetchSettings)  # the same fields as a job's [input.fetch] table
    add_force_argument(parser, "OUTPUT", "pages fetched before", "appending to it")


def settings_from(args: argparse.Namespace):  # -> FetchSettings
    from ringkas.fetch import FetchSettings
    from ringkas.options import flag_values, option_names

    return FetchSettings(**flag_values(args, option_names(FetchSettings)))


def run(args: argparse.Namespace) -> int:
    from ringkas.cli.records import default_rejects_path
    from ringkas.errors import InputError
    from ringkas.fetch import default_state_path
    from ringkas.fetch.session import run_fetch
    from ringkas.fetch.sources import expand_sources
    from ringkas.files import same_file

    settings = settings_from(args)
    rejects = args.rejects or default_rejects_path(args.output)
    state = Path(settings.state).expanduser() if settings.state else default_state_path()
    named = (args.output, rejects, state)
    if any(same_file(a, b) for i, a in enumerate(named) for b in named[i + 1:]):
        raise InputError("--output, --rejects and --state must be three different files")
    sources = expand_sources(args.sources)
    # as files, not names: a hard link or a symlink to a source file is that file
    if any(same_file(s, path) for s in args.sources if "://" not in s for path in named):
        raise InputError("a SOURCE file is also the output, rejects or state file: choose another path")
    report = run_fetch(sources, args.output, rejects, state, settings, force=args.force)
    print(report.summary_line(), file=sys.stderr)
    if report.nothing_fetched():  # every source failed: from cron, an error, not an empty day
        print(f"ringkas fetch: failed: {report.nothing_fetched()}", file=sys.stderr)
        return 1
    if report.partial_failure():
        print(f"ringkas fetch: warning: {report.partial_failure()}", file=sys.stderr)
    return 0  # a failure part-way raises: the CLI says where it stopped and exits 1
