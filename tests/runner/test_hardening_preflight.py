"""Issue 15's start-up cases: a job or command that cannot work says so with exit 2 before any work, and
leaves nothing behind (items 7, 9 and 16; one test per numbered case, table-driven)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ringkas.cli import main
from ringkas.errors import ConfigError
from ringkas.runner import run_job
from ringkas.runner.spec import load_spec
from tests.runner.conftest import fake_spec, subprocess_env, write_spec

REPO = Path(__file__).resolve().parents[2]
AS_ROOT = os.geteuid() == 0
READ_ONLY = Path("/sys/ringkas-test-output")  # read-only even for root
not_root = pytest.mark.skipif(AS_ROOT, reason="root may write to any file: the permission case needs a user")


def good_cache(path: Path) -> Path:
    from ringkas.translate.cache import TranslationCache

    cache = TranslationCache(path)
    cache.put_many("scope", {f"kalimat {i}": f"sentence {i}" for i in range(500)})
    cache.close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _garbage(path: Path) -> None:
    path.write_bytes(b"not a database at all\n" * 200)


def _truncated(path: Path) -> None:
    good_cache(path)
    os.truncate(path, path.stat().st_size // 2)


def _folder(path: Path) -> None:
    path.mkdir()


def _read_only(path: Path) -> None:
    good_cache(path).chmod(0o444)


def _unreadable(path: Path) -> None:
    good_cache(path).chmod(0o000)


CACHES = [
    pytest.param(_garbage, "file is not a database", id="corrupt"),
    pytest.param(_truncated, "malformed", id="truncated"),
    pytest.param(_folder, "it is a folder", id="directory"),
    pytest.param(_read_only, "readonly", id="read-only", marks=not_root),
    pytest.param(_unreadable, "unable to open", id="unreadable", marks=not_root),
]


@pytest.mark.parametrize("damage, message", CACHES)
def test_broken_translation_cache_is_exit_2_before_any_work(damage, message, tiny_model, tmp_path,
                                                                 monkeypatch, capsys) -> None:
    monkeypatch.chdir(REPO)
    cache = tmp_path / "mt.sqlite"
    damage(cache)
    out = tmp_path / "out"
    argv = ["run", "jobs/tiny.toml", "--set", f'translate.model="{tiny_model("marian")}"',
            "--set", f'output.dir="{out}"', "--set", f'translate.options.cache="{cache}"']
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"the translation cache {cache} cannot be used" in err and message in err and "--no-cache" in err
    assert not out.exists()  # nothing claimed: the fixed job runs in the same folder
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Harga beras naik."}) + "\n", encoding="utf-8")
    assert main(["translate", str(source), "-o", str(tmp_path / "en.jsonl"), "--model",
                 str(tiny_model("marian")), "--cache", str(cache)]) == 2
    assert "cannot be used" in capsys.readouterr().err and not (tmp_path / "en.jsonl").exists()


BASE = {"input": {"path": "feed.jsonl"}, "translate": {"model": "Helsinki-NLP/opus-mt-id-en"},
        "summarise": {"method": "lead"}, "output": {"dir": "out"}}

SPEC_MISTAKES = {
    "translate-off-lead": ({"translate": {"enabled": False}}, "every article would be rejected (empty_source)"),
    "translate-off-seq2seq": ({"translate": {"enabled": False}, "summarise": {"method": "seq2seq", "model": "x"}},
                              "summarises text_en, which no stage before the summariser writes"),
    "threshold-nan": ({"dedupe": {"threshold": float("nan")}}, "dedupe.threshold must be a finite number"),
    "threshold-inf": ({"dedupe": {"threshold": float("inf")}}, "dedupe.threshold must be a finite number"),
    "translate-beams": ({"translate": {"num_beams": 100000}}, "translate.num_beams = 100000 is above the maximum 32"),
    "summarise-beams": ({"summarise": {"num_beams": 100000}}, "summarise.num_beams = 100000 is above the maximum 64"),
}


@pytest.mark.parametrize("change, message", SPEC_MISTAKES.values(), ids=SPEC_MISTAKES.keys())
def test_spec_mistakes_that_would_reject_everything_are_refused_up_front(change, message) -> None:
    spec = {name: dict(body) for name, body in BASE.items()}
    for section, values in change.items():
        spec.setdefault(section, {}).update(values)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_spec(spec)


def test_translate_off_is_fine_with_a_cross_lingual_pipeline() -> None:
    from ringkas.pipelines import stage_plans

    off = {**BASE, "translate": {"enabled": False}}
    spec = load_spec({**off, "summarise": {"method": "direct", "pipeline": "direct",
                                           "model": "csebuetnlp/mT5_m2o_english_crossSum"}})
    assert spec["translate"]["enabled"] is False and spec["summarise"]["pipeline"] == "direct"
    assert [plan.name for plan in stage_plans("direct", translate=False)] == ["summarise"]
    # lead cannot write English from Indonesian: building its settings refuses it, so checking the job does
    with pytest.raises(ConfigError, match="needs a cross-lingual model"):
        load_spec({**off, "summarise": {"method": "lead", "pipeline": "direct"}})


def test_accept_lang_must_be_a_language_code(tiny_model, tmp_path, monkeypatch, capsys) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Harga beras naik di Jakarta."}) + "\n", encoding="utf-8")
    assert main(["clean", str(source), "-o", str(tmp_path / "clean.jsonl"), "--accept-lang", "xx"]) == 2
    assert "language code(s) 'xx' are not among" in capsys.readouterr().err
    assert not (tmp_path / "clean.jsonl").exists()
    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    assert main(["run", "jobs/tiny.toml", "--set", f'translate.model="{tiny_model("marian")}"', "--set",
                 f'output.dir="{out}"', "--set", 'clean.accept_langs=["id", "indonesian"]']) == 2
    assert "'indonesian'" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize("command", ["translate"])  # summarise: its settings refuse it (tests/summarise)
def test_cli_beams_are_bounded(command, tmp_path, capsys) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Harga beras naik."}\n', encoding="utf-8")
    assert main([command, str(source), "-o", str(tmp_path / "o.jsonl"), "--num-beams", "100000"]) == 2
    assert "num_beams = 100000 is above the maximum 32" in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()


def _binary_spec(tmp_path: Path, feed: Path) -> list[str]:
    path = tmp_path / "job.toml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    return ["run", str(path)]


def _output_is_input(tmp_path: Path, feed: Path) -> list[str]:
    return ["run", str(write_spec(tmp_path / "job.toml", fake_spec(feed, feed)))]


def _stages_os_system(tmp_path: Path, feed: Path) -> list[str]:
    return ["run", str(write_spec(tmp_path / "job.toml", fake_spec(feed, tmp_path / "out", run={"stages": "os:system"})))]


def _unknown_input_option(tmp_path: Path, feed: Path) -> list[str]:
    spec = fake_spec(feed, tmp_path / "out", input={"options": {"colums": {"text": "isi"}}},
                     run={"stages": "ringkas.runner.stages:RingkasStages"}, translate={"enabled": False},
                     summarise={"enabled": False})
    return ["run", str(write_spec(tmp_path / "job.toml", spec))]


def _run_read_only(tmp_path: Path, feed: Path) -> list[str]:
    return ["run", str(write_spec(tmp_path / "job.toml", fake_spec(feed, READ_ONLY / "out")))]


def _merge_read_only(tmp_path: Path, feed: Path) -> list[str]:
    spec = fake_spec(feed, tmp_path / "sharded")
    return ["merge", *(str(run_job(spec, shard=f"{k}/2").out_dir) for k in (1, 2)), "-o", str(READ_ONLY / "m")]


def _record_command_read_only(command: str):
    def argv(tmp_path: Path, feed: Path) -> list[str]:
        options = {"clean": [], "translate": ["--model", "./no-such-model"], "summarise": ["--method", "lead"]}
        return [command, str(feed), "-o", str(READ_ONLY / "out.jsonl"), *options[command]]
    return argv


EXIT_2 = {
    "binary-spec": (_binary_spec, "is not a text file"),
    "output-dir-is-input": (_output_is_input, "is a file, not a folder"),
    "stages-os-system": (_stages_os_system, "is not a stage factory"),
    "unknown-input-option": (_unknown_input_option,
                             "unknown option(s) of the jsonl reader (input.options) colums (did you mean 'columns'?)"),
    "read-only-run": (_run_read_only, "cannot write into"),
    "read-only-merge": (_merge_read_only, "cannot write the merge output"),
    "read-only-clean": (_record_command_read_only("clean"), "cannot write the output"),
    "read-only-translate": (_record_command_read_only("translate"), "cannot write the output"),
    "read-only-summarise": (_record_command_read_only("summarise"), "cannot write the output"),
}


@pytest.mark.parametrize("argv, message", EXIT_2.values(), ids=EXIT_2.keys())
def test_could_not_start_is_exit_2(argv, message, feed: Path, tmp_path: Path) -> None:
    before = feed.read_bytes()
    done = subprocess.run([sys.executable, "-m", "ringkas", *argv(tmp_path, feed)], env=subprocess_env(),
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert feed.read_bytes() == before and not (tmp_path / "out").exists()


@not_root
def test_read_only_folder_for_a_user(feed: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert main(["clean", str(feed), "-o", str(folder / "clean.jsonl")]) == 2
        assert main(["run", str(write_spec(tmp_path / "job.toml", fake_spec(feed, folder / "out")))]) == 2
    finally:
        folder.chmod(0o755)
