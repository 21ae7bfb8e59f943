"""``ringkas eval``: score systems' briefs and translations against references, or run job specs over a
suite and score them together."""

from __future__ import annotations

import argparse
from pathlib import Path

from ringkas.cli.records import add_force_argument, output_file, output_folder, positive_int, whole_number

HELP = "score briefs and translations against references; compare systems and pipelines"
EXAMPLES = """\
  # score two systems' outputs against references (JSONL: id, summary, translation, source)
  ringkas eval --refs src/ringkas/eval/data/ringkas-id-news.jsonl --system lead=out/lead/briefs.jsonl \\
      --system nllb=out/nllb/briefs.jsonl -o out/scores.json --report out/report/
  # the same, with the references of a shipped suite
  ringkas eval score --suite ringkas-id-news --system lead=out/lead/briefs.jsonl
  # run each job spec over a suite with the batch runner, then score them side by side (with timings)
  ringkas eval run ringkas-id-news --job jobs/example.toml --job jobs/nllb.toml -o out/eval --report out/report/
  ringkas eval suites                              # the suites: ./eval, then those installed with ringkas
"""


def _add_scoring_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """Options shared by the top level and ``score``. On ``score`` their defaults are suppressed so they do not
    overwrite what was given before the word ``score``."""
    default = (lambda value: argparse.SUPPRESS) if suppress else (lambda value: value)
    parser.add_argument("--refs", type=Path, default=default(None),
                        help="reference JSONL: id, summary (reference brief), translation, source")
    parser.add_argument("--suite", default=default(None), help="take the references from a suite (name or TOML)")
    _add_suites_dir(parser, default)
    parser.add_argument("--system", action="append", metavar="NAME=PATH", default=default([]),
                        help="a system's outputs (briefs.jsonl or JSONL with id, brief, text_en); repeatable")
    _add_output_options(parser, default)


def _add_suites_dir(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--suites-dir", action="append", type=Path, metavar="DIR", default=default([]),
                        help="look for suites by name in DIR first (repeatable), then ./eval, then the "
                             "suites installed with ringkas")


def _add_output_options(parser: argparse.ArgumentParser, default, short: bool = True) -> None:
    names = ("-o", "--json") if short else ("--json",)  # eval run's -o is its folder
    parser.add_argument(*names, dest="json", type=output_file, metavar="OUT", default=default(None),
                        help="write the scores here (a file)")
    parser.add_argument("--report", type=output_folder, metavar="DIR", default=default(None),
                        help="write report.md and report.html into DIR")
    parser.add_argument("--metrics", default=default(None),
                        help="comma-separated metric names (default: the suite's, else rouge,bleu,chrf++,"
                             "reference_free,translation_checks; also bertscore, comet with their extras)")
    parser.add_argument("--resamples", type=_resamples, default=default(None),
                        help="bootstrap resamples and randomisation trials (default 1000; fewer than an interval "
                             "needs are refused)")
    parser.add_argument("--seed", type=whole_number(0), default=default(None),
                        help="seed of the resampling, 0 or more (default 12345)")


def _resamples(text: str) -> int:
    from ringkas.evaluate.stats import MIN_RESAMPLES  # numpy: only when the option is given

    return whole_number(MIN_RESAMPLES)(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _add_scoring_options(parser, suppress=False)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    score = actions.add_parser("score", help="score system files (the default when no ACTION is given)")
    _add_scoring_options(score, suppress=True)
    run = actions.add_parser("run", help="run job specs over a suite with the batch runner, then score them")
    run.add_argument("suite_name", metavar="SUITE", help="suite name (see `ringkas eval suites`) or a suite TOML file")
    _add_suites_dir(run, lambda value: argparse.SUPPRESS)
    run.add_argument("--job", action="append", required=True, metavar="[NAME=]JOB.toml",
                     help="a job spec to run over the suite; repeatable")
    run.add_argument("-o", "--output", "--out", dest="out", type=Path, default=None, metavar="DIR",
                     help="where runs and scores.json go (default: out/eval/SUITE)")
    run.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                     help="override a key in every job spec, e.g. translate.device=cpu")
    add_force_argument(run, "the suite's runs", "jobs that already finished", "reusing them")
    run.add_argument("--limit", type=positive_int, default=None, help="only the first N articles of the suite")
    _add_output_options(run, lambda value: argparse.SUPPRESS, short=False)
    suites = actions.add_parser("suites", help="list the suites: --suites-dir folders, ./eval, the installed ones")
    _add_suites_dir(suites, lambda value: argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from ringkas.errors import InputError
    from ringkas.models import ModelNotFoundError

    try:
        if args.action == "suites":
            return _list_suites(args.suites_dir)
        if args.action == "run":
            return _run_suite(args)
        return _score(args)
    except ModelNotFoundError as exc:  # a model-based metric's model is not on this machine
        raise InputError(str(exc)) from None


def _settings(args: argparse.Namespace):
    from ringkas.evaluate.stats import N_RESAMPLES, SEED, StatsSettings

    resamples = getattr(args, "resamples", None) or N_RESAMPLES
    seed = getattr(args, "seed", None)
    return StatsSettings(n_resamples=resamples, n_trials=resamples, seed=SEED if seed is None else seed)


def _metric_names(args: argparse.Namespace, suite_metrics: tuple[str, ...] | None) -> tuple[str, ...]:
    from ringkas.errors import InputError
    from ringkas.evaluate.metrics import DEFAULT_METRICS, METRICS

    text = getattr(args, "metrics", None)
    names = tuple(n.strip() for n in text.split(",") if n.strip()) if text else suite_metrics or DEFAULT_METRICS
    unknown = [name for name in names if name not in METRICS]
    if unknown:
        raise InputError(f"unknown metric(s) {', '.join(unknown)} (known: {', '.join(METRICS.names())})")
    return names


def _score(args: argparse.Namespace) -> int:
    from ringkas.errors import InputError
    from ringkas.evaluate.references import check_ids_match, load_references, load_system, parse_system_spec
    from ringkas.evaluate.suites import load_suite, suite_references

    refs_path, suite_name = getattr(args, "refs", None), getattr(args, "suite", None)
    if bool(refs_path) == bool(suite_name):
        raise InputError("give the references with either --refs REFS.jsonl or --suite SUITE (one of them)")
    systems = getattr(args, "system", None) or []
    if not systems:
        raise InputError("give at least one --system NAME=PATH")
    suite = load_suite(suite_name, args.suites_dir) if suite_name else None
    references = suite_references(suite) if suite else load_references(refs_path)
    outputs, paths = {}, {}
    for spec in systems:
        name, path = parse_system_spec(spec)
        if name in outputs:
            raise InputError(f"two systems are called {name!r}: name them with --system NAME=PATH")
        outputs[name], paths[name] = load_system(path), str(path)
    _check_outputs_are_not_inputs(args, [refs_path, *paths.values()])
    check_ids_match(references, outputs)
    extra = {name: {"path": path} for name, path in paths.items()}
    return _score_and_write(args, references, outputs, suite.metrics if suite else None, extra)


def _check_outputs_are_not_inputs(args: argparse.Namespace, inputs: list) -> None:
    from ringkas.errors import InputError
    from ringkas.files import same_file

    json_path = getattr(args, "json", None)
    for path in filter(None, inputs):
        if json_path and same_file(json_path, path):
            raise InputError(f"--json {json_path} is also an input ({path}); writing it would destroy it: "
                             "choose another path")


def _score_and_write(args: argparse.Namespace, references: list, outputs: dict, suite_metrics: tuple[str, ...] | None,
                     extra: dict[str, dict]) -> int:
    from ringkas.evaluate.scoring import score_systems

    result = score_systems(references, outputs, metrics=_metric_names(args, suite_metrics),
                           settings=_settings(args))
    for name, info in extra.items():
        result.systems[name].extra.update(info)
    _write(args, result)
    return 0


def _write(args: argparse.Namespace, result) -> None:
    from ringkas.evaluate.report.markdown import leaderboard_text

    print(leaderboard_text(result))
    if getattr(args, "json", None):
        from ringkas.files import write_json

        write_json(args.json, result.to_json())  # makes the folder; the file is whole or absent
        print(f"scores: {args.json}")
    if getattr(args, "report", None):
        from ringkas.evaluate.report import write_report

        for path in write_report(result, args.report):
            print(f"report: {path}")


def _run_suite(args: argparse.Namespace) -> int:
    from ringkas.evaluate.runs import run_suite
    from ringkas.evaluate.suites import load_suite

    suite = load_suite(args.suite_name, args.suites_dir)
    if args.limit:
        from dataclasses import replace

        suite = replace(suite, limit=args.limit)
    out = args.out or Path("out") / "eval" / suite.name
    references, outputs, extra = run_suite(suite, args.job, out, overrides=args.set, force=args.force)
    if not getattr(args, "json", None):  # a run's scores are kept beside its outputs unless told otherwise
        args.json = out / "scores.json"
    return _score_and_write(args, references, outputs, suite.metrics, extra)


def _list_suites(extra_dirs: list[Path]) -> int:
    from ringkas.evaluate.suites import available_suites, load_suite

    for name in available_suites(extra_dirs):
        suite = load_suite(name, extra_dirs)
        print(f"{name:24} {suite.description}  [{', '.join(suite.metrics)}]  {suite.origin}")
    return 0
