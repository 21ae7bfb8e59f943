"""The record-writing loop the clean, translate and summarise commands share: a failure part-way keeps what
was written, says where it stopped, and exits 1 — never a traceback."""

from __future__ import annotations

import json

import pytest

import ringkas.cli.records
import ringkas.jsonl
from ringkas.cli import main
from tests.cli import exit_status
from ringkas.cli.records import default_rejects_path

TEXT = {"id": "a", "title": "Harga beras naik", "title_en": "Rice prices rise",
        "text": "Harga beras naik di Jakarta.", "text_en": "Rice prices rose in Jakarta. Traders blamed the rain."}


def test_default_rejects_path_sits_beside_the_output(tmp_path):
    assert default_rejects_path(tmp_path / "en.jsonl") == tmp_path / "en.rejects.jsonl"


@pytest.mark.parametrize("command", ["translate", "summarise"])
def test_failure_part_way_exits_1_and_keeps_what_was_written(command, tiny_model, tmp_path, monkeypatch, capsys):
    class FillsUp(ringkas.jsonl.JsonlWriter):  # the disk fills after the first record
        def write(self, obj):
            if self.path.name == "out.jsonl" and self._handle.tell() > 0:
                raise OSError(28, "No space left on device")
            super().write(obj)

    monkeypatch.setattr(ringkas.cli.records, "JsonlWriter", FillsUp)
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(TEXT) + "\n" + json.dumps({**TEXT, "id": "b"}) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    options = (["--model", str(tiny_model("marian")), "--no-cache"] if command == "translate"
               else ["--method", "lead"])
    assert main(["-q", command, str(source), "-o", str(out), *options]) == 1
    assert [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()] == ["a"]
    err = capsys.readouterr().err
    assert f"ringkas {command}: stopped after 1 records: OSError: [Errno 28] No space left on device" in err
    assert "Traceback" not in err and (tmp_path / "out.rejects.jsonl").exists()


def test_an_unexpected_error_in_any_command_is_one_line_and_exit_1(tmp_path, monkeypatch, capsys, caplog):
    import ringkas.cli.merge

    def boom(args):
        raise RuntimeError("something broke")

    monkeypatch.setattr(ringkas.cli.merge, "run", boom)
    assert main(["merge", str(tmp_path / "a"), "-o", str(tmp_path / "b")]) == 1
    err = capsys.readouterr().err
    assert "ringkas merge: failed: RuntimeError: something broke" in err and "Traceback" not in err
    caplog.set_level("DEBUG", logger="ringkas.cli")
    assert main(["-vv", "merge", str(tmp_path / "a"), "-o", str(tmp_path / "b")]) == 1
    assert any(record.exc_info and "something broke" in str(record.exc_info[1]) for record in caplog.records)


@pytest.mark.parametrize("command", ["clean", "translate", "summarise"])
@pytest.mark.parametrize("collision", ["output-is-input", "rejects-is-input", "rejects-is-output"])
def test_an_output_path_that_is_the_input_is_refused_before_anything_is_written(command, collision, tmp_path,
                                                                                   capsys):
    source = tmp_path / "in.jsonl"
    content = json.dumps(TEXT) + "\n"
    source.write_text(content, "utf-8")
    out = {"output-is-input": source}.get(collision, tmp_path / "out.jsonl")
    rejects = {"rejects-is-input": source, "rejects-is-output": out}.get(collision, tmp_path / "rej.jsonl")
    options = {"clean": [], "translate": ["--no-cache"], "summarise": ["--method", "lead"]}[command]
    assert main([command, str(source), "-o", str(out), "--rejects", str(rejects), *options]) == 2
    assert source.read_text("utf-8") == content
    assert "would destroy" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["clean", "in.jsonl", "-o", "o.jsonl", "--max-chars", "0"],
    ["clean", "in.jsonl", "-o", "o.jsonl", "--max-chars", "-5"],
    ["translate", "in.jsonl", "-o", "o.jsonl", "--num-beams", "0"],
    ["summarise", "in.jsonl", "-o", "o.jsonl", "--sentences", "0"],
    ["summarise", "in.jsonl", "-o", "o.jsonl", "--batch-size", "many"],
], ids=["max-chars-zero", "max-chars-negative", "beams-zero", "sentences-zero", "not-a-number"])
def test_counts_must_be_whole_numbers_of_at_least_one(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "Harga beras naik."}\n', encoding="utf-8")
    assert exit_status(argv) == 2  # the settings or argparse (not a number) refused it: one line
    err = capsys.readouterr().err
    assert "must be at least 1" in err or "is below the minimum 1" in err or "is not a whole number" in err
    assert not (tmp_path / "o.jsonl").exists()


@pytest.mark.parametrize("command", ["clean", "translate", "summarise"])
@pytest.mark.parametrize("link", ["hard-link-output", "symlink-output", "hard-link-rejects", "dotdot-output"])
def test_an_output_that_is_the_input_by_another_name_is_refused(command, link, tmp_path, capsys):
    import os

    source = tmp_path / "in.jsonl"
    content = json.dumps(TEXT) + "\n"
    source.write_text(content, "utf-8")
    other = tmp_path / "hard.jsonl"
    if link.startswith("hard-link"):
        os.link(source, other)
    elif link == "symlink-output":
        other.symlink_to(source)
    else:
        (tmp_path / "sub").mkdir()
        other = tmp_path / "sub" / ".." / "in.jsonl"
    out, rejects = (other, tmp_path / "rej.jsonl") if link.endswith("output") else (tmp_path / "o.jsonl", other)
    options = {"clean": [], "translate": ["--no-cache"], "summarise": ["--method", "lead"]}[command]
    assert main([command, str(source), "-o", str(out), "--rejects", str(rejects), *options]) == 2
    assert source.read_text("utf-8") == content
    assert "would destroy" in capsys.readouterr().err
