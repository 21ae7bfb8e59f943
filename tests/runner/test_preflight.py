"""A job that cannot start says so before it plans anything, and leaves its output folder free for the
corrected spec: summariser prompts, options and default models are checked without loading weights."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringkas.cli import main

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("mistake, message", [
    (['summarise.method="instruct"', "summarise.model={causal}", 'summarise.prompt="brief_en"'],
     "prompt 'brief_en' not found"),
    (['summarise.method="seq2seq"', "summarise.model={bart}", "summarise.options.fallback_extractve=true"],
     "unknown summariser setting(s): fallback_extractve"),
    (['summarise.method="lead"', "summarise.options.sentence=2"], "unknown summariser setting(s): sentence"),
    (['summarise.method="lead"', "summarise.options.style='paragraph'"], "takes only batch_articles, max_chars, sentences"),
    (['summarise.method="lead"', "summarise.options.sentences=0"], "sentences = 0 is below the minimum 1"),
    (['summarise.method="seq2seq"', 'summarise.model="/nowhere/bart"'], "/nowhere/bart"),
    # What pre-flight let through before and only building refused (issue 11): building is the check now.
    (['summarise.method="seq2seq"', "summarise.model={bart}", 'summarise.prompt="brief_3_bullets"'],
     "a prompt needs an instruction-following model"),
    (['summarise.method="instruct"', "summarise.model={causal}", "summarise.options.max_new_tokenz=8"],
     "unknown summariser setting(s): max_new_tokenz"),
    (['summarise.method="seq2seq"', "summarise.model={bart}", 'summarise.options.style="prose"'],
     "style = 'prose' is not one of bullets, paragraph"),
    (['summarise.method="direct"', "summarise.model={bart}", 'summarise.pipeline="direct"',
      "summarise.options.fallback_extractive=true"],
     "would put 'id' sentences into an 'en' brief"),
    (['summarise.method="seq2seq"', "summarise.model={causal}"], "is a causal language model"),
], ids=["unknown-prompt", "option-typo", "extractive-option-typo", "extractive-style", "zero-sentences",
        "missing-model", "seq2seq-with-prompt", "instruct-option-typo", "style-prose", "direct-fallback",
        "seq2seq-causal-model"])
def test_a_job_that_cannot_start_stops_before_planning_and_keeps_its_folder_free(
        mistake, message, tiny_model, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    models = {kind: tiny_model(kind) for kind in ("marian", "bart", "causal")}
    common = ["--set", f'translate.model="{models["marian"]}"', "--set", f'output.dir="{out}"']
    bad = [item for m in mistake for item in ("--set", m.format(**{k: f'"{v}"' for k, v in models.items()}))]
    assert main(["run", "jobs/tiny.toml", *common, *bad]) == 2
    assert message in capsys.readouterr().err
    assert not (out / "_work" / "job.json").exists()
    # The corrected job runs in the same folder without --force.
    assert main(["-q", "run", "jobs/tiny.toml", *common]) == 0
    assert json.loads((out / "manifest.json").read_text("utf-8"))["status"] == "complete"
