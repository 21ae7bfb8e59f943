"""Job spec validation: every mistake is a message that names the key and says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.errors import ConfigError
from ringkas.runner.spec import apply_override, load_spec, schema

BASE = {
    "input": {"path": "feed.jsonl"},
    "translate": {"model": "Helsinki-NLP/opus-mt-id-en"},
    "summarise": {"method": "lead"},
    "output": {"dir": "out"},
}


def with_change(section: str, key: str, value: object) -> dict:
    spec = {name: dict(body) for name, body in BASE.items()}
    if value is None:
        spec[section].pop(key, None)
    else:
        spec.setdefault(section, {})[key] = value
    return spec


MISTAKES = [
    (with_change("translate", "modle", "x"), "unknown key translate.modle (did you mean 'model'?)"),
    ({**BASE, "summarize": {"method": "lead"}}, "unknown section [summarize] (did you mean 'summarise'?)"),
    (with_change("translate", "num_beams", "4"), "translate.num_beams must be an integer, not string '4'"),
    (with_change("translate", "num_beams", 0), "translate.num_beams = 0 is below the minimum 1"),
    (with_change("translate", "backend", "ctranslate"), "is not one of auto, ctranslate2, transformers "
                                                         "(did you mean 'ctranslate2'?)"),
    (with_change("dedupe", "threshold", 1.5), "dedupe.threshold = 1.5 is above the maximum 1.0"),
    (with_change("dedupe", "enabled", "yes"), "dedupe.enabled must be true or false"),
    (with_change("output", "formats", ["jsonl", "csv"]), "output.formats = 'csv' is not one of jsonl, parquet"),
    (with_change("output", "dir", None), "missing output.dir"),
    (with_change("input", "path", None), "missing input.path"),
    (with_change("translate", "model", "./models/not-there"), "translate.model: model folder './models/not-there' "
                                                              "does not exist"),
    (with_change("translate", "model", None), "translate.model is missing"),
    (with_change("summarise", "model", "sshleifer/distilbart-cnn-12-6"), "[summarise]: method 'lead' uses no model"),
    (with_change("summarise", "pipeline", "translate-then-summarize"),
     "(did you mean 'translate-then-summarise'?)"),
    ({**BASE, "translate": {"enabled": False}, "summarise": {"method": "lead", "pipeline": "summarise-then-translate"}},
     "needs a translator for the brief"),
    ({**BASE, "output": "out"}, "[output] must be a table, not string"),
]


@pytest.mark.parametrize("spec, message", MISTAKES, ids=[m for _, m in MISTAKES])
def test_mistakes_are_named(spec: dict, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_spec(spec)
    assert message in str(caught.value)


def test_all_mistakes_reported_at_once() -> None:
    spec = with_change("translate", "modle", "x")
    spec["dedupe"] = {"treshold": 0.5}
    with pytest.raises(ConfigError, match="2 mistake") as caught:
        load_spec(spec)
    assert "dedupe.treshold" in str(caught.value) and "translate.modle" in str(caught.value)


def test_defaults_filled_from_schema() -> None:
    spec = load_spec(BASE)
    for section, keys in schema().items():
        for key, rule in keys.items():
            if "default" in rule and key not in BASE.get(section, {}):
                assert spec[section][key] == rule["default"], f"{section}.{key}"
    assert "revision" not in spec["translate"]  # optional keys without a default stay absent


OVERRIDES = [
    ("translate.device=cpu", ("translate", "device"), "cpu"),
    ("translate.num_beams=4", ("translate", "num_beams"), 4),
    ("dedupe.enabled=false", ("dedupe", "enabled"), False),
    ('output.formats=["jsonl", "parquet"]', ("output", "formats"), ["jsonl", "parquet"]),
    ("output.dir=out/2026-11-28", ("output", "dir"), "out/2026-11-28"),
    ("input.options.max_record_bytes=1000", ("input", "options"), {"max_record_bytes": 1000}),
]


@pytest.mark.parametrize("item, where, value", OVERRIDES, ids=[o[0] for o in OVERRIDES])
def test_overrides(item: str, where: tuple[str, str], value: object) -> None:
    spec = load_spec(BASE, overrides=[item])
    assert spec[where[0]][where[1]] == value
    assert spec.overrides == [item]


@pytest.mark.parametrize("item", ["translate", "=cpu", "translate.=cpu", "device=cpu"])
def test_bad_override_syntax(item: str) -> None:
    with pytest.raises(ConfigError, match="expected SECTION.KEY=VALUE"):
        load_spec(BASE, overrides=[item])


def test_override_is_validated() -> None:
    with pytest.raises(ConfigError, match="unknown key translate.beams"):
        load_spec(BASE, overrides=["translate.beams=4"])


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_spec(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[input]\npath = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_spec(broken)


def test_glob_inputs_sorted(tmp_path: Path) -> None:
    for name in ("b.jsonl", "a.jsonl", "c.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    spec = load_spec(with_change("input", "path", str(tmp_path / "*.jsonl")))
    assert spec.input_paths() == [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]
    empty = load_spec(with_change("input", "path", str(tmp_path / "*.csv")))
    with pytest.raises(ConfigError, match="matches no file"):
        empty.input_paths()


def test_fingerprint_ignores_engine_only() -> None:
    base = load_spec(BASE)
    assert load_spec(BASE, ["run.engine=ray"]).fingerprint() == base.fingerprint()
    assert load_spec(BASE, ["translate.num_beams=2"]).fingerprint() != base.fingerprint()


def test_apply_override_refuses_to_descend_into_value() -> None:
    raw = {"translate": {"model": "x"}}
    with pytest.raises(ConfigError, match="not a table"):
        apply_override(raw, "translate.model.name=y")


def test_the_docs_key_table_is_the_schema() -> None:
    """docs/runner.md lists every job key as the runner validates it (python scripts/job_keys.py prints it)."""
    import runpy

    repo = Path(__file__).resolve().parents[2]
    table = runpy.run_path(str(repo / "scripts" / "job_keys.py"))["table"]()
    assert table in (repo / "docs" / "runner.md").read_text(encoding="utf-8")
