"""Every record command checks its input and output before any work: an empty path, a file that is not its
format, or an output file ringkas did not write is exit 2 with one message, and nothing is touched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringkas.cli import main
from tests.cli.test_clean import NEWS, NEWS2
from tests.runner.conftest import write_spec

PROSE = "# Notes\n\nThis is a README, not a file of records.\n\n" + "- a line of prose\n" * 40


@pytest.fixture()
def clean_jsonl(tmp_path: Path) -> Path:
    """A real ``ringkas clean`` output: what translate, check and summarise read."""
    source = tmp_path / "scraped.jsonl"
    source.write_text("".join(json.dumps({"id": f"a{n}", "text": text}) + "\n"
                              for n, text in enumerate([NEWS, NEWS2])), encoding="utf-8")
    assert main(["-q", "clean", str(source), "-o", str(tmp_path / "clean.jsonl")]) == 0
    return tmp_path / "clean.jsonl"


def _parquet(path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": ["p1"] * 50, "text": [NEWS] * 50}), path)
    return path


def _not_its_format(tmp_path: Path, kind: str) -> Path:
    if kind == "parquet":
        return _parquet(tmp_path / "berita.jsonl")  # a Parquet file under a JSONL name
    path = tmp_path / "README.jsonl"
    path.write_text(PROSE, encoding="utf-8")
    return path


COMMANDS = ["clean", "translate", "check", "summarise"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", ["readme", "parquet"])
def test_a_file_that_is_not_its_format_is_exit_2_before_any_work(tmp_path, capsys, command, kind):
    source = _not_its_format(tmp_path, kind)
    out = tmp_path / "out.jsonl"
    extra = ["--method", "lead"] if command == "summarise" else []
    assert main(["-q", command, str(source), "-o", str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert "none of its first" in err and "could be read" in err and err.count("\n") == 1
    assert not out.exists() and not (tmp_path / "out.rejects.jsonl").exists()


def test_a_file_with_some_bad_lines_among_good_ones_is_read_as_usual(tmp_path, capsys):
    source = tmp_path / "mixed.jsonl"
    source.write_text("not json\n" * 3 + json.dumps({"id": "a", "text": NEWS}) + "\n", encoding="utf-8")
    assert main(["-q", "clean", str(source), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert "read 4, accepted 1, rejected 3" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["clean", ""], ["translate", ""], ["check", ""], ["summarise", "", "--method", "lead"]],
                         ids=COMMANDS)
def test_an_empty_input_path_is_exit_2(tmp_path, capsys, args):
    out = tmp_path / "out.jsonl"
    assert main(["-q", *args, "-o", str(out)]) == 2
    assert not out.exists()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("which", ["output", "rejects"])
def test_an_output_ringkas_did_not_write_is_refused_without_force(clean_jsonl, tmp_path, capsys, command, which):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    paths = ["-o", str(notes)] if which == "output" else ["-o", str(tmp_path / "o.jsonl"), "--rejects", str(notes)]
    extra = ["--method", "lead"] if command == "summarise" else []
    assert main(["-q", command, str(clean_jsonl), *paths, *extra]) == 2
    assert "was not written by ringkas; --force replaces it" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "my notes\n"


def test_force_replaces_a_file_ringkas_did_not_write(clean_jsonl, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    assert main(["-q", "check", str(clean_jsonl), "-o", str(notes), "--force"]) == 0
    assert json.loads(notes.read_text(encoding="utf-8").splitlines()[0])["id"] == "a0"


def test_a_rerun_replaces_its_own_output_without_force(clean_jsonl, tmp_path):
    out = tmp_path / "checked.jsonl"
    for _ in range(2):
        assert main(["-q", "check", str(clean_jsonl), "-o", str(out)]) == 0


def _job(tmp_path: Path, path: str, stages: str = "tests.runner.doubles:FakeStages") -> Path:
    return write_spec(tmp_path / "job.toml", {
        "input": {"path": path}, "translate": {"model": "fake-mt"}, "summarise": {"method": "lead"},
        "output": {"dir": str(tmp_path / "out")}, "run": {"stages": stages}})


@pytest.mark.parametrize("path, message", [
    ("", "input.path is empty"),
    ("README.jsonl", "none of its first"),
], ids=["empty", "not-its-format"])
def test_run_checks_its_input_before_claiming_the_folder(tmp_path, capsys, monkeypatch, path, message):
    monkeypatch.chdir(tmp_path)
    _not_its_format(tmp_path, "readme")
    assert main(["-q", "run", str(_job(tmp_path, path))]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_run_names_input_format_not_a_flag_it_does_not_have(tmp_path, capsys):
    source = tmp_path / "articles.json"
    source.write_text(json.dumps({"id": "a", "text": NEWS}) + "\n", encoding="utf-8")
    assert main(["-q", "run", str(_job(tmp_path, str(source), "ringkas.runner.stages:RingkasStages"))]) == 2
    err = capsys.readouterr().err
    assert "set input.format" in err and "--format" not in err
