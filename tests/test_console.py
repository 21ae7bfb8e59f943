"""What a command prints: its summary line, a header unless -q, and no library chatter unless -v."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ringkas.console import ConsoleHandler, NoteFormatter, configured, plural, shows_info
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
    notes = [line for line in fresh if "converting" in line]
    assert len(notes) == 1 and notes[0].startswith("converting ")  # a plain sentence: no time, level, logger
    rest = [line for line in fresh if line not in notes]
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
    # the one-off CTranslate2 conversion notice, and on a slow machine the log's line every 30 s of progress
    first = [line for line in first if "converting" not in line and not line.startswith("translate+summarise: ")]
    assert len(first) == 1 and first[0].startswith("10 articles in 8 stories (2 near-duplicates linked, 0 listed by title only)")
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


def _record(name: str, level: int, message: str) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, message, None, None)


@pytest.mark.parametrize("name, level, shown", [
    ("ringkas.models.ct2_convert", logging.INFO, "converting m to CTranslate2"),
    ("ringkas.runner", logging.WARNING, "warning: converting m to CTranslate2"),
    ("transformers", logging.WARNING, "WARNING transformers: converting m to CTranslate2"),
], ids=["own-note", "own-warning", "library"])
def test_own_notes_are_plain_sentences_and_libraries_keep_their_names(name, level, shown):
    line = NoteFormatter("%(levelname)s %(name)s: %(message)s").format(_record(name, level, "converting m to CTranslate2"))
    assert line == shown


def test_a_note_while_a_bar_runs_goes_above_it(capsys, monkeypatch):
    from tqdm import tqdm

    handler = ConsoleHandler()
    handler.setFormatter(NoteFormatter())
    with tqdm(total=4, desc="translate+summarise", unit="article", file=sys.stderr, ncols=80) as bar:
        bar.update(1)
        handler.emit(_record("ringkas.models.ct2_convert", logging.INFO, "converting m to CTranslate2"))
        bar.update(1)
    err = capsys.readouterr().err
    assert "converting m to CTranslate2\n" in err
    assert not [line for line in err.replace("\r", "\n").splitlines() if "converting" in line and "%|" in line]


@pytest.mark.parametrize("count, noun, shown", [(1, "brief", "1 brief"), (2, "brief", "2 briefs"),
                                                (0, "feed", "0 feeds"), (1, "near-duplicate", "1 near-duplicate")],
                         ids=["one", "two", "none", "hyphenated"])
def test_counts_read_as_english(count, noun, shown):
    assert plural(count, noun) == shown
