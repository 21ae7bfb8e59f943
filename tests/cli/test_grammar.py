"""One grammar for every command: -q/-v anywhere, -o for what a command writes, one --force, help examples
that name real files, and a top-level help that ends with where to start."""

from __future__ import annotations

import argparse
import importlib
import re
import shlex

import pytest

from ringkas.cli import SUBCOMMANDS, build_parser
from tests.conftest import REPO

PATH_SUFFIXES = (".jsonl", ".toml", ".csv", ".xml", ".opml", ".txt", ".html", ".json", ".gz", ".parquet", ".j2")
REPO_FOLDERS = {"jobs", "examples", "tests", "src", "docs", "scripts", "out"}


def _parse(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(argv)


@pytest.mark.parametrize("argv, verbose, quiet", [
    (["-q", "run", "jobs/tiny.toml"], 0, True),
    (["run", "jobs/tiny.toml", "-q"], 0, True),
    (["-v", "clean", "in.jsonl", "-o", "out.jsonl"], 1, False),
    (["clean", "in.jsonl", "-o", "out.jsonl", "-vv"], 2, False),
    (["eval", "run", "ringkas-id-news", "--job", "jobs/tiny.toml", "-q"], 0, True),
    (["models", "tiny", "out/tiny", "-v"], 1, False),
    (["run", "jobs/tiny.toml"], 0, False),
], ids=["q-before", "q-after", "v-before", "vv-after", "nested-q-after", "nested-v-after", "neither"])
def test_verbosity_flags_work_before_or_after_the_command(argv, verbose, quiet) -> None:
    args = _parse(argv)
    assert (args.verbose, args.quiet) == (verbose, quiet)


WRITERS = {
    "fetch": ["fetch", "examples/feeds/portals.opml", "-o", "out/pages.jsonl"],
    "clean": ["clean", "examples/scraped_articles.jsonl", "-o", "out/clean.jsonl"],
    "translate": ["translate", "out/clean.jsonl", "-o", "out/en.jsonl"],
    "check": ["check", "out/en.jsonl", "-o", "out/checked.jsonl"],
    "summarise": ["summarise", "out/en.jsonl", "-o", "out/briefs.jsonl"],
    "run": ["run", "jobs/tiny.toml", "-o", "out/today"],
    "merge": ["merge", "out/a", "out/b", "-o", "out/today"],
    "eval-score": ["eval", "score", "--suite", "ringkas-id-news", "--system", "a=out/a.jsonl", "-o", "out/s.json"],
    "eval-run": ["eval", "run", "ringkas-id-news", "--job", "jobs/tiny.toml", "-o", "out/eval"],
    "models-tiny": ["models", "tiny", "-o", "out/tiny", "marian"],
}


@pytest.mark.parametrize("argv", WRITERS.values(), ids=WRITERS.keys())
def test_every_command_that_writes_takes_o(argv) -> None:
    args = _parse(argv)
    written = vars(args).get("output") or vars(args).get("json") or vars(args).get("out")
    assert str(written) == argv[argv.index("-o") + 1]


def test_eval_run_keeps_its_old_out_flag() -> None:
    assert str(_parse(["eval", "run", "s", "--job", "j.toml", "--out", "out/x"]).out) == "out/x"


def _all_parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    found, todo = [], [("ringkas", build_parser())]
    while todo:
        name, parser = todo.pop()
        found.append((name, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend((f"{name} {sub}", child) for sub, child in action.choices.items())
    return found


def test_force_has_one_meaning_everywhere() -> None:
    helps = {name: a.help for name, parser in _all_parsers() for a in parser._actions if "--force" in a.option_strings}
    assert len(helps) >= 8
    for name, text in helps.items():
        assert re.fullmatch(r"replace .+, whatever is there \(.+\), instead of .+", text), (name, text)


def _example_paths(examples: str) -> list[str]:
    paths = []
    for line in examples.replace("\\\n", " ").splitlines():  # continued lines are one command
        line = line.split("  #")[0].strip()
        if not line.startswith(("ringkas ", "HF_HOME=")):
            continue
        for token in shlex.split(line):
            token = token.split("=", 1)[1] if re.match(r"^[\w.]+=", token) else token
            if token.startswith("-") or "://" in token:
                continue
            first = token.split("/")[0]
            path_like = token.endswith(PATH_SUFFIXES) or token.endswith("/") or first in REPO_FOLDERS
            if path_like:
                paths.append(token)
    return paths


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_path_in_a_help_example_exists(command) -> None:
    examples = importlib.import_module(SUBCOMMANDS[command]).EXAMPLES
    for path in _example_paths(examples):
        # out/ is what an earlier example (or the README's walk-through) writes; the rest ships with ringkas
        assert path.startswith("out/") or (REPO / path).exists() or (REPO / path.rstrip("*")).parent.exists() \
            and "*" in path, f"ringkas {command} --help names {path}, which does not exist"


def test_the_example_path_finder_finds_paths() -> None:
    found = _example_paths("  ringkas eval --refs refs.jsonl --system a=out/a.jsonl \\\n"
                           "      --model Helsinki-NLP/x --json jobs/s.json  # c.csv")
    assert found == ["refs.jsonl", "out/a.jsonl", "jobs/s.json"]


def test_top_level_help_ends_with_where_to_start(capsys) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    out = capsys.readouterr().out.rstrip()
    assert "where to start" in out.splitlines()[-5]
    assert out.endswith("then `ringkas COMMAND --help` for a command's options and examples.")
