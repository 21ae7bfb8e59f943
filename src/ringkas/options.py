"""Options declared once, on the settings dataclass that holds them.

A settings field made with :func:`setting` carries its help, bounds and choices in its metadata; its type
comes from the annotation and its default from the field. From that one declaration come the settings'
own validation (:func:`check_fields`), the command-line flags (:func:`add_flags`, read back with
:func:`flag_values`) and the job schema's rules (:func:`schema_rules`), so the CLI, a job spec and a
library call cannot disagree about a bound, a choice or a default. Choices that users can type (backends,
methods, pipelines) name a :class:`~ringkas.registry.Registry` as ``"module:attribute"``; it is read when
the choices are first needed, so declaring them imports nothing.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
from collections.abc import Callable, Iterable
from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any

from ringkas.errors import ConfigError

KINDS: dict[str, tuple[type, ...]] = {
    "str": (str,), "int": (int,), "float": (float, int), "bool": (bool,), "list": (list, tuple),
    "paths": (str, list), "table": (dict,), "path_or_off": (str, bool),
}
_ANNOTATIONS = {"str": "str", "int": "int", "float": "float", "bool": "bool"}


@dataclass(frozen=True)
class Option:
    """What a settings field declares about itself besides its type and default."""

    help: str
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] | str | None = None  # the values, or "module:attr" of a Registry / name list
    extra_choices: tuple[str, ...] = ()           # before a registry's names, e.g. ("auto",)
    check: Callable[[Any], str | None] | None = None  # a further rule: the problem, or None
    kind: str | None = None                       # the type users write, where the annotation is richer
    flag: str | None = None                       # the CLI flag; default --name (--no-name for a True bool)
    aliases: tuple[str, ...] = ()                 # older spellings of the flag that still work
    metavar: str | None = None
    default_text: str | Callable[[], str] | None = None  # how the default reads where another layer decides
    #                                               it (a callable: read when needed, e.g. from a data file)
    default_value: Any = None                     # the default users get where the field itself has none
    value_of: Callable[[Any], Any] | None = None  # what users write for a stored value (a Pipeline: its name)
    cli: bool = True                              # a flag of the commands that take these settings
    job: bool = True                              # a key of the job section these settings make
    required: bool = False                        # a job cannot start without it
    keys: str | None = None                       # a table's keys: "module:Class" whose settings they are


    def default_words(self) -> str | None:
        """:attr:`default_text`, read now where it is a callable."""
        return self.default_text() if callable(self.default_text) else self.default_text


def setting(default: Any = MISSING, *, default_factory: Any = MISSING, **option: Any) -> Any:
    """A dataclass field whose metadata is an :class:`Option` (``help=``, ``min=``, ``choices=`` ...)."""
    return field(default=default, default_factory=default_factory, metadata={"option": Option(**option)})


def job_key(default: Any = MISSING, *, default_factory: Any = MISSING, **option: Any) -> Any:
    """A :func:`setting` that is a job key only, with no command-line flag (``--set SECTION.KEY=VALUE``)."""
    return setting(default, default_factory=default_factory, cli=False, **option)


@dataclass(frozen=True)
class Described:
    """One declared option: its name, the type users write, its default (None: none of its own)."""

    name: str
    kind: str
    default: Any
    option: Option
    owner: type  # the settings class that declares it

    @property
    def flag(self) -> str:
        if self.option.flag:
            return self.option.flag
        dashed = self.name.replace("_", "-")
        return f"--no-{dashed}" if self.kind == "bool" and self.default is True else f"--{dashed}"

    def choices(self) -> list[str] | None:
        return resolve_choices(self.option.choices, self.option.extra_choices)

    def rule(self) -> dict[str, Any]:
        """The job-schema rule: type, default, choices, bounds, help (the further check; for a table of
        settings, their rules as ``keys``); ``owner`` is the declaring class."""
        rule: dict[str, Any] = {"type": self.kind, "help": self.option.help, "owner": self.owner}
        if self.option.required:
            rule["required"] = True
        if self.option.default_text:  # decided elsewhere (a model family, the cleaner): nothing to fill in
            rule["default_text"] = self.option.default_words()
        elif self.default is not None:
            rule["default"] = self.default
        choices = self.choices()
        if choices is not None:
            rule["choices"] = choices
        for bound in ("min", "max"):
            if getattr(self.option, bound) is not None:
                rule[bound] = getattr(self.option, bound)
        if self.option.check is not None:
            rule["check"] = self.option.check
        if self.option.keys is not None:
            rule["keys"] = schema_rules(_import(self.option.keys))
        return rule


def _import(target: str) -> Any:
    module_name, _, attr = target.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def resolve_choices(choices: tuple[str, ...] | str | None, extra: tuple[str, ...] = ()) -> list[str] | None:
    if choices is None:
        return None
    if isinstance(choices, str):
        names = _import(choices)
        choices = tuple(names.names() if callable(getattr(names, "names", None)) else names)
    return [*extra, *(c for c in choices if c not in extra)]


def described(cls: type, only: Iterable[str] | None = None) -> list[Described]:
    """The declared options of ``cls`` (fields made with :func:`setting`), in field order."""
    wanted = set(only) if only is not None else None
    out = []
    for f in fields(cls):
        option = f.metadata.get("option")
        if option is None or (wanted is not None and f.name not in wanted):
            continue
        default = _default(f)
        out.append(Described(f.name, option.kind or _kind(f), option.default_value if default is None else default,
                             option, cls))
    return out


def _kind(f: Field) -> str:
    text = str(f.type).replace(" | None", "").replace("Optional[", "").rstrip("]").strip()
    if text in _ANNOTATIONS:
        return _ANNOTATIONS[text]
    if text.startswith(("list", "tuple")):
        return "list"
    if text.startswith("dict"):
        return "table"
    raise TypeError(f"setting {f.name!r}: say its kind= (annotation {f.type!r})")


def _default(f: Field) -> Any:
    if f.default is not MISSING:
        return list(f.default) if isinstance(f.default, tuple) else f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    return None


# --- validation: one set of messages for settings, flags and job keys --------------------------------------
def check_value(name: str, value: Any, rule: dict[str, Any]) -> str | None:
    """The problem with ``value`` for an option ``rule`` (type, finiteness, choices, bounds), or None."""
    kind = rule["type"]
    if kind in ("str", "path_or_off") and isinstance(value, os.PathLike):  # a Path given is a path
        value = os.fspath(value)
    if not isinstance(value, KINDS[kind]) or (kind in ("int", "float") and isinstance(value, bool)):
        return f"{name} must be {describe_kind(kind)}, not {type_name(value)} {value!r}"
    if kind == "float" and not math.isfinite(value):
        return f"{name} must be a finite number, not {value!r}"
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    if kind in ("list", "paths") and not all(isinstance(v, str) for v in items):
        return f"{name} must be a list of strings, not {value!r}"
    if kind in ("paths", "list") and not items and rule.get("required"):
        return f"{name} must not be empty"
    choices = rule.get("choices")
    if choices:
        wrong = [v for v in items if v not in choices]
        if wrong:
            return f"{name} = {wrong[0]!r} is not one of {', '.join(choices)}{did_you_mean(str(wrong[0]), choices)}"
    if rule.get("min") is not None and value < rule["min"]:
        return f"{name} = {value!r} is below the minimum {rule['min']}"
    if rule.get("max") is not None and value > rule["max"]:
        return f"{name} = {value!r} is above the maximum {rule['max']}"
    check = rule.get("check")
    problem = check(value) if check else None
    return f"{name}: {problem}" if problem else None


def check_fields(settings: Any, prefix: str = "") -> None:
    """Every declared field of ``settings`` that is set, against its declaration; a ConfigError lists all."""
    problems = []
    for option in described(type(settings)):
        value = getattr(settings, option.name)
        if value is not None and option.option.value_of is not None:
            value = option.option.value_of(value)
        if value is not None:
            problem = check_value(prefix + option.name, value, option.rule())
            if problem:
                problems.append(problem)
    if problems:
        raise ConfigError("; ".join(problems))


def check_options(options: dict[str, Any], *classes: type) -> None:
    """Given option values against the declarations of ``classes``, before anything is built from them
    (so a bad value is named before, say, a model's config is read to infer a method)."""
    rules = {d.name: d for cls in classes for d in described(cls)}
    problems = []
    for name, value in options.items():
        if name in rules and value is not None:
            d = rules[name]
            problem = check_value(name, d.option.value_of(value) if d.option.value_of and not isinstance(value, str)
                                  else value, d.rule())
            if problem:
                problems.append(problem)
    if problems:
        raise ConfigError("; ".join(problems))


def refuse_unknown(options: Iterable[str], known: Iterable[str], what: str,
                   listed: Iterable[str] | None = None) -> None:
    """A :class:`ConfigError` naming the ``options`` that are not ``known`` ("unknown {what} a, b (did you
    mean ...?) (known: ...)"), so a misspelt option is never a silent no-op; ``listed`` are the names the
    message offers, ``known`` by default."""
    problem = unknown_problem(options, known, what, listed)
    if problem:
        raise ConfigError(problem)


def unknown_problem(options: Iterable[str], known: Iterable[str], what: str,
                    listed: Iterable[str] | None = None) -> str | None:
    """The message :func:`refuse_unknown` raises, or None when every option is known."""
    known = set(known)
    unknown = sorted(set(options) - known)
    if not unknown:
        return None
    offered = sorted(known if listed is None else set(listed))
    return (f"unknown {what} {', '.join(unknown)}{did_you_mean(unknown[0], offered)} "
            f"(known: {', '.join(offered) or 'none'})")


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def describe_kind(kind: str) -> str:
    return {"str": "a string", "int": "an integer", "float": "a number", "bool": "true or false",
            "list": "a list of strings", "paths": "a path or a list of paths", "table": "a table",
            "path_or_off": "a path or false"}[kind]


def type_name(value: Any) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "list",
            dict: "table"}.get(type(value), type(value).__name__)


# --- generated: the job schema's rules and the command-line flags ------------------------------------------
def schema_rules(*classes: type) -> dict[str, dict[str, Any]]:
    """Job-schema rules (``{key: rule}``) for the declared options of ``classes`` that belong in a job."""
    return {d.name: d.rule() for cls in classes for d in described(cls) if d.option.job}


def add_flags(parser: argparse.ArgumentParser | Any, cls: type, only: Iterable[str] | None = None,
              exclude: Iterable[str] = (), defaults: dict[str, Any] | None = None) -> list[str]:
    """Add a flag per declared option of ``cls``; a flag defaults to None (unset: the settings' own
    default) and its help says that default. ``defaults`` are a command's own, where it differs on purpose
    (``ringkas translate`` names a model; a job must). Returns the names added (see :func:`flag_values`)."""
    skip, own = set(exclude), dict(defaults or {})
    added = []
    for d in described(cls, only):
        if not d.option.cli or d.name in skip:
            continue
        names = [d.flag, *d.option.aliases]
        if d.kind == "bool":
            text = f"{d.option.help} (default: {d.option.default_words()})" if d.option.default_text else d.option.help
            action = parser.add_argument(*names, dest=d.name, action="store_const", const=not d.default,
                                         default=None, help=text)
        else:  # bounds and choices are the settings' to check: one message, one line, exit 2
            action = parser.add_argument(*names, dest=d.name, default=own.get(d.name), type=_flag_type(d),
                                         metavar=_metavar(d), help=_flag_help(d, own.get(d.name)),
                                         # a list: "a,b" or the flag again ("--x a --x b")
                                         **({"action": "extend"} if d.kind == "list" else {}))
        action.declared = d  # which declaration made the flag (tests find every field's flag by it)
        added.append(d.name)
    return added


def option_names(*classes: type) -> list[str]:
    """The declared option names of ``classes``, in order (what :func:`flag_values` reads back)."""
    return [d.name for cls in classes for d in described(cls)]


def flag_default_text(d: Described) -> str | None:
    """How a flag's help states its default."""
    return d.option.default_words() or (None if d.default is None else _text(d.default))


def _flag_help(d: Described, own_default: Any = None) -> str:
    default = own_default if own_default is not None else flag_default_text(d)
    text = d.option.help
    choices = d.choices()
    if choices and len(choices) > 6:
        text += f"; one of {', '.join(choices)}"
    return f"{text} (default: {default})" if default is not None else text


def _text(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _metavar(d: Described) -> str | None:
    choices = d.choices()
    if choices and len(choices) <= 6:
        return "{" + ",".join(choices) + "}"
    return d.option.metavar or ("N" if d.kind in ("int", "float") else None)


def _flag_type(d: Described) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        if d.kind in ("int", "float"):
            try:
                value: Any = int(text) if d.kind == "int" else float(text)
            except ValueError:
                what = "a whole number" if d.kind == "int" else "a number"
                raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
        elif d.kind == "list":
            value = [part.strip() for part in text.split(",") if part.strip()]
        else:
            value = text
        return value

    parse.__name__ = d.kind
    return parse


def flag_values(args: argparse.Namespace, names: Iterable[str]) -> dict[str, Any]:
    """The options among ``names`` that were given on the command line."""
    return {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}


__all__ = ["Described", "Option", "add_flags", "check_fields", "check_value", "described", "flag_values",
           "job_key", "option_names", "refuse_unknown", "schema_rules", "setting", "unknown_problem"]
