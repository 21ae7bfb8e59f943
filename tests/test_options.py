"""Every settings field is one option everywhere: the CLI flag and the job key carry the field's own bound,
choices and default. The flags and the schema are generated from the fields, so this guards the generator:
it reads the dataclass fields directly and looks each one up in the built parser and the loaded schema."""

from __future__ import annotations

import argparse
from dataclasses import MISSING, fields

import pytest

from ringkas.cli import build_parser
from ringkas.errors import ConfigError
from ringkas.options import resolve_choices
from ringkas.runner.spec import load_spec, schema
from ringkas.summarise.settings import Generation, SummariserSettings
from ringkas.translate.settings import TranslationSettings, TranslatorModel

# (settings class, command, job section, the command's own defaults where they differ on purpose)
SURFACES = [
    (TranslatorModel, "translate", "translate", {"model": "Helsinki-NLP/opus-mt-id-en"}),
    (TranslationSettings, "translate", "translate", {}),
    (SummariserSettings, "summarise", "summarise", {}),
    (Generation, "summarise", "summarise", {}),
]
NOT_OPTIONS = {(SummariserSettings, "generation")}  # the Generation fields, as overrides: listed above
JOB = {"input": {"path": "feed.jsonl"}, "translate": {"model": "Helsinki-NLP/opus-mt-id-en"},
       "summarise": {"method": "seq2seq", "model": "sshleifer/distilbart-cnn-12-6"}, "output": {"dir": "out"}}


def _fields():
    for cls, command, section, own in SURFACES:
        for f in fields(cls):
            if (cls, f.name) not in NOT_OPTIONS:
                yield pytest.param(cls, command, section, own, f, id=f"{section}.{f.name}")


def _subparser(command: str) -> argparse.ArgumentParser:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices[command]


def _declared_default(f, option):
    if option.default_text:
        return None  # decided elsewhere (a model family, the cleaner): the job fills nothing in
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    return option.default_value


@pytest.mark.parametrize("cls, command, section, own, f", list(_fields()))
def test_every_settings_field_is_the_same_option_in_the_cli_and_the_job_schema(cls, command, section, own, f):
    option = f.metadata.get("option")
    assert option is not None, f"{cls.__name__}.{f.name} is not declared with ringkas.options.setting()"
    default = _declared_default(f, option)
    choices = resolve_choices(option.choices, option.extra_choices)

    rule = schema()[section][f.name]
    assert rule.get("default") == default
    assert rule.get("choices") == choices
    assert (rule.get("min"), rule.get("max")) == (option.min, option.max)

    action = next(a for a in _subparser(command)._actions if a.dest == f.name)
    assert action.default == own.get(f.name)  # unset: the settings' own default, which the help states
    shown = own.get(f.name, option.default_text or (f.default if f.default is not MISSING else option.default_value))
    if shown is not None and not isinstance(shown, bool):
        assert f"(default: {shown})" in action.help
    for choice in choices or ():
        assert choice in (action.metavar or "") + action.help


BOUNDED = [(cls, section, f) for cls, _, section, _ in SURFACES for f in fields(cls)
           if f.metadata.get("option") and (f.metadata["option"].min is not None or f.metadata["option"].max is not None)]


@pytest.mark.parametrize("cls, section, f", BOUNDED, ids=[f"{s}.{f.name}" for _, s, f in BOUNDED])
def test_a_bound_is_refused_with_one_message_by_the_settings_and_the_job(cls, section, f) -> None:
    option = f.metadata["option"]
    value, words = (option.max + 1, f"is above the maximum {option.max}") if option.max is not None else \
        (option.min - 1, f"is below the minimum {option.min}")
    with pytest.raises(ConfigError, match=f"{f.name} = {value} {words}"):
        load_spec({**JOB, section: {**JOB[section], f.name: value}})
    with pytest.raises(ConfigError, match=f"{f.name} = {value} {words}"):
        if cls is SummariserSettings or cls is Generation:
            SummariserSettings.from_options(method="lead" if f.name == "sentences" else "seq2seq",
                                            model=None if f.name == "sentences" else "x", **{f.name: value})
        else:
            cls(**{f.name: value})


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
