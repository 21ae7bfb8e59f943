"""Runner test helpers: a synthetic feed and a job spec over it that uses the stand-in stages."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.runner.feeds import make_feed

REPO = Path(__file__).resolve().parents[2]
FAKE_STAGES = "tests.runner.doubles:FakeStages"


def fake_spec(feed: Path, out: Path, **sections: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "input": {"path": str(feed)},
        "translate": {"model": "fake-mt"},
        "summarise": {"method": "lead"},
        "output": {"dir": str(out)},
        "run": {"stages": FAKE_STAGES, "unit_size": 8},
    }
    for name, values in sections.items():
        spec.setdefault(name, {}).update(values)
    return spec


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def write_spec(path: Path, spec: dict[str, Any]) -> Path:
    lines = []
    for section, body in spec.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {toml_value(value)}" for key, value in body.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def subprocess_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), str(REPO)])
    env.update(extra)
    return env


@pytest.fixture()
def feed(tmp_path: Path) -> Path:
    """40 stories: line 12 is broken JSON, lines 10, 20 and 30 repeat earlier stories."""
    path = tmp_path / "feed.jsonl"
    make_feed(path, 40, duplicates={10: 3, 20: 3, 30: 5}, broken_at=(12,))
    return path
