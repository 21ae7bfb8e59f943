"""What a command prints: its summary line, a header unless -q, and no library chatter unless -v."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from ringkas.console import configured, shows_info
from tests.conftest import REPO


def _ringkas(*args: str, cwd: Path, cache: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "RINGKAS_CACHE": str(cache), "HF_HUB_OFFLINE": "1"}
    for name in ("HF_HUB_DISABLE_PROGRESS_BARS", "TRANSFORMERS_VERBOSITY", "TRANSFORMERS_NO_ADVISORY_WARNINGS"):
        env.pop(name, None)  # the command sets them itself
    done = subprocess.run([sys.executable, "-m", "ringkas", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]


def _articles(path: Path) -> Path:
    rows = [{"id": f"a{i}", "title": "Banjir di Bekasi", "text": "Banjir merendam ratusan rumah warga. " * 3}
            for i in range(3)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def test_translate_prints_a_header_and_one_summary_line_without_library_bars(tmp_path, tiny_model):
    model, source = str(tiny_model("marian")), _articles(tmp_path / "clean.jsonl")
    common = ["translate", str(source), "-o", str(tmp_path / "en.jsonl"), "--model", model, "--no-retry",
              "--max-new-tokens", "8"]
    fresh = _ringkas(*common, cwd=tmp_path, cache=tmp_path / "fresh-cache")  # converts to CTranslate2
    assert not [line for line in fresh if "Loading weights" in line or "Writing model" in line or "it/s]" in line]
    assert [line for line in fresh if " INFO " in line] == [next(line for line in fresh if "converting" in line)]
    rest = [line for line in fresh if " INFO " not in line]
    assert len(rest) == 2 and rest[0].startswith(f"translate: {model} @ ") and rest[1].startswith("translate: 3 records")
    quiet = _ringkas("-q", *common, "--no-cache", cwd=tmp_path, cache=tmp_path / "fresh-cache")
    assert len(quiet) == 1 and quiet[0].startswith("translate: 3 records: 3 written")


def test_run_says_each_thing_once(tmp_path, tiny_model):
    spec = tmp_path / "job.toml"
    spec.write_text((REPO / "jobs/tiny.toml").read_text()
                    .replace('"examples/feeds/sample.jsonl"', json.dumps(str(REPO / "examples/feeds/sample.jsonl")))
                    .replace('"out/tiny/marian"', json.dumps(str(tiny_model("marian"))))
                    .replace('"out/sample-tiny"', json.dumps(str(tmp_path / "out"))))
    first = _ringkas("run", str(spec), cwd=tmp_path, cache=tmp_path / "cache")
    first = [line for line in first if "converting" not in line]  # the one-off CTranslate2 conversion notice
    assert len(first) == 1 and first[0].startswith("10 briefs (2 near-duplicates linked)")
    again = _ringkas("run", str(spec), cwd=tmp_path, cache=tmp_path / "cache")
    assert again == [f"job already finished: {tmp_path / 'out'} (nothing to do; --force runs it again)"]


def test_levels_are_restored_after_a_command():
    ringkas, transformers = logging.getLogger("ringkas"), logging.getLogger("transformers")
    before = (ringkas.level, transformers.level)
    with configured(quiet=True):
        assert not shows_info() and transformers.level == logging.ERROR
    with configured(verbose=1):
        assert ringkas.level == logging.DEBUG and transformers.level == logging.WARNING
    assert (ringkas.level, transformers.level) == before and shows_info()
