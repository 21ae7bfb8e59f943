"""Kill a job with SIGKILL half-way, run it again: the result equals an uninterrupted run."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ringkas.runner import run_job
from tests.runner.conftest import fake_spec, subprocess_env, write_spec
from tests.runner.feeds import make_feed

ARTICLES = 320


def kill_half_way(spec_path: Path, done_dir: Path, units: int, **env: str) -> int:
    """Start ``ringkas run`` and SIGKILL it once about half of its units are committed."""
    process = subprocess.Popen([sys.executable, "-m", "ringkas", "-q", "run", str(spec_path)],
                               env=subprocess_env(**env), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    committed = 0
    while time.monotonic() < deadline and process.poll() is None:
        committed = len(list(done_dir.glob("u*.jsonl"))) if done_dir.exists() else 0
        if committed >= units // 2:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode()[-2000:]
    return committed


@pytest.mark.slow
def test_sigkill_then_rerun_equals_uninterrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    feed = tmp_path / "feed.jsonl"
    make_feed(feed, ARTICLES, duplicates={n: n - 37 for n in range(50, ARTICLES, 41)}, broken_at=(101, 202))
    reference = run_job(fake_spec(feed, tmp_path / "reference"))
    spec = fake_spec(feed, tmp_path / "killed")
    spec_path = write_spec(tmp_path / "job.toml", spec)
    units = reference.units_total
    committed = kill_half_way(spec_path, tmp_path / "killed" / "_work" / "done", units, RINGKAS_FAKE_DELAY="0.03")
    assert 0 < committed < units
    assert not (tmp_path / "killed" / "briefs.jsonl").exists()
    loads = tmp_path / "loads.txt"
    monkeypatch.setenv("RINGKAS_FAKE_LOADS", str(loads))
    resumed = run_job(spec_path)
    assert resumed.status == "complete"
    assert resumed.units_run <= units - committed  # committed units were not redone
    for name in ("briefs.jsonl", "rejects.jsonl"):
        assert (resumed.out_dir / name).read_bytes() == (reference.out_dir / name).read_bytes(), name
    briefs = [json.loads(line) for line in (resumed.out_dir / "briefs.jsonl").read_text().splitlines()]
    assert len({b["id"] for b in briefs}) == len(briefs) == reference.counts["accepted"]  # none twice
    manifest = json.loads(resumed.manifest_path.read_text())
    assert manifest["counts"] == json.loads(reference.manifest_path.read_text())["counts"]
    assert len(manifest["runs"]) == 2 and manifest["runs"][1]["units_to_run"] == resumed.units_run
    assert manifest["timings"]["translate"]["articles"] == reference.counts["unique"]
    assert run_job(spec_path).status == "already_complete"


def test_kill_during_plan_replans(tmp_path: Path) -> None:
    """A plan left half-written (the cheap pass) is thrown away and redone, never used."""
    feed = tmp_path / "feed.jsonl"
    make_feed(feed, 30)
    spec = fake_spec(feed, tmp_path / "out")
    reference = run_job(fake_spec(feed, tmp_path / "reference"))
    stale = tmp_path / "out" / "_work" / "plan.tmp" / "units"
    stale.mkdir(parents=True)
    (stale / "u000000.jsonl").write_text('{"id": "half-writ', encoding="utf-8")
    result = run_job(spec)
    assert result.briefs_path.read_bytes() == reference.briefs_path.read_bytes()


@pytest.mark.slow
def test_killed_shard_resumes_and_merges(tmp_path: Path) -> None:
    """SIGKILL is per process: a shard killed half-way resumes on its own and merges like the others."""
    from ringkas.runner import merge_outputs

    feed = tmp_path / "feed.jsonl"
    make_feed(feed, 200, duplicates={120: 7, 150: 7}, broken_at=(99,))
    single = run_job(fake_spec(feed, tmp_path / "single"))
    spec_path = write_spec(tmp_path / "job.toml", fake_spec(feed, tmp_path / "sharded"))
    process = subprocess.Popen([sys.executable, "-m", "ringkas", "-q", "run", str(spec_path), "--shard", "1/2"],
                               env=subprocess_env(RINGKAS_FAKE_DELAY="0.05"), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    done = tmp_path / "sharded" / "shard-1-of-2" / "_work" / "done"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None and len(list(done.glob("u*.jsonl"))) < 3:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    first = run_job(spec_path, shard="1/2")
    second = run_job(spec_path, shard="2/2")
    assert 0 < first.units_run < first.units_total
    merge_outputs([first.out_dir, second.out_dir], tmp_path / "merged")
    for name in ("briefs.jsonl", "rejects.jsonl"):
        assert (tmp_path / "merged" / name).read_bytes() == (single.out_dir / name).read_bytes(), name
