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


# Each hub model a shipped job names, and the tiny model of the same architecture that stands in for it.
STAND_INS = {
    "Helsinki-NLP/opus-mt-id-en": "marian",
    "facebook/nllb-200-distilled-600M": "nllb",
    "sshleifer/distilbart-cnn-12-6": "bart",
    "Qwen/Qwen2.5-1.5B-Instruct": "causal",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", HUB_JOBS, ids=HUB_JOBS)
def test_hub_jobs_run_with_their_models_swapped_for_tiny_ones(name, tiny_model, tmp_path, monkeypatch):
    """Everything in the shipped job but the weights: prompts, pipelines, backends and options must run."""
    from ringkas.runner import run_job

    monkeypatch.chdir(REPO)
    spec = load_spec(REPO / "jobs" / f"{name}.toml")
    overrides = [f'output.dir="{tmp_path / name}"', "translate.max_new_tokens=16",
                 "translate.options.retry_degenerate=false"]
    for section in ("translate", "summarise"):
        model = spec[section].get("model")
        if model:
            assert model in STAND_INS, f"{name}.toml names {model}: give it a tiny stand-in here"
            overrides.append(f'{section}.model="{tiny_model(STAND_INS[model])}"')
            if section == "summarise":
                overrides.append("summarise.max_new_tokens=16")
    result = run_job(REPO / "jobs" / f"{name}.toml", overrides=overrides)
    assert result.status == "complete" and result.counts["accepted"] > 0
    briefs = [json.loads(line) for line in (result.out_dir / "briefs.jsonl").read_text("utf-8").splitlines()]
    assert briefs and all(b["brief"] and b["headline_en"] for b in briefs)


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
