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


def test_a_job_whose_warc_holds_no_readable_record_stops_before_work(tmp_path: Path) -> None:
    from ringkas.errors import ConfigError

    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(b"this is not an archive\n" * 50)
    with pytest.raises(ConfigError, match="does not hold records"):
        run_job(warc_spec(str(junk), tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_the_cc_news_example_is_a_valid_job() -> None:
    from ringkas.runner.spec import load_spec
    from tests.runner.conftest import REPO

    spec = load_spec(REPO / "jobs" / "ccnews.toml")
    assert spec["input"]["format"] == "warc" and spec["input"]["path"].startswith("s3://commoncrawl/")
    assert spec["run"]["engine"] == "ray"


def template_archives(tmp_path: Path) -> str:
    """Two archives of one host's pages, whose template (tests.clean.test_template) names nothing a rule knows:
    three pages in the first, one in the second (which alone would learn nothing)."""
    from tests.clean.test_template import page

    pages = [(f"https://www.contoh.id/berita/{i}", page(i)) for i in range(4)]
    write_warc(tmp_path / "CC-NEWS-1.warc.gz", pages=pages[:3])
    write_warc(tmp_path / "CC-NEWS-2.warc.gz", pages=pages[3:])
    return str(tmp_path / "CC-NEWS-*.warc.gz")


def test_a_warc_job_learns_each_sites_template_over_all_its_archives(tmp_path: Path) -> None:
    from tests.clean.test_template import STORIES, TEMPLATE

    result = run_job(warc_spec(template_archives(tmp_path), tmp_path / "out"))
    briefs = {b["id"].rsplit("/", 1)[-1]: b for b in lines(result.briefs_path)}
    assert sorted(briefs) == ["0", "1", "2", "3"]
    for i, brief in briefs.items():  # the stand-in translator writes the text's words in reverse order
        text = " ".join(reversed(brief["text_en"].split()))
        assert text.split() == " ".join(STORIES[int(i)]).split()
        assert not any(line in text for line in TEMPLATE)
    assert briefs["3"]["provenance"]["clean"]["site_template"]["pages"] == 4
