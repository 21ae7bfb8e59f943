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


class _FillsUp:
    """A file handle whose disk fills part-way through the ``n``-th write."""

    def __init__(self, handle, n: int):
        self.handle, self.n, self.calls = handle, n, 0

    def write(self, data):
        self.calls += 1
        if self.calls == self.n:
            self.handle.write(bytes(data[: len(data) // 2]))
            raise OSError(28, "No space left on device")
        return self.handle.write(data)

    def __getattr__(self, name):
        return getattr(self.handle, name)


def test_jsonl_writer_cuts_back_to_the_last_whole_record(tmp_path):
    from ringkas.jsonl import JsonlWriter

    path = tmp_path / "out.jsonl"
    writer = JsonlWriter(path)
    writer._handle = _FillsUp(writer._handle, 3)
    writer.write({"id": "a"})
    writer.write({"id": "b"})
    with pytest.raises(OSError, match="No space"):
        writer.write({"id": "c", "text": "panjang " * 100})
    writer.close()
    assert path.read_bytes() == b'{"id":"a"}\n{"id":"b"}\n'


def test_clean_disk_full_ends_on_a_whole_record(tmp_path, monkeypatch, capsys):
    import ringkas.cli.records
    from ringkas.cli import main
    from ringkas.jsonl import JsonlWriter

    class Output(JsonlWriter):
        def __init__(self, path, append=False):
            super().__init__(path, append)
            if self.path.name == "clean.jsonl":
                self._handle = _FillsUp(self._handle, 2)

    monkeypatch.setattr(ringkas.cli.records, "JsonlWriter", Output)
    text = "Harga beras di pasar induk Jakarta naik tajam pekan ini karena pasokan dari daerah berkurang."
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"a{i}", "title": "Harga beras naik", "text": text}) + "\n"
                              for i in range(3)), encoding="utf-8")
    assert main(["-q", "clean", str(source), "-o", str(tmp_path / "clean.jsonl")]) == 1
    written = (tmp_path / "clean.jsonl").read_bytes()
    assert written.endswith(b"\n") and [json.loads(line)["id"] for line in written.splitlines()] == ["a0"]
    assert "No space left on device" in capsys.readouterr().err


def test_atomic_write_never_follows_a_planted_temporary(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", "utf-8")
    (tmp_path / "out.txt.tmp").symlink_to(victim)
    (tmp_path / "out.txt").symlink_to(victim)
    atomic_write(tmp_path / "out.txt", "new\n")
    assert victim.read_text("utf-8") == "precious\n"
    assert not (tmp_path / "out.txt").is_symlink() and (tmp_path / "out.txt").read_text("utf-8") == "new\n"
