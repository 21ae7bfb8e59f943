"""``ringkas run`` and ``ringkas merge``: thin over the runner, messages instead of tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ringkas.cli import main
from tests.runner.conftest import fake_spec, subprocess_env, write_spec
from tests.runner.feeds import make_feed


@pytest.fixture()
def job(tmp_path: Path) -> Path:
    feed = tmp_path / "feed.jsonl"
    make_feed(feed, 20, duplicates={9: 2}, broken_at=(5,))
    return write_spec(tmp_path / "job.toml", fake_spec(feed, tmp_path / "out"))


def test_run_then_rerun(job: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["run", str(job)]) == 0
    out = capsys.readouterr().out
    assert ("19 articles in 13 stories (1 near-duplicate linked, 5 listed by title only), 1 rejected "
            "(read/malformed_json 1)") in out
    assert main(["run", str(job)]) == 0
    assert "job already finished" in capsys.readouterr().out
    assert main(["run", str(job), "--force", "--set", "cluster.enabled=false"]) == 0
    assert "19 briefs (1 near-duplicate linked), 1 rejected" in capsys.readouterr().out


def test_shards_and_merge(job: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    for k in (1, 2):
        assert main(["run", str(job), "--shard", f"{k}/2"]) == 0
    shards = [str(tmp_path / "out" / f"shard-{k}-of-2") for k in (1, 2)]
    assert main(["merge", *shards, "-o", str(tmp_path / "merged")]) == 0
    assert "merged 2 shards: 19 articles in 13 stories (1 near-duplicate linked, 5 listed by title only), 1 rejected" \
        in capsys.readouterr().out
    assert main(["run", str(job), "--set", f"output.dir={tmp_path / 'single'}"]) == 0
    assert (tmp_path / "merged" / "briefs.jsonl").read_bytes() == (tmp_path / "single" / "briefs.jsonl").read_bytes()


MISTAKES = [
    ('[input]\npath = "x.jsonl"\n[translate]\nmodle = "m"\n', "unknown key translate.modle (did you mean 'model'?)"),
    ('[input]\npath = "x.jsonl"\n[translate]\nmodel = "./nope"\n[summarise]\nmethod = "lead"\n[output]\ndir = "o"\n',
     "translate.model: model folder './nope' does not exist"),
    ("[input\n", "is not valid TOML"),
]


@pytest.mark.parametrize("text, message", MISTAKES, ids=["unknown-key", "missing-model-folder", "bad-toml"])
def test_spec_mistakes_are_messages(tmp_path: Path, text: str, message: str) -> None:
    spec = tmp_path / "job.toml"
    spec.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ringkas", "run", str(spec)], env=subprocess_env(),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("argv, message", [
    (["--set", "translate"], "expected SECTION.KEY=VALUE"),
    (["--shard", "3/2"], "expected K/N"),
], ids=["bad-set", "bad-shard"])
def test_argument_mistakes(job: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["run", str(job), *argv]) == 2
    assert message in capsys.readouterr().err


def test_missing_spec_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["run", str(tmp_path / "nope.toml")]) == 2
    assert "does not exist" in capsys.readouterr().err
