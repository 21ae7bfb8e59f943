"""Evaluation suites as data files (``eval/*.toml``): a name, a dataset and the metrics to compute.

A suite is found by path, or by name on the include path :func:`suite_dirs`: folders given with
``--suites-dir``, then ``eval/`` under the working directory, then the suites installed with ringkas (the
repository's ``eval/`` folder is package data, ``ringkas/eval``, with its data files), so an installed
ringkas finds the same suites as a checkout.

A dataset is a local JSONL file (``kind = "jsonl"``, ``path`` relative to the suite file) or a Hugging Face
dataset (``kind = "hf"``: ``path``, ``config``, ``split``, ``revision``, optional ``data_files``), with a
``[dataset.columns]`` table mapping ringkas fields (``id``, ``text``, ``title``, ``summary``,
``translation``) to the dataset's columns. ``[dataset.join]`` adds columns from a second config of the same
dataset joined on ``id`` (FLORES-200 keeps each language in its own config). A suite gives the references
for scoring and the Indonesian input articles for ``ringkas eval run``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from ringkas.errors import ConfigError, InputError
from ringkas.evaluate.references import Reference, check_references, reference_from_dict
from ringkas.record import Article

FIELDS = ("id", "text", "title", "summary", "translation")


@dataclass(frozen=True)
class DatasetSpec:
    kind: str
    path: str
    columns: dict[str, str] = field(default_factory=dict)
    config: str | None = None
    split: str = "test"
    revision: str | None = None
    data_files: str | list[str] | None = None
    join: DatasetSpec | None = None


@dataclass(frozen=True)
class Suite:
    name: str
    dataset: DatasetSpec
    metrics: tuple[str, ...]
    description: str = ""
    lang: str = "id"
    limit: int | None = None
    origin: Path | None = None

    def with_dataset(self, **changes: Any) -> Suite:
        """This suite reading its data from somewhere else (a local copy of a hub dataset, say)."""
        return replace(self, dataset=replace(self.dataset, **changes))


def packaged_suites_dir() -> Path:
    """The suites installed with ringkas (in a checkout, the repository's ``eval/`` through a link)."""
    return Path(str(resources.files("ringkas").joinpath("eval")))


def suite_dirs(extra: Sequence[str | Path] = ()) -> list[Path]:
    """Where suites are looked up by name, first match wins: ``extra``, ``./eval``, the packaged suites."""
    return [*(Path(d) for d in extra), Path.cwd() / "eval", packaged_suites_dir()]


def find_suite(name_or_path: str | Path, extra_dirs: Sequence[str | Path] = ()) -> Path:
    """A suite file: the path itself, or ``NAME.toml`` in the first folder of :func:`suite_dirs` that has it."""
    candidate = Path(name_or_path)
    if candidate.is_file():
        return candidate
    for folder in suite_dirs(extra_dirs):
        path = folder / f"{name_or_path}.toml"
        if path.is_file():
            return path
    searched = ", ".join(str(d) for d in suite_dirs(extra_dirs))
    raise InputError(f"no suite {str(name_or_path)!r}: give a suite file, or a name found in {searched} "
                     f"({', '.join(available_suites(extra_dirs)) or 'none found'})")


def available_suites(extra_dirs: Sequence[str | Path] = ()) -> list[str]:
    return sorted({p.stem for folder in suite_dirs(extra_dirs) for p in folder.glob("*.toml")})


def load_suite(name_or_path: str | Path, extra_dirs: Sequence[str | Path] = ()) -> Suite:
    path = find_suite(name_or_path, extra_dirs)
    from ringkas._toml import tomllib

    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"suite {path}: {exc}") from None
    try:
        dataset = _dataset_spec(data["dataset"], path)
        return Suite(name=data.get("name", path.stem), dataset=dataset,
                     metrics=tuple(data.get("metrics", ("rouge", "reference_free", "translation_checks"))),
                     description=data.get("description", ""), lang=data.get("lang", "id"),
                     limit=data.get("limit"), origin=path)
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"suite {path}: missing or malformed entry {exc}") from None


def _dataset_spec(table: dict[str, Any], suite_path: Path) -> DatasetSpec:
    kind = table["kind"]
    if kind not in ("jsonl", "hf"):
        raise ConfigError(f"suite {suite_path}: dataset kind must be 'jsonl' or 'hf', not {kind!r}")
    path = table["path"]
    if kind == "jsonl":
        path = str((suite_path.parent / path).resolve())
    columns = {key: value for key, value in table.get("columns", {}).items()}
    unknown = set(columns) - set(FIELDS)
    if unknown:
        raise ConfigError(f"suite {suite_path}: unknown column mapping(s) {sorted(unknown)} (known: {FIELDS})")
    join = table.get("join")
    return DatasetSpec(
        kind=kind, path=path, columns=columns, config=table.get("config"), split=table.get("split", "test"),
        revision=table.get("revision"), data_files=table.get("data_files"),
        join=_dataset_spec({"kind": kind, "path": table["path"], **join}, suite_path) if join else None,
    )


def suite_rows(suite: Suite) -> list[dict[str, Any]]:
    """The suite's records as ringkas fields (id, text, title, summary, translation), in dataset order."""
    rows = _mapped_rows(suite.dataset)
    if suite.dataset.join is not None:
        extra = {row["id"]: row for row in _mapped_rows(suite.dataset.join)}
        for row in rows:
            other = extra.get(row["id"])
            if other is None:
                raise InputError(f"suite {suite.name}: id {row['id']!r} has no row in the joined dataset")
            row.update({key: value for key, value in other.items() if key != "id"})
    return rows[: suite.limit] if suite.limit else rows


def _mapped_rows(spec: DatasetSpec) -> list[dict[str, Any]]:
    raw = _read_jsonl(Path(spec.path)) if spec.kind == "jsonl" else _read_hf(spec)
    mapping = {name: spec.columns.get(name, name) for name in FIELDS}
    rows = []
    for number, record in enumerate(raw, start=1):
        row = {name: record.get(column) for name, column in mapping.items() if record.get(column) is not None}
        row["id"] = str(row.get("id", number))
        rows.append(row)
    return rows


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    import json

    if not path.is_file():
        raise InputError(f"suite data file {path} does not exist")
    with open(path, encoding="utf-8-sig") as handle:  # a BOM is not JSON
        try:
            return [json.loads(line) for line in handle if line.strip()]
        except json.JSONDecodeError as exc:
            raise InputError(f"suite data file {path}: not valid JSONL ({exc})") from None


def _read_hf(spec: DatasetSpec) -> list[dict[str, Any]]:
    from ringkas.hub_access import datasets_offline_unless_allowed
    from ringkas.registry import require

    datasets = require("datasets", "Hugging Face suites", "pip install datasets")
    try:
        with datasets_offline_unless_allowed(datasets):  # the one hub policy, the same as for models
            dataset = datasets.load_dataset(spec.path, name=spec.config, split=spec.split, revision=spec.revision,
                                            data_files=spec.data_files)
    except Exception as exc:  # the hub, the cache and the builders raise many types; all mean "not here"
        raise InputError(
            f"dataset {spec.path!r} (config {spec.config!r}, split {spec.split!r}) could not be loaded: {exc}\n"
            "on an offline machine, load it once on a connected one with the same HF_HOME, or point the "
            "suite at local files (kind = \"jsonl\", or data_files)"
        ) from None
    return [dict(row) for row in dataset]


def suite_references(suite: Suite) -> list[Reference]:
    refs = [reference_from_dict({**row, "source": row.get("text")}, f"suite {suite.name} record {row['id']}")
            for row in suite_rows(suite)]
    return check_references(refs, f"suite {suite.name}")


def suite_articles(suite: Suite) -> list[Article]:
    """The suite's Indonesian articles as pipeline input (id, title, text, lang)."""
    return [Article(id=row["id"], text=row.get("text", ""), title=row.get("title"), lang=suite.lang)
            for row in suite_rows(suite)]
