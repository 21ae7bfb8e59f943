"""SIGTERM (what cron, systemd and Kubernetes send) stops a job as Ctrl-C does: cleanly, lock released,
exit 143, and a rerun ends as an uninterrupted run. A finished run leaves no lock file behind."""

from __future__ import annotations

import fcntl
import signal
import subprocess
import sys
import time
from pathlib import Path

from ringkas.runner import run_job
from tests.runner.conftest import fake_spec, subprocess_env, write_spec
from tests.runner.feeds import make_feed


def test_a_finished_run_leaves_no_lock_file(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    make_feed(feed, 20)
    result = run_job(fake_spec(feed, tmp_path / "out"))
    assert not (result.out_dir / ".ringkas.lock").exists()
    assert run_job(fake_spec(feed, tmp_path / "out")).status == "already_complete"
    assert not (result.out_dir / ".ringkas.lock").exists()


def test_sigterm_stops_a_run_cleanly_with_143_and_a_rerun_finishes_it(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    make_feed(feed, 160)
    reference = run_job(fake_spec(feed, tmp_path / "reference"))
    spec_path = write_spec(tmp_path / "job.toml", fake_spec(feed, tmp_path / "out"))
    done = tmp_path / "out" / "_work" / "done"
    process = subprocess.Popen([sys.executable, "-m", "ringkas", "-q", "run", str(spec_path)],
                               env=subprocess_env(RINGKAS_FAKE_DELAY="0.05"), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if done.exists() and len(list(done.glob("u*.jsonl"))) >= 2:
            process.send_signal(signal.SIGTERM)
            break
        time.sleep(0.02)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143, err.decode()[-2000:]
    assert b"terminated (SIGTERM)" in err and b"Traceback" not in err
    with open(tmp_path / "out" / ".ringkas.lock", "a") as lock:  # released: another run may take it
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(lock, fcntl.LOCK_UN)
    resumed = run_job(spec_path)
    assert resumed.status == "complete" and resumed.units_run < reference.units_total
    for name in ("briefs.jsonl", "rejects.jsonl"):
        assert (resumed.out_dir / name).read_bytes() == (reference.out_dir / name).read_bytes(), name
