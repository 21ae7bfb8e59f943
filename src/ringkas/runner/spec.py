"""Job specs: a TOML file, validated against the schema the settings classes make, with ``--set`` overrides.

Every mistake is collected and reported at once as one :class:`~ringkas.errors.ConfigError`: unknown
sections or keys (with a did-you-mean), wrong types, values out of range or not among the choices, a
missing required key, a model folder that does not exist. The resolved spec (defaults filled in) is what
the runner uses and what the manifest records.
"""

from __future__ import annotations

import copy
import glob
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ringkas._toml import tomllib
from ringkas.errors import ConfigError
from ringkas.options import check_value, did_you_mean, type_name
from ringkas.readers.remote import is_remote


@lru_cache(maxsize=1)
def schema() -> dict[str, dict[str, dict[str, Any]]]:
    """Section -> key -> {type, default, choices, min, max, required, help, owner}, generated from the
    settings classes each section declares (:data:`ringkas.runner.sections.SECTIONS`): they are the one
    source of a key, its flag and its docs row."""
    from ringkas.runner.sections import SECTIONS, section_rules

    return {section: section_rules(section) for section in SECTIONS}


@dataclass
class JobSpec:
    """A validated job: ``sections`` holds every section with defaults filled in."""

    sections: dict[str, dict[str, Any]]
    source: str = "<dict>"
    overrides: list[str] = field(default_factory=list)
    _identity: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def __getitem__(self, section: str) -> dict[str, Any]:
        return self.sections[section]

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self.sections)

    def identity(self) -> dict[str, Any]:
        """What the results depend on: the spec without where it runs (``output.dir``, ``run.engine``), and
        the inputs by content, not by path, so a moved output folder or input still resumes, while a feed
        whose content changed does not (see :func:`describe_changes`). Computed once per spec object."""
        if self._identity is not None:
            return copy.deepcopy(self._identity)
        data = self.to_dict()
        data["run"].pop("engine", None)
        data["output"].pop("dir", None)
        if self["input"].get("format") != "hf" and "feeds" not in self["input"]:  # feeds: URLs, new each day
            data["input"]["path"] = [self._input_digest(p) for p in self.input_paths()]
        self._identity = data
        return copy.deepcopy(data)

    def fingerprint(self) -> str:
        """Hash of :meth:`identity`, to refuse resuming (or calling finished) a changed job."""
        return hashlib.sha1(json.dumps(self.identity(), sort_keys=True).encode()).hexdigest()[:16]

    def input_paths(self) -> list[str]:
        """The input files in sorted order, globs expanded (an ``hf`` dataset name passes as is)."""
        if "feeds" in self["input"]:
            raise ConfigError(f"{self.source}: a job with input.feeds reads the pages it fetched, not input.path")
        patterns = self["input"]["path"]
        patterns = [patterns] if isinstance(patterns, str) else patterns
        if self["input"].get("format") == "hf":
            return list(patterns)
        found: list[str] = []
        for pattern in patterns:
            if is_remote(pattern):  # s3:// gs:// https://: matched on the store, never through Path
                found.extend(self._remote_matches(pattern))
            elif glob.has_magic(pattern):
                matches = sorted(glob.glob(str(Path(pattern).expanduser()), recursive=True))
                if not matches:
                    raise ConfigError(f"{self.source}: input.path {pattern!r} matches no file")
                found.extend(matches)
            else:
                found.append(str(Path(pattern).expanduser()))
        return found

    def _remote_matches(self, pattern: str) -> list[str]:
        from ringkas.readers.remote import expand_remote

        matches = expand_remote(pattern, self["input"]["options"].get("storage_options"))
        if not matches:
            raise ConfigError(f"{self.source}: input.path {pattern!r} matches no file")
        return matches

    def _input_digest(self, path: str) -> str:
        """An input's content: its bytes' hash, or for a URL the ETag (size and date) the store states."""
        if is_remote(path):
            from ringkas.readers.remote import remote_digest

            return remote_digest(path, self["input"]["options"].get("storage_options"))
        return content_digest(Path(path))


def content_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, or of a folder's file names and contents; ``missing`` if absent."""
    digest = hashlib.sha256()
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
        for file in files:
            digest.update(file.relative_to(path).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            _hash_file(file, digest)
    elif path.is_file():
        _hash_file(path, digest)
    else:
        return "missing"
    return digest.hexdigest()[:24]


def _hash_file(path: Path, digest: Any) -> None:
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)


def describe_changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """``section.key`` of each value that differs between two :meth:`JobSpec.identity` dicts."""
    changes = []
    for section in sorted(set(before) | set(after)):
        old, new = before.get(section, {}), after.get(section, {})
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                if (section, key) == ("input", "path"):
                    changes.append("the input's content")
                else:
                    changes.append(f"{section}.{key} ({old.get(key)!r} -> {new.get(key)!r})")
    return changes


def load_spec(spec_or_path: str | Path | dict[str, Any] | JobSpec, overrides: Iterable[str] = ()) -> JobSpec:
    """Read (a path), apply ``section.key=value`` overrides, validate, fill defaults."""
    if isinstance(spec_or_path, JobSpec):
        raw, source = spec_or_path.to_dict(), spec_or_path.source
    elif isinstance(spec_or_path, dict):
        raw, source = copy.deepcopy(spec_or_path), "<dict>"
    else:
        source = str(spec_or_path)
        raw = _read_toml(Path(spec_or_path))
    overrides = list(overrides)
    for item in overrides:
        apply_override(raw, item, source)
    return JobSpec(sections=validate(raw, source), source=source, overrides=overrides)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"job spec {path} does not exist") from None
    except UnicodeDecodeError:
        raise ConfigError(f"job spec {path} is not a text file (TOML is UTF-8 text)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"job spec {path} is not valid TOML: {exc}") from None
    except OSError as exc:  # a folder, no permission
        raise ConfigError(f"job spec {path} cannot be read: {exc.strerror or exc}") from None


def apply_override(raw: dict[str, Any], item: str, source: str = "<dict>") -> None:
    """Set ``section.key=value`` in ``raw``; the value is read as TOML (``true``, ``4``, ``["a"]``) or a string."""
    dotted, sep, text = item.partition("=")
    parts = [p.strip() for p in dotted.split(".")]
    if not sep or len(parts) < 2 or not all(parts):
        raise ConfigError(f"--set {item!r}: expected SECTION.KEY=VALUE, e.g. translate.device=cpu")
    try:
        value = tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        value = text
    target = raw
    for part in parts[:-1]:
        child = target.setdefault(part, {})
        if not isinstance(child, dict):
            raise ConfigError(f"--set {item!r}: {part!r} is not a table in {source}")
        target = child
    target[parts[-1]] = value


def validate(raw: dict[str, Any], source: str = "<dict>") -> dict[str, dict[str, Any]]:
    """Check ``raw`` against the schema; return every section with defaults filled in."""
    rules = schema()
    problems: list[str] = []
    resolved: dict[str, dict[str, Any]] = {}
    for section, body in raw.items():
        if section not in rules:
            problems.append(f"unknown section [{section}]{did_you_mean(section, rules)}")
        elif not isinstance(body, dict):
            problems.append(f"[{section}] must be a table, not {type_name(body)}")
    for section, keys in rules.items():
        body = raw.get(section, {})
        body = body if isinstance(body, dict) else {}
        resolved[section] = {}
        for key, value in body.items():
            if key not in keys:
                problems.append(f"unknown key {section}.{key}{did_you_mean(key, keys)}")
        for key, rule in keys.items():
            if key in body:
                problem = check_value(f"{section}.{key}", body[key], rule)
                if problem:
                    problems.append(problem)
                    continue
                resolved[section][key] = body[key]
            elif rule.get("required"):
                problems.append(f"missing {section}.{key}: {rule['help']}")
            elif "default" in rule:
                resolved[section][key] = copy.deepcopy(rule["default"])
    if not problems:
        problems = _check_meaning(resolved)
    if len(problems) == 1:  # one line, as every other command's one mistake
        raise ConfigError(f"job spec {source}: {problems[0]}")
    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        raise ConfigError(f"job spec {source} has {len(problems)} mistake(s):\n{listing}")
    return resolved


def _check_meaning(spec: dict[str, dict[str, Any]]) -> list[str]:
    """Checks across keys: a translator or summariser to use, model folders that exist."""
    problems = _check_input(spec["input"])
    problems += _check_stages(spec)
    problems += _check_tables(spec)
    for section in ("translate", "summarise"):
        model = spec[section].get("model")
        if spec[section]["enabled"] and model:
            problem = _check_model(f"{section}.model", model)
            if problem:
                problems.append(problem)
    output = Path(spec["output"]["dir"]).expanduser()
    if output.exists() and not output.is_dir():
        problems.append(f"output.dir {spec['output']['dir']!r} is a file, not a folder (is it the input?)")
    return problems


def _check_stages(spec: dict[str, dict[str, Any]]) -> list[str]:
    """Build what the job's model stages are made of, without loading a model: the translator's and the
    summariser's settings and the pipeline's stage plan. Their refusals are the job's mistakes."""
    from ringkas.pipelines import check_job_fields, stage_plans
    from ringkas.runner.sections import stage_arguments
    from ringkas.summarise.settings import SummariserSettings
    from ringkas.translate.build import check_translator_arguments

    translate, summarise = spec["translate"], spec["summarise"]
    problems = []
    if translate["enabled"]:
        if not translate.get("model"):
            problems.append("translate.model is missing (a hub id or a local folder), or set translate.enabled = "
                            "false")
        try:
            check_translator_arguments(**stage_arguments("translate", translate))
        except ConfigError as exc:
            problems.append(f"[translate]: {exc}")
    if summarise["enabled"] and summarise.get("method"):  # else the method comes from the model: preflight
        try:
            SummariserSettings.from_options(**stage_arguments("summarise", summarise))
        except ConfigError as exc:
            problems.append(f"[summarise]: {exc}")
    try:
        plans = stage_plans(summarise["pipeline"], translate=translate["enabled"], summarise=summarise["enabled"])
        if summarise["enabled"]:
            check_job_fields(summarise["pipeline"], plans)
    except ConfigError as exc:
        problems.append(str(exc))
    return problems


def _check_tables(spec: dict[str, dict[str, Any]]) -> list[str]:
    """Tables whose keys are another role's settings, built as that role builds them (``input.fetch`` is
    built by :func:`_check_input`)."""
    from ringkas.encode.settings import EncoderSettings

    try:
        EncoderSettings.from_options(spec["cluster"]["encoder"])
    except ConfigError as exc:
        return [f"cluster.encoder: {exc}"]
    return []


def _check_input(section: dict[str, Any]) -> list[str]:
    """One of ``path`` and ``feeds``; for feeds, fetch settings the fetcher accepts."""
    if "path" in section and "feeds" in section:
        return ["input.path and input.feeds are both set: a job reads files or fetches feeds, not both"]
    if "feeds" not in section:
        return [] if "path" in section else ["missing input.path (files to read) or input.feeds (feeds to fetch)"]
    problems = [] if section["feeds"] else ["input.feeds must not be empty"]
    for source in section["feeds"]:
        if "://" not in source and not Path(source).expanduser().is_file():
            problems.append(f"input.feeds: {source!r} is neither a URL nor an existing file (OPML, feed or URL list)")
    if section.get("format") not in (None, "jsonl"):
        problems.append("input.format does not apply to input.feeds (fetched pages are JSONL)")
    from ringkas.fetch import FetchSettings

    try:
        FetchSettings.from_table(section["fetch"])
    except ConfigError as exc:
        problems.append(f"input.fetch: {exc}")
    return problems


def _check_model(name: str, model: str) -> str | None:
    from ringkas.models.hub import ModelNotFoundError, resolve_model

    try:
        resolve_model(model)
    except ModelNotFoundError as exc:
        return f"{name}: {exc}"
    return None


