"""A job over WARC archives: ``input.format = "warc"``, local files or an S3 prefix, through the real cleaner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringkas.runner import run_job
from tests.readers.warcs import LocalS3, write_warc

pytest.importorskip("warcio")
REAL_INPUT = "tests.runner.doubles:RealInputStages"


def warc_spec(path: str, out: Path, **options) -> dict:
    return {"input": {"path": path, "format": "warc", "options": options},
            "translate": {"model": "fake-mt"}, "summarise": {"method": "lead"},
            "output": {"dir": str(out)}, "run": {"stages": REAL_INPUT, "unit_size": 8}}


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_a_job_reads_warc_archives_from_s3(tmp_path: Path) -> None:
    pytest.importorskip("s3fs")
    pytest.importorskip("moto.server")
    local = run_job(warc_spec(str(write_warc(tmp_path / "a.warc.gz")), tmp_path / "local"))
    with LocalS3() as s3:
        for name in ("CC-NEWS-1.warc.gz", "CC-NEWS-2.warc.gz"):
            s3.put(write_warc(tmp_path / name), f"cc-news/{name}")
        spec = warc_spec("s3://crawl/cc-news/CC-NEWS-*.warc.gz", tmp_path / "s3", storage_options=s3.storage_options)
        first = run_job(spec)
        again = run_job(spec)
    briefs, rejects = lines(first.briefs_path), lines(first.rejects_path)
    # the Indonesian page of the first archive; its repeat in the second is a duplicate id
    assert [b["id"] for b in briefs] == [b["id"] for b in lines(local.briefs_path)] == \
        ["https://news.example.id/banjir-bandung"]
    assert briefs[0]["published"] == "2024-01-02T03:04:05Z" and briefs[0]["url"] == briefs[0]["id"]
    assert sorted((r["reason"], r["file"].rsplit("/", 1)[-1]) for r in rejects) == [
        ("duplicate_id", "CC-NEWS-2.warc.gz"), ("duplicate_id", "CC-NEWS-2.warc.gz"),
        ("not_indonesian", "CC-NEWS-1.warc.gz")]
    assert again.status == "already_complete"  # the archives' identity: their ETags, unchanged


def test_a_prefix_with_no_archive_is_a_message(tmp_path: Path) -> None:
    pytest.importorskip("s3fs")
    pytest.importorskip("moto.server")
    from ringkas.errors import ConfigError

    with LocalS3() as s3, pytest.raises(ConfigError, match="matches no file"):
        run_job(warc_spec("s3://crawl/none/*.warc.gz", tmp_path / "out", storage_options=s3.storage_options))


def test_the_cc_news_example_is_a_valid_job() -> None:
    from ringkas.runner.spec import load_spec
    from tests.runner.conftest import REPO

    spec = load_spec(REPO / "jobs" / "ccnews.toml")
    assert spec["input"]["format"] == "warc" and spec["input"]["path"].startswith("s3://commoncrawl/")
    assert spec["run"]["engine"] == "ray"
