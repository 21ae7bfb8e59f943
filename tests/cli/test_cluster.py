"""``ringkas cluster``: stories on every record, the state carried to the next day, usage mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringkas.cli import main
from tests.stories.conftest import EVENTS, NEXT_DAY, hashed_words, rows  # noqa: F401 (a fixture)


def write(path: Path, events: list) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows(events)), encoding="utf-8")
    return path


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_record_gets_its_story_and_tomorrow_joins_through_the_state(hashed_words, tmp_path: Path,
                                                                          capsys) -> None:
    state = tmp_path / "state.jsonl"
    assert main(["cluster", str(write(tmp_path / "today.jsonl", EVENTS)), "-o", str(tmp_path / "out.jsonl"),
                 "--state", str(state)]) == 0
    records = {r["id"]: r for r in read(tmp_path / "out.jsonl")}
    assert records["flood-tempo"]["story"] == "flood-kompas"
    assert records["flood-tempo"]["metadata"]["story"]["how"] == "joined"
    assert "cluster" in records["flood-tempo"]["metadata"]["provenance"]
    assert "6 articles in 3 stories" in capsys.readouterr().err
    assert main(["cluster", str(write(tmp_path / "tomorrow.jsonl", NEXT_DAY)), "-o", str(tmp_path / "next.jsonl"),
                 "--state", str(state)]) == 0
    assert read(tmp_path / "next.jsonl")[0]["story"] == "flood-kompas"
    assert "1 joined earlier runs' stories" in capsys.readouterr().err


def test_a_threshold_out_of_range_is_a_usage_error(hashed_words, tmp_path: Path, capsys) -> None:
    code = main(["cluster", str(write(tmp_path / "today.jsonl", EVENTS)), "-o", str(tmp_path / "out.jsonl"),
                 "--threshold", "1.5"])
    assert code == 2 and "cluster.threshold = 1.5" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()


def test_a_file_that_is_not_jsonl_records_is_exit_2_before_any_work(hashed_words, tmp_path: Path, capsys) -> None:
    readme = tmp_path / "README.jsonl"
    readme.write_text("# Notes\n\nThis is a README, not a file of records.\n\n" + "- a line of prose\n" * 40,
                      encoding="utf-8")
    assert main(["-q", "cluster", str(readme), "-o", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "none of its first" in err and "could be read" in err and err.count("\n") == 1
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "out.rejects.jsonl").exists()
    assert hashed_words.calls == 0  # nothing was embedded


def test_bad_lines_among_good_ones_are_each_a_reject(hashed_words, tmp_path: Path, capsys) -> None:
    source = write(tmp_path / "today.jsonl", EVENTS)
    source.write_text("not json\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["cluster", str(source), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert "6 articles in 3 stories" in capsys.readouterr().err
    assert [r["reason"] for r in read(tmp_path / "out.rejects.jsonl")] == ["malformed_json"]


@pytest.mark.parametrize("role", ["input", "output", "rejects"])
def test_a_state_that_is_another_file_of_the_run_is_exit_2_and_touches_nothing(hashed_words, tmp_path: Path,
                                                                               capsys, role) -> None:
    source = write(tmp_path / "today.jsonl", EVENTS)
    before = source.read_bytes()
    paths = {"input": source, "output": tmp_path / "out.jsonl", "rejects": tmp_path / "out.rejects.jsonl"}
    assert main(["-q", "cluster", str(source), "-o", str(paths["output"]), "--state", str(paths[role])]) == 2
    assert f"is also the {role}" in capsys.readouterr().err
    assert source.read_bytes() == before
    assert not paths["output"].exists() and not paths["rejects"].exists()
