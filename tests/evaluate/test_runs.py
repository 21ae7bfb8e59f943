"""``eval run`` plumbing against the runner's contract, with a stand-in runner that records its calls.

The end-to-end run with the real runner and tiny models is in tests/cli/test_eval.py.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from ringkas.evaluate.runs import run_facts, run_suite
from ringkas.evaluate.suites import load_suite
from ringkas.text import split_sentences

REPO = Path(__file__).resolve().parents[2]


# The runner's manifest layout: per stage, seconds of work and (model stages) seconds spent loading.
TIMINGS = {"clean": {"seconds": 1.5, "articles": 34, "articles_per_second": 22.67},
           "summarise": {"seconds": 2.5, "articles": 34, "articles_per_second": 13.6, "load_seconds": 3.0}}


@pytest.fixture()
def stand_in_runner(monkeypatch):
    """A ``ringkas.runner`` whose run_job briefs each article with its first sentence and writes a manifest."""
    calls = []

    def run_job(spec_or_path, *, overrides=(), force=False, shard=None, engine="local"):
        calls.append({"spec": spec_or_path, "overrides": list(overrides), "force": force})
        settings = dict(item.split("=", 1) for item in overrides)
        source, out = Path(json.loads(settings["input.path"])), Path(json.loads(settings["output.dir"]))
        out.mkdir(parents=True, exist_ok=True)
        rows = [json.loads(line) for line in source.read_text("utf-8").splitlines()]
        briefs = [{"id": row["id"], "brief": split_sentences(row["text"])[0]} for row in rows[1:]]  # drops one
        (out / "briefs.jsonl").write_text("".join(json.dumps(b) + "\n" for b in briefs), "utf-8")
        (out / "manifest.json").write_text(json.dumps({"timings": TIMINGS}), "utf-8")
        return types.SimpleNamespace(out_dir=out)

    module = types.ModuleType("ringkas.runner")
    module.run_job = run_job
    monkeypatch.setitem(sys.modules, "ringkas.runner", module)
    return calls


def test_run_suite_runs_each_job_over_the_suite(tmp_path, stand_in_runner):
    job = tmp_path / "lead.toml"
    job.write_text("[summarise]\nmethod = 'lead'\n")
    suite = load_suite(REPO / "eval" / "ringkas-id-news.toml")
    refs, outputs, facts = run_suite(suite, [f"first={job}", str(job)], tmp_path / "out",
                                     overrides=["translate.enabled=false"])
    assert [call["spec"] for call in stand_in_runner] == [job, job]
    assert stand_in_runner[0]["overrides"][-1] == "translate.enabled=false"
    assert set(outputs) == {"first", "lead"}
    assert len(outputs["lead"]) == len(refs) - 1
    assert facts["lead"]["seconds"] == 4.0
    assert facts["lead"]["articles_per_second"] == pytest.approx(len(refs) / 4.0, abs=1e-3)
    assert facts["lead"]["output_dir"] == str(tmp_path / "out" / "lead")


def test_eval_run_cli_scores_with_timings(tmp_path, stand_in_runner):
    from ringkas.cli import main

    job = tmp_path / "lead.toml"
    job.write_text("[summarise]\nmethod = 'lead'\n")
    out = tmp_path / "scores.json"
    code = main(["eval", "run", str(REPO / "eval" / "ringkas-id-news.toml"), "--job", str(job), "--limit", "5",
                 "--out", str(tmp_path / "runs"), "--json", str(out), "--resamples", "100"])
    assert code == 0
    system = json.loads(out.read_text())["systems"]["lead"]
    assert system["missing"] == 1 and system["n"] == 5
    assert system["seconds"] == 4.0 and system["load_seconds"] == 3.0 and system["timings"] == TIMINGS


@pytest.mark.parametrize("manifest,wall,expected,load", [
    ({"timings": TIMINGS}, 99.0, 4.0, 3.0),
    ({"timings": {"translate": {"seconds": 0.0, "load_seconds": 2.0}, "summarise": {"seconds": 8.0}}},
     99.0, 8.0, 2.0),
    ({}, 2.0, 2.0, 0.0),
], ids=["stage_sum", "load_apart", "wall_clock"])
def test_run_facts_time(tmp_path, manifest, wall, expected, load):
    if manifest:
        (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    facts = run_facts(tmp_path, Path("job.toml"), wall, n_articles=4)
    assert facts["seconds"] == expected and facts["load_seconds"] == load
    assert facts["articles_per_second"] == pytest.approx(4 / expected, abs=1e-3)


@pytest.mark.parametrize("name", ["/tmp/elsewhere", "../up", "a/b", "..", "", ".hidden", "x y"],
                         ids=["absolute", "dot-dot", "slash", "parent", "empty", "hidden", "space"])
def test_eval_run_job_names_must_be_plain_names(tmp_path, stand_in_runner, capsys, name):
    from ringkas.cli import main

    job = tmp_path / "lead.toml"
    job.write_text("[summarise]\nmethod = 'lead'\n")
    code = main(["eval", "run", str(REPO / "eval" / "ringkas-id-news.toml"), "--job", f"good={job}",
                 "--job", f"{name}={job}", "--out", str(tmp_path / "runs")])
    assert code == 2 and "is not a plain name" in capsys.readouterr().err
    assert stand_in_runner == []  # checked before the first job ran


def test_eval_score_refuses_a_system_file_that_is_not_jsonl(tmp_path, capsys):
    from ringkas.cli import main

    readme = tmp_path / "README.md"
    readme.write_text("# Notes\n\n" + "- a line of prose\n" * 30, encoding="utf-8")
    code = main(["-q", "eval", "score", "--suite", str(REPO / "eval" / "ringkas-id-news.toml"),
                 "--system", f"mine={readme}"])
    err = capsys.readouterr().err
    assert code == 2 and "none of its first 16 records could be read" in err and err.count("\n") == 1
