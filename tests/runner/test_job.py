"""The runner's orchestration with stand-in stages: outputs, accounting, dedupe, reruns, shards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringkas.errors import ConfigError, InputError
from ringkas.runner import merge_outputs, run_job
from ringkas.writers.digest import readable_time
from tests.runner.conftest import fake_spec
from tests.runner.feeds import make_feed


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_input_is_a_brief_or_a_reject(feed: Path, tmp_path: Path) -> None:
    result = run_job(fake_spec(feed, tmp_path / "out"))
    briefs, rejects = lines(result.briefs_path), lines(result.rejects_path)
    assert len(briefs) + len(rejects) == 40 == result.counts["read"]
    assert [r["seq"] for r in briefs + rejects] and sorted(r["seq"] for r in briefs + rejects) == list(range(40))
    assert [b["seq"] for b in briefs] == sorted(b["seq"] for b in briefs)  # feed order
    assert rejects == [{"id": f"{feed}:13", "stage": "read", "reason": "malformed_json",
                        "detail": rejects[0]["detail"], "file": str(feed), "line": 13, "seq": 12}]
    assert set(briefs[0]) >= {"id", "title", "title_en", "text_en", "brief", "headline_en", "flags", "provenance"}
    assert briefs[0]["provenance"]["translate"] == {"model": "fake-mt", "revision": "1"}


def test_near_duplicates_share_one_translation(feed: Path, tmp_path: Path) -> None:
    result = run_job(fake_spec(feed, tmp_path / "out", cluster={"enabled": False}))  # every article briefed
    briefs = {b["id"]: b for b in lines(result.briefs_path)}
    for duplicate, canonical in (("art-0010", "art-0003"), ("art-0020", "art-0003"), ("art-0030", "art-0005")):
        assert briefs[duplicate]["duplicate_of"] == canonical
        assert briefs[duplicate]["brief"] == briefs[canonical]["brief"]
        assert briefs[duplicate]["text_en"] == briefs[canonical]["text_en"]
        assert "near_duplicate" in briefs[duplicate]["flags"]
        assert briefs[duplicate]["similarity"] >= 0.7
    assert sum("duplicate_of" in b for b in briefs.values()) == 3
    manifest = json.loads(result.manifest_path.read_text())
    assert manifest["counts"]["unique"] == 36 and manifest["counts"]["duplicates"] == 3
    assert manifest["timings"]["translate"]["articles"] == 36  # duplicates were not translated


def test_dedupe_off_translates_every_article(feed: Path, tmp_path: Path) -> None:
    result = run_job(fake_spec(feed, tmp_path / "out", dedupe={"enabled": False}))
    assert result.counts["duplicates"] == 0 and result.counts["accepted"] == 39


def test_bad_articles_mid_stream_cost_only_themselves(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    make_feed(feed, 30, duplicates={25: 14}, broken_at=(7,))
    records = feed.read_text(encoding="utf-8").splitlines()
    poisoned = json.loads(records[14])
    poisoned["text"] += " POISON"  # the translator raises on this one (and its batch is retried alone)
    records[14] = json.dumps(poisoned)
    english = json.loads(records[20])
    english["text"] = "The president opened a bridge."
    records[20] = json.dumps(english)
    feed.write_text("\n".join(records) + "\n", encoding="utf-8")
    result = run_job(fake_spec(feed, tmp_path / "out"))
    rejects = {r["id"]: r for r in lines(result.rejects_path)}
    assert rejects[f"{feed}:8"]["reason"] == "malformed_json"
    assert (rejects["art-0014"]["stage"], rejects["art-0014"]["reason"]) == ("translate", "ValueError")
    assert (rejects["art-0020"]["stage"], rejects["art-0020"]["reason"]) == ("clean", "not_indonesian")
    # art-0025 repeats the poisoned story: it shares its fate instead of silently vanishing
    assert (rejects["art-0025"]["stage"], rejects["art-0025"]["reason"]) == ("dedupe", "canonical_rejected")
    assert result.counts["accepted"] == 26 and result.counts["rejected"] == 4
    assert result.counts["rejected_by_reason"] == {"clean/not_indonesian": 1, "dedupe/canonical_rejected": 1,
                                                   "read/malformed_json": 1, "translate/ValueError": 1}


def test_missing_model_stops_the_job_instead_of_rejecting_everything(
        feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RINGKAS_FAKE_MISSING", "1")
    spec = fake_spec(feed, tmp_path / "out")
    with pytest.raises(ConfigError, match="translate stage failed on every article .ModelNotFoundError."):
        run_job(spec)
    assert not list((tmp_path / "out" / "_work" / "done").glob("u*.jsonl"))  # nothing committed
    monkeypatch.delenv("RINGKAS_FAKE_MISSING")
    assert run_job(spec).counts["accepted"] == 39


def test_finished_job_does_nothing_and_force_starts_over(feed: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    loads = tmp_path / "loads.txt"
    monkeypatch.setenv("RINGKAS_FAKE_LOADS", str(loads))
    spec = fake_spec(feed, tmp_path / "out")
    first = run_job(spec)
    assert first.status == "complete" and first.units_run == first.units_total == 5
    assert sorted(loads.read_text().split()[::2]) == ["summarise", "translate"]  # each model once
    before = first.briefs_path.read_bytes()
    again = run_job(spec)
    assert again.status == "already_complete" and again.units_run == 0
    assert len(loads.read_text().splitlines()) == 2  # nothing loaded for a finished job
    forced = run_job(spec, force=True)
    assert forced.status == "complete" and forced.units_run == 5
    assert forced.briefs_path.read_bytes() == before


def test_stage_not_needed_is_not_loaded(feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads = tmp_path / "loads.txt"
    monkeypatch.setenv("RINGKAS_FAKE_LOADS", str(loads))
    run_job(fake_spec(feed, tmp_path / "out", summarise={"enabled": False}))
    assert loads.read_text().split()[::2] == ["translate"]


def test_changed_spec_is_not_mixed_into_a_finished_run(feed: Path, tmp_path: Path) -> None:
    run_job(fake_spec(feed, tmp_path / "out"))
    with pytest.raises(ConfigError, match="different job spec"):
        run_job(fake_spec(feed, tmp_path / "out", dedupe={"threshold": 0.9}))


def test_manifest_records_the_run(feed: Path, tmp_path: Path) -> None:
    result = run_job(fake_spec(feed, tmp_path / "out"), overrides=["output.digest_title=Pagi ini"])
    manifest = json.loads(result.manifest_path.read_text())
    assert manifest["status"] == "complete"
    assert set(manifest["ringkas"]) >= {"ringkas", "git", "python", "libraries"}
    assert manifest["job"]["spec"]["output"]["digest_title"] == "Pagi ini"
    assert manifest["job"]["overrides"] == ["output.digest_title=Pagi ini"]
    assert manifest["models"] == {"translate": {"model": "fake-mt", "revision": "1"},
                                  "summarise": {"method": "fake-lead"}}
    assert set(manifest["timings"]) == {"read", "clean", "dedupe", "cluster", "translate", "summarise"}
    assert manifest["timings"]["translate"]["articles"] == 36 and "load_seconds" in manifest["timings"]["translate"]
    assert manifest["counts"]["read"] == manifest["counts"]["accepted"] + manifest["counts"]["rejected"]
    assert manifest["counts"]["flags"]["near_duplicate"] == 3
    assert "cpus" in manifest["device"]
    assert not (result.out_dir / "_work").exists()


def test_parquet_holds_the_briefs(feed: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    result = run_job(fake_spec(feed, tmp_path / "out", output={"formats": ["jsonl", "parquet"]},
                               cluster={"enabled": False}))  # every article briefed
    table = pq.read_table(result.out_dir / "briefs.parquet").to_pylist()
    briefs = lines(result.briefs_path)
    assert [row["id"] for row in table] == [b["id"] for b in briefs]
    assert [row["brief"] for row in table] == [b["brief"] for b in briefs]
    assert json.loads(table[0]["provenance"]) == briefs[0]["provenance"]
    assert [row["duplicate_of"] for row in table] == [b.get("duplicate_of") for b in briefs]


@pytest.mark.parametrize("count", [2, 3], ids=["2-shards", "3-shards"])
def test_shards_merged_equal_single_run(feed: Path, tmp_path: Path, count: int) -> None:
    single = run_job(fake_spec(feed, tmp_path / "single", cluster={"enabled": False}))  # header: N briefs
    spec = fake_spec(feed, tmp_path / "sharded", output={"formats": ["jsonl", "parquet"]}, cluster={"enabled": False})
    shards = [run_job(spec, shard=f"{k}/{count}") for k in range(1, count + 1)]
    assert all(s.out_dir.name == f"shard-{k}-of-{count}" for k, s in enumerate(shards, start=1))
    assert sum(s.counts["read"] for s in shards) == 40
    merged = merge_outputs([s.out_dir for s in shards], tmp_path / "merged")
    for name in ("briefs.jsonl", "rejects.jsonl"):
        assert (tmp_path / "merged" / name).read_bytes() == (single.out_dir / name).read_bytes(), name
    single_manifest = json.loads(single.manifest_path.read_text())
    assert merged["counts"] == single_manifest["counts"]
    assert [s["shard"] for s in merged["shards"]] == [f"{k}/{count}" for k in range(1, count + 1)]
    assert (tmp_path / "merged" / "briefs.parquet").exists() and (tmp_path / "merged" / "digest.html").exists()
    # the digest header gives the date as people write it, not the manifest's ISO timestamp
    for folder, finished in [(single.out_dir, single_manifest["finished"]), (tmp_path / "merged", merged["finished"])]:
        header = (folder / "digest.md").read_text("utf-8").splitlines()[2]
        assert header == f"{merged['counts']['accepted']} briefs from 40 articles · {readable_time(finished)}"


def test_merge_refuses_incomplete_sets(feed: Path, tmp_path: Path) -> None:
    spec = fake_spec(feed, tmp_path / "sharded")
    first = run_job(spec, shard="1/3")
    with pytest.raises(InputError, match="shard.s. 2/3, 3/3 missing"):
        merge_outputs([first.out_dir], tmp_path / "merged")
    with pytest.raises(InputError, match="no manifest.json"):
        merge_outputs([tmp_path], tmp_path / "merged")


@pytest.mark.parametrize("shard", ["0/2", "3/2", "2", "a/b", "1/0"])
def test_bad_shard(feed: Path, tmp_path: Path, shard: str) -> None:
    with pytest.raises(ConfigError, match="expected K/N"):
        run_job(fake_spec(feed, tmp_path / "out"), shard=shard)


def test_one_run_per_output_folder(feed: Path, tmp_path: Path) -> None:
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".ringkas.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running job holds it
        with pytest.raises(ConfigError, match="another ringkas run is working on"):
            run_job(fake_spec(feed, out))
    assert run_job(fake_spec(feed, out)).status == "complete"  # the lock goes with its holder


def test_result_names_its_files(feed: Path, tmp_path: Path) -> None:
    result = run_job(fake_spec(feed, tmp_path / "out"))
    assert result.output_dir == result.out_dir == tmp_path / "out"
    assert result.manifest_path.exists() and result.briefs_path.exists() and result.rejects_path.exists()


def test_duplicate_ids_stay_rejects_with_the_cleaner_off(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    make_feed(feed, 6)
    records = feed.read_text(encoding="utf-8").splitlines()
    repeat = json.loads(records[4])
    repeat["id"] = json.loads(records[1])["id"]  # another story under an id already used
    records[4] = json.dumps(repeat)
    feed.write_text("\n".join(records) + "\n", encoding="utf-8")
    result = run_job(fake_spec(feed, tmp_path / "out", clean={"enabled": False}, dedupe={"enabled": False},
                               cluster={"enabled": False}))  # one digest entry per brief
    briefs, rejects = lines(result.briefs_path), lines(result.rejects_path)
    assert len(briefs) == 5 and len({b["id"] for b in briefs}) == 5
    assert [(r["id"], r["stage"], r["reason"], r["line"]) for r in rejects] == [
        (repeat["id"], "read", "duplicate_id", 5)]
    digest = (result.out_dir / "digest.md").read_text(encoding="utf-8")
    assert sum(line.startswith("## ") for line in digest.splitlines()) == 5  # one story per brief
