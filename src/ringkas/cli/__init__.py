"""The ``ringkas`` command: one module per subcommand, each thin over the library API.

A subcommand module defines ``HELP`` (one line), ``EXAMPLES`` (shown by ``--help``),
``add_arguments(parser)`` and ``run(args) -> int``; it imports nothing heavy at module level.

Exit status (every subcommand): 0 the work ran (records may still have been rejected: see the summary and
the rejects file; sources that failed while others answered add one warning line); 1 it failed: every
source failed (nothing could be fetched), or it stopped part-way (a bug or an environment problem; the
message says which); 2 the command could not start: bad arguments, an empty or missing input, an input
that is not its format, a bad job spec, a missing model or package, an output ringkas did not write
(without --force); 130 interrupted (Ctrl-C), 143 terminated (SIGTERM): run it again to resume.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from ringkas import __version__
from ringkas.errors import RingkasError

SUBCOMMANDS: dict[str, str] = {
    "models": "ringkas.cli.models",
    "fetch": "ringkas.cli.fetch",
    "clean": "ringkas.cli.clean",
    "cluster": "ringkas.cli.cluster",
    "translate": "ringkas.cli.translate",
    "check": "ringkas.cli.check",
    "summarise": "ringkas.cli.summarise",
    "run": "ringkas.cli.run",
    "merge": "ringkas.cli.merge",
    "eval": "ringkas.cli.eval",
}

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
WHERE_TO_START = """\
where to start (offline, a minute; README.md's walk-through does the same with its output shown):
  ringkas models tiny out/tiny                                       # tiny random-weight models
  ringkas clean examples/scraped_articles.jsonl -o out/clean.jsonl   # one step
  ringkas run jobs/tiny.toml                                         # the whole daily job
then `ringkas COMMAND --help` for a command's options and examples."""


def add_verbosity(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """-v/-q, on the top parser and on every subcommand (so they work before or after the command's name).
    Below the top their default is left out: a flag given before the command is not reset after it."""
    default = (lambda value: value) if top else (lambda value: argparse.SUPPRESS)
    parser.add_argument("-v", "--verbose", action="count", default=default(0),
                        help="more output: ringkas' detail, libraries' warnings and bars (-vv: debug, tracebacks)")
    parser.add_argument("-q", "--quiet", action="store_true", default=default(False),
                        help="only the summary line, warnings and errors")
    if top:
        return
    for action in parser._actions:  # nested commands: eval run, models tiny ...
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                add_verbosity(child)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ringkas",
        description="Indonesian news feeds to English briefs, and an evaluation harness for the models.",
        epilog=(__doc__.split("\n\n", 2)[2] if __doc__ else "") + "\n" + WHERE_TO_START,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ringkas {__version__}")
    add_verbosity(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        child = sub.add_parser(
            name,
            help=module.HELP,
            description=module.HELP,
            epilog="examples:\n" + module.EXAMPLES if getattr(module, "EXAMPLES", "") else None,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(child)
        add_verbosity(child)
        child.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_USAGE
    from ringkas.console import configured

    with configured(args.verbose, args.quiet):
        return _run_command(args)


def _run_command(args: argparse.Namespace) -> int:
    from ringkas.interrupt import EXIT_TERMINATED, Terminated, sigterm_interrupts

    try:
        with sigterm_interrupts():  # SIGTERM stops a command as Ctrl-C does: cleanly, then exit 143
            return int(args._run(args) or EXIT_OK)
    except RingkasError as exc:
        print(f"ringkas {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except ImportError as exc:  # MissingDependency and friends: say what to install
        print(f"ringkas {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Terminated:
        print(f"ringkas {args.command}: terminated (SIGTERM); run it again to resume", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print(f"ringkas {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug or an environment problem part-way: one line, the traceback on -vv
        if args.verbose > 1:
            logging.getLogger("ringkas.cli").error("%s failed", args.command, exc_info=True)
        print(f"ringkas {args.command}: failed: {type(exc).__name__}: {exc} (-vv shows the traceback)",
              file=sys.stderr)
        return EXIT_FAILED
