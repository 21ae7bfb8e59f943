"""The runner with the real stages (reader, cleaner, translator, summariser) and tiny local models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringkas.runner import merge_outputs, run_job
from tests.runner.conftest import REPO, write_spec
from tests.runner.feeds import make_feed
from tests.runner.test_resume import kill_half_way

pytestmark = pytest.mark.slow
FAST_TRANSLATION = {"device": "cpu", "max_new_tokens": 8, "num_beams": 1, "options": {"retry_degenerate": False}}


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def real_spec(feed: Path, out: Path, marian: Path, **sections: dict) -> dict:
    spec = {"input": {"path": str(feed)}, "translate": {"model": str(marian), **FAST_TRANSLATION},
            "summarise": {"method": "lead"}, "output": {"dir": str(out)}, "run": {"unit_size": 16}}
    for name, values in sections.items():
        spec.setdefault(name, {}).update(values)
    return spec


def test_sample_feed_with_tiny_models(tiny_model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = run_job(REPO / "jobs" / "tiny.toml", overrides=[
        f"translate.model={tiny_model('marian')}", f"summarise.model={tiny_model('bart')}",
        'summarise.method="seq2seq"', "summarise.max_new_tokens=12", "translate.max_new_tokens=8",
        f"output.dir={tmp_path / 'out'}"])
    briefs = {b["id"]: b for b in lines(result.briefs_path)}
    rejects = {r["id"]: (r["stage"], r["reason"]) for r in lines(result.rejects_path)}
    assert rejects == {"tmp-1917": ("clean", "not_indonesian"), "spam-0001": ("clean", "empty_after_cleaning")}
    assert len(briefs) == 10
    # the two wire stories carried by two portals each: translated and summarised once, linked
    assert briefs["dtk-8812345"]["duplicate_of"] == "kmp-20261119-001"
    assert briefs["okz-1119-223"]["duplicate_of"] == "ant-4410158"
    assert briefs["okz-1119-223"]["brief"] == briefs["ant-4410158"]["brief"]
    for brief in briefs.values():
        assert brief["title_en"] and brief["text_en"] and brief["brief"]
        assert {"clean", "translate", "summarise"} <= set(brief["provenance"])
    assert "Baca juga" not in briefs["kmp-20261119-001"]["provenance"]["clean"].get("removed", "")
    manifest = json.loads(result.manifest_path.read_text())
    assert manifest["models"]["translate"]["model"] == str(tiny_model("marian"))
    assert manifest["models"]["translate"]["revision"].startswith("local-")
    assert manifest["models"]["summarise"]["method"] == "seq2seq"
    assert manifest["counts"]["rejected_by_reason"] == {"clean/empty_after_cleaning": 1, "clean/not_indonesian": 1}
    digest = (result.out_dir / "digest.html").read_text(encoding="utf-8")
    # one entry per story (stories by default): each wire story's two portals are named under its brief
    assert digest.count("<article>") == 8 and "Reported by: kompas.example, detik.example" in digest
    # the translation checks: counted in the manifest, carried by briefs.jsonl, noted in the digest
    number_flagged = [b for b in briefs.values() if "mt_number_mismatch" in b["flags"]]
    assert number_flagged and all(b["check"]["numbers"] for b in number_flagged)
    assert manifest["counts"]["flags"]["mt_number_mismatch"] == len(number_flagged)
    assert "Translation check: figures that do not match the source" in digest
    assert (result.out_dir / "briefs.parquet").exists()


def test_sigkill_then_rerun_equals_uninterrupted(tiny_model, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    make_feed(feed, 320, duplicates={n: n - 37 for n in range(50, 320, 41)}, broken_at=(101, 202))
    marian = tiny_model("marian")
    reference = run_job(real_spec(feed, tmp_path / "reference", marian))
    spec_path = write_spec(tmp_path / "job.toml", real_spec(feed, tmp_path / "killed", marian))
    committed = kill_half_way(spec_path, tmp_path / "killed" / "_work" / "done", reference.units_total)
    assert 0 < committed < reference.units_total
    resumed = run_job(spec_path)
    assert resumed.units_run <= reference.units_total - committed
    for name in ("briefs.jsonl", "rejects.jsonl"):
        assert (resumed.out_dir / name).read_bytes() == (reference.out_dir / name).read_bytes(), name
    assert resumed.counts == reference.counts
    assert reference.counts["read"] == 320 and reference.counts["duplicates"] == 7


def test_shards_merged_equal_single_run(tiny_model, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    make_feed(feed, 60, duplicates={30: 4, 45: 4}, broken_at=(20,))
    marian = tiny_model("marian")
    single = run_job(real_spec(feed, tmp_path / "single", marian))
    shards = [run_job(real_spec(feed, tmp_path / "sharded", marian), shard=f"{k}/2") for k in (1, 2)]
    merged = merge_outputs([s.out_dir for s in shards], tmp_path / "merged")
    for name in ("briefs.jsonl", "rejects.jsonl"):
        assert (tmp_path / "merged" / name).read_bytes() == (single.out_dir / name).read_bytes(), name
    # how the translator ran (device, threads, budget) is the manifest's: one way, every unit counted
    [ran] = single.manifest["runtime"]["translate"]
    assert ran["device"] == "cpu" and ran["units"] == single.units_run and ran["budget"]["gpus"] is None
    assert merged["runtime"]["translate"] == [{**ran, "units": sum(s.units_run for s in shards)}]


def test_summarise_then_translate(tiny_model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The summariser reads the Indonesian text; the translator then translates title, brief and headline."""
    monkeypatch.chdir(REPO)
    result = run_job(REPO / "jobs" / "tiny.toml", overrides=[
        f"translate.model={tiny_model('marian')}", "summarise.pipeline=summarise-then-translate",
        f"output.dir={tmp_path / 'out'}"])
    briefs = lines(result.briefs_path)
    assert len(briefs) == 10
    for brief in briefs:
        assert brief["provenance"]["summarise"]["source_field"] == "text"
        assert brief["provenance"]["translate"]["fields"] == {"title": "title_en", "brief": "brief",
                                                              "headline_en": "headline_en"}
        assert "text_en" not in brief and brief["brief"].startswith("- ")
    assert result.manifest["models"]["translate"]["fields"]["brief"] == "brief"


def test_missing_hub_model_stops_before_any_work(hf_home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ringkas.errors import ConfigError

    monkeypatch.chdir(REPO)
    with pytest.raises(ConfigError, match="ringkas models download Helsinki-NLP/opus-mt-id-en"):
        run_job(REPO / "jobs" / "example.toml", overrides=[f"output.dir={tmp_path / 'out'}"])
    assert not (tmp_path / "out" / "_work" / "plan").exists()


def test_bad_translator_setting_stops_before_any_work(tiny_model, tmp_path: Path) -> None:
    from ringkas.errors import ConfigError

    feed = tmp_path / "feed.jsonl"
    make_feed(feed, 5)
    spec = real_spec(feed, tmp_path / "out", tiny_model("marian"))
    spec["translate"]["options"] = {"chunk_tokenz": 100}
    with pytest.raises(ConfigError, match="unknown translation setting.s. chunk_tokenz"):
        run_job(spec)
    assert not (tmp_path / "out" / "_work" / "plan").exists()
