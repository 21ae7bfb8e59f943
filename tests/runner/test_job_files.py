"""The shipped job specs and sample feed are valid: a user's first command must not fail on our files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringkas.runner.spec import load_spec

REPO = Path(__file__).resolve().parents[2]
HUB_JOBS = ["example", "nllb", "ctranslate2", "instruct"]


@pytest.mark.parametrize("name", HUB_JOBS, ids=HUB_JOBS)
def test_hub_jobs_validate(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    spec = load_spec(REPO / "jobs" / f"{name}.toml")
    assert spec.input_paths() == ["examples/feeds/sample.jsonl"]


def test_tiny_job_takes_a_model_folder(tiny_model, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    spec = load_spec(REPO / "jobs" / "tiny.toml", [f"translate.model={tiny_model('marian')}"])
    assert spec["translate"]["model"] == str(tiny_model("marian"))


def test_sample_feed_is_noisy_indonesian_news() -> None:
    records = [json.loads(line) for line in (REPO / "examples/feeds/sample.jsonl").read_text("utf-8").splitlines()]
    assert 10 <= len(records) <= 14
    assert len({r["id"] for r in records}) == len(records)
    texts = [r.get("text") or r.get("html") for r in records]
    assert sum("Baca juga" in t or "Baca Juga" in t for t in texts) >= 4
    assert any(r.get("html") for r in records)
