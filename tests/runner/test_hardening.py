"""The runner's fault cases: nothing taken over, nothing left behind, no damaged state accepted, no run
that fails and says it succeeded. Each test is named for the behaviour it holds."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import ringkas.runner.job
from ringkas.errors import ConfigError, OutputError
from ringkas.runner import merge_outputs, run_job
from tests.runner.conftest import fake_spec, write_spec

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def foreign_folder(folder: Path) -> dict[str, bytes]:
    """A user's folder with files that share ringkas's names."""
    files = {"briefs.jsonl": b'{"mine": 1}\n', "manifest.json": b'{"owner": "me"}\n',
             "_work/notes.txt": b"my notes\n", "notes.txt": b"keep\n"}
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return files


def test_run_refuses_foreign_output_dir(feed: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    files = foreign_folder(out)
    with pytest.raises(OutputError, match="holds files that ringkas did not write.*--force"):
        run_job(fake_spec(feed, out))
    assert {name: (out / name).read_bytes() for name in files} == files
    assert not (out / ".ringkas.lock").exists()
    forced = run_job(fake_spec(feed, out), force=True)
    assert forced.status == "complete" and (out / "notes.txt").read_bytes() == b"keep\n"  # only ringkas's files
    assert run_job(fake_spec(feed, out)).status == "already_complete"  # now it is a ringkas folder


def test_merge_refuses_foreign_output_and_its_own_inputs(feed: Path, tmp_path: Path) -> None:
    spec = fake_spec(feed, tmp_path / "sharded")
    shards = [run_job(spec, shard=f"{k}/3").out_dir for k in (1, 2, 3)]
    before = {s: listing(s) for s in shards}
    with pytest.raises(OutputError, match="is one of the shards being merged"):
        merge_outputs(shards, shards[0])
    with pytest.raises(OutputError, match="is one of the shards being merged"):
        merge_outputs(shards, shards[0], force=True)  # never, not even with --force
    other = run_job(spec, shard="1/2").out_dir
    with pytest.raises(OutputError, match="is the output of shard 1/2"):
        merge_outputs(shards, other)
    mine = tmp_path / "mine"
    files = foreign_folder(mine)
    with pytest.raises(OutputError, match="holds files that ringkas did not write"):
        merge_outputs(shards, mine)
    assert {name: (mine / name).read_bytes() for name in files} == files
    assert {s: listing(s) for s in shards} == before
    merge_outputs(shards, tmp_path / "sharded")  # the shards' parent: allowed
    merge_outputs(shards, tmp_path / "sharded")  # and merging again over the earlier merge
    merge_outputs(shards, mine, force=True)
    assert (mine / "notes.txt").read_bytes() == b"keep\n" and "shards" in json.loads((mine / "manifest.json").read_text())


def test_merge_cli_refuses_with_exit_2(feed: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from ringkas.cli import main

    spec = fake_spec(feed, tmp_path / "sharded")
    shards = [str(run_job(spec, shard=f"{k}/2").out_dir) for k in (1, 2)]
    assert main(["merge", *shards, "-o", shards[1]]) == 2
    assert "is one of the shards being merged" in capsys.readouterr().err
    mine = tmp_path / "mine"
    foreign_folder(mine)
    assert main(["merge", *shards, "-o", str(mine)]) == 2
    assert main(["merge", *shards, "-o", str(mine), "--force"]) == 0


@pytest.mark.parametrize("name", ["briefs.jsonl", "digest.html", "manifest.json"])
def test_temp_files_never_follow_symlinks(feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                name: str) -> None:
    out = tmp_path / "out"
    half_done(fake_spec(feed, out), monkeypatch)  # a ringkas folder, where someone plants links
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (out / f"{name}.tmp").symlink_to(victim)  # the old, predictable temporary name
    (out / f".{name}.x.tmp").symlink_to(victim)  # and one shaped like the new ones
    result = run_job(fake_spec(feed, out))
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert result.status == "complete" and not (out / name).is_symlink()
    assert (out / f"{name}.tmp").is_symlink()  # not ours: left alone


def test_an_output_that_is_a_symlink_is_replaced_not_written_through(feed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_job(fake_spec(feed, out))
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (out / "digest.md").unlink()
    (out / "digest.md").symlink_to(victim)
    run_job(fake_spec(feed, out), force=True)
    assert victim.read_text(encoding="utf-8") == "precious\n" and not (out / "digest.md").is_symlink()


def test_lock_file_symlink_is_not_followed(feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    half_done(fake_spec(feed, out), monkeypatch)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (out / ".ringkas.lock").unlink()
    (out / ".ringkas.lock").symlink_to(victim)
    with pytest.raises(OutputError, match="a link is in the way of its lock file"):
        run_job(fake_spec(feed, out))
    assert victim.read_text(encoding="utf-8") == "precious\n"


def half_done(spec: dict, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run ``spec`` up to the point where every unit is committed, then stop (as a kill would)."""
    def stop(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(ringkas.runner.job, "_finish", stop)
        with pytest.raises(KeyboardInterrupt):
            run_job(spec)
    return Path(spec["output"]["dir"]) / "_work"


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xff garbage \x89PNG\n" * 7)


def _other_unit(path: Path) -> None:
    path.write_bytes((path.parent / "u000000.jsonl").read_bytes())


REPAIRABLE = {
    "unit-empty": ("done/u000001.jsonl", lambda p: p.write_bytes(b"")),
    "unit-truncated": ("done/u000001.jsonl", _truncate),
    "unit-garbage": ("done/u000001.jsonl", _garbage),
    "unit-other-ids": ("done/u000002.jsonl", _other_unit),
    "stats-garbage": ("done/u000003.json", _garbage),
    "plan-garbage": ("plan/plan.json", _garbage),
    "plan-unit-truncated": ("plan/units/u000002.jsonl", _truncate),
    "runs-half-line": ("runs.jsonl", lambda p: p.write_bytes(p.read_bytes() + b'{"started": "2026-')),
}


@pytest.mark.parametrize("target, damage", REPAIRABLE.values(), ids=REPAIRABLE.keys())
def test_damaged_work_state_is_recomputed(feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                target: str, damage) -> None:
    reference = run_job(fake_spec(feed, tmp_path / "reference"))
    spec = fake_spec(feed, tmp_path / "out")
    work = half_done(spec, monkeypatch)
    damage(work / target)
    result = run_job(spec)
    assert result.briefs_path.read_bytes() == reference.briefs_path.read_bytes()
    assert result.rejects_path.read_bytes() == reference.rejects_path.read_bytes()
    counts = result.counts
    assert counts["read"] == counts["accepted"] + counts["rejected"] == 40


UNREPAIRABLE = {
    "job-json-garbage": ("_work/job.json", "the job record"),
    "manifest-garbage": ("manifest.json", ""),
}


@pytest.mark.parametrize("target, what", UNREPAIRABLE.values(), ids=UNREPAIRABLE.keys())
def test_damaged_state_that_cannot_be_repaired_names_the_file_and_force(
        feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, what: str) -> None:
    spec = fake_spec(feed, tmp_path / "out")
    if target.startswith("_work"):
        half_done(spec, monkeypatch)
    else:
        run_job(spec)
    _garbage(tmp_path / "out" / target)
    with pytest.raises(ConfigError) as caught:
        run_job(spec)
    message = str(caught.value)
    assert str(tmp_path / "out" / target) in message and "--force" in message and what in message
    assert "JSONDecodeError" not in type(caught.value).__name__
    assert run_job(spec, force=True).counts["accepted"] == 39


def test_read_must_equal_accepted_plus_rejected_before_complete(
        feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ringkas.runner.outputs

    real = ringkas.runner.outputs.merged_records

    def loses_one(work, units):
        records = real(work, units)
        next(records)
        yield from records

    monkeypatch.setattr(ringkas.runner.outputs, "merged_records", loses_one)
    with pytest.raises(ringkas.runner.job.AccountingError, match="39 records|plan read 40"):
        run_job(fake_spec(feed, tmp_path / "out"))
    assert not (tmp_path / "out" / "manifest.json").exists() and (tmp_path / "out" / "_work").exists()


def test_run_log_appends_are_fsynced(feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(os.readlink(f"/proc/self/fd/{fd}")), real(fd)))
    half_done(fake_spec(feed, tmp_path / "out"), monkeypatch)
    assert any(path.endswith("_work/runs.jsonl") for path in synced)


def test_merge_counts_what_the_files_hold(feed: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    spec = fake_spec(feed, tmp_path / "sharded")
    shards = [run_job(spec, shard=f"{k}/2").out_dir for k in (1, 2)]
    briefs = (shards[0] / "briefs.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (shards[0] / "briefs.jsonl").write_text("".join(briefs[:-2]), encoding="utf-8")  # two briefs lost
    merged = merge_outputs(shards, tmp_path / "merged")
    written = lines(tmp_path / "merged" / "briefs.jsonl")
    assert merged["counts"]["accepted"] == len(written) == 37
    assert merged["counts"]["read"] == len(written) + len(lines(tmp_path / "merged" / "rejects.jsonl"))
    assert f"{shards[0]}: its files hold read" in caplog.text and "counting what the files hold" in caplog.text


def test_merge_names_a_damaged_line(feed: Path, tmp_path: Path) -> None:
    from ringkas.errors import InputError

    spec = fake_spec(feed, tmp_path / "sharded")
    shards = [run_job(spec, shard=f"{k}/2").out_dir for k in (1, 2)]
    with open(shards[1] / "briefs.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"id": "half')
    with pytest.raises(InputError, match=r"briefs.jsonl line \d+ is damaged"):
        merge_outputs(shards, tmp_path / "merged")


def _full_after_first(real):
    def fills_up(*args, **kwargs):
        items = real(*args, **kwargs)
        yield next(items)
        raise OSError(28, "No space left on device")
    return fills_up


def _fsync_full_on(name: str):
    real = os.fsync

    def fsync(fd):
        if os.path.basename(os.readlink(f"/proc/self/fd/{fd}")).startswith(f".{name}."):
            raise OSError(28, "No space left on device")
        return real(fd)
    return fsync


DISK_FULL = {
    "briefs": ("ringkas.runner.outputs", "merged_records", _full_after_first),
    "parquet": ("ringkas.writers.parquet", "_batches", _full_after_first),
    "digest": ("os", "fsync", lambda real: _fsync_full_on("digest.html")),
}


@pytest.mark.parametrize("module, name, wrap", DISK_FULL.values(), ids=DISK_FULL.keys())
def test_disk_full_leaves_no_temporary_files(feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   module: str, name: str, wrap) -> None:
    import importlib

    out = tmp_path / "out"
    spec = fake_spec(feed, out, output={"formats": ["jsonl", "parquet"]})
    target = importlib.import_module(module)
    with monkeypatch.context() as patch:
        patch.setattr(target, name, wrap(getattr(target, name)))
        with pytest.raises(OSError, match="No space"):
            run_job(spec)
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []
    assert run_job(spec).status == "complete"  # and it resumes once there is room
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []


def test_moved_half_done_folder_resumes(feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = run_job(fake_spec(feed, tmp_path / "reference"))
    half_done(fake_spec(feed, tmp_path / "first"), monkeypatch)
    (tmp_path / "first").rename(tmp_path / "moved")
    moved_feed = tmp_path / "elsewhere" / "feed.jsonl"
    moved_feed.parent.mkdir()
    feed.rename(moved_feed)  # the input moved too: same content, new path
    loads = tmp_path / "loads.txt"
    monkeypatch.setenv("RINGKAS_FAKE_LOADS", str(loads))
    result = run_job(fake_spec(moved_feed, tmp_path / "moved"))
    assert result.status == "complete" and result.units_run == 0
    assert result.briefs_path.read_bytes() == reference.briefs_path.read_bytes()


def test_a_changed_job_says_what_changed(feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = fake_spec(feed, tmp_path / "out")
    half_done(spec, monkeypatch)
    with pytest.raises(ConfigError, match=r"changed: dedupe.threshold \(0.7 -> 0.9\)"):
        run_job(fake_spec(feed, tmp_path / "out", dedupe={"threshold": 0.9}))
    run_job(spec)
    with open(feed, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "late", "title": "Berita baru", "text": "Isi berita baru."}) + "\n")
    with pytest.raises(ConfigError, match="finished run of a different job spec .changed: the input's content"):
        run_job(spec)


def test_failed_preflight_leaves_nothing_behind(feed: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import ringkas.runner.stages

    def refuses(self):
        raise ValueError("sentences must be at least 1")

    monkeypatch.setattr(ringkas.runner.stages.StageFactory, "check", refuses)
    out = tmp_path / "new" / "out"
    with pytest.raises(ConfigError, match="sentences must be at least 1"):
        run_job(fake_spec(feed, out))
    assert not (tmp_path / "new").exists()  # not the lock, not the folders it made
    existing = tmp_path / "existing"
    existing.mkdir()
    with pytest.raises(ConfigError):
        run_job(fake_spec(feed, existing))
    assert existing.is_dir() and listing(existing) == []


def test_cli_preflight_failure_leaves_no_lock(feed: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture) -> None:
    from ringkas.cli import main

    out = tmp_path / "out"
    job = write_spec(tmp_path / "job.toml", fake_spec(feed, out, run={"stages": "os:system"}))
    assert main(["run", str(job)]) == 2
    assert "is not a stage factory" in capsys.readouterr().err
    assert not out.exists()


def test_provenance_signature_once_per_file(tiny_model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each brief refers to the manifest for the ringkas signature (it was repeated per stage: 63% of a line);
    read back (eval, ringkas summarise), each record has the signature again."""
    from ringkas.readers.ringkas import read_ringkas_jsonl
    from ringkas.provenance import SIGNATURE_REFERENCE

    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    result = run_job("jobs/tiny.toml", overrides=[f'translate.model="{tiny_model("marian")}"',
                                                  f'output.dir="{tmp_path / "out"}"'])
    briefs = lines(result.briefs_path)
    manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
    assert briefs and all(b["provenance"]["ringkas"] == SIGNATURE_REFERENCE for b in briefs)
    assert all("ringkas" not in stage for b in briefs for name, stage in b["provenance"].items()
               if isinstance(stage, dict))
    assert '"libraries"' not in result.briefs_path.read_text(encoding="utf-8")  # no signature inline
    read_back = list(read_ringkas_jsonl(result.briefs_path))
    assert all(a.metadata["provenance"]["ringkas"] == manifest["ringkas"] for a in read_back)
