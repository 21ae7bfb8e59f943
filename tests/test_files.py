from __future__ import annotations

import json

import pytest

from ringkas.files import atomic_write, write_json


def test_atomic_write_replaces_whole(tmp_path):
    path = tmp_path / "sub" / "out.txt"
    atomic_write(path, ["a\n", "b\n"])
    atomic_write(path, "c\n")
    assert path.read_text("utf-8") == "c\n"
    assert [p.name for p in path.parent.iterdir()] == ["out.txt"]


def test_a_failure_while_writing_keeps_the_old_file(tmp_path):
    path = tmp_path / "report.md"
    path.write_text("old\n", "utf-8")

    def lines():
        yield "new first line\n"
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        atomic_write(path, lines())
    assert path.read_text("utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no .tmp left behind


def test_write_json_round_trips(tmp_path):
    write_json(tmp_path / "m.json", {"kota": "Jakarta", "n": 1})
    assert json.loads((tmp_path / "m.json").read_text("utf-8")) == {"kota": "Jakarta", "n": 1}
