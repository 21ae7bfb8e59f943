"""The WARC reader: HTML responses only, with the captured URL and date; local files and S3 alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.clean import clean_articles
from ringkas.readers import detect_format, read_articles
from tests.readers.warcs import DATE, LocalS3, page, write_warc

pytest.importorskip("warcio")
PAGES = ["https://news.example.id/banjir-bandung", "https://news.example.com/bandung-floods"]


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_only_html_responses_become_articles(tmp_path: Path, gzipped: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"), gzip=gzipped)
    articles = list(read_articles(path))
    # no warcinfo, request, redirect, PNG, metadata or revisit record
    assert [a.id for a in articles] == PAGES and not any(a.rejected for a in articles)
    first, second = articles
    assert first.url == first.id and first.published == DATE and first.source == "news.example.id"
    assert first.metadata["warc"]["date"] == DATE and first.metadata["warc"]["record_id"].startswith("<urn:uuid:")
    assert first.metadata["origin"]["file"] == str(path) and first.metadata["origin"]["offset"] > 0
    assert "Kabupaten Bandung" in first.html
    assert "Bandung floods \u2013 update" in second.html  # windows-1252, as the header declares
    assert second.metadata["warc"]["charset"] == "cp1252"


def test_the_cleaner_keeps_the_indonesian_page(tmp_path: Path) -> None:
    articles = list(clean_articles(read_articles(write_warc(tmp_path / "crawl.warc.gz"))))
    kept = [a for a in articles if not a.rejected]
    assert [a.id for a in kept] == PAGES[:1] and kept[0].title == "Banjir Bandung"
    assert "ribuan rumah warga terendam" in kept[0].text
    assert [a.rejection.reason for a in articles if a.rejected] == ["not_indonesian"]


@pytest.mark.parametrize("name, expected", [
    ("CC-NEWS-20240101000000-00000.warc.gz", "warc"), ("crawl.warc", "warc"),
    ("s3://commoncrawl/crawl-data/CC-NEWS/2024/01/x.warc.gz", "warc"),
    ("https://data.commoncrawl.org/x.warc.gz?download=1", "warc"), ("feed.jsonl.gz", "jsonl"),
], ids=["cc-news", "plain", "s3-url", "https-query", "jsonl-gz"])
def test_format_from_the_name(name: str, expected: str) -> None:
    assert detect_format(name) == expected


def test_a_page_over_the_cap_is_rejected_alone(tmp_path: Path) -> None:
    big = page("Panjang", "kata " * 2000)
    path = write_warc(tmp_path / "big.warc.gz", pages=[("https://news.example.id/panjang", big),
                                                       ("https://news.example.id/pendek", page("Pendek", "isi"))])
    reasons = [(a.id, a.rejection.reason if a.rejected else None) for a in read_articles(path, max_record_bytes=5000)]
    assert reasons == [("https://news.example.id/panjang", "too_long"), ("https://news.example.id/pendek", None)]


def test_a_damaged_archive_keeps_what_came_before(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz")
    english_starts = list(read_articles(path))[1].metadata["origin"]["offset"]  # a gzip member per record
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(path.read_bytes()[:english_starts] + b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4)
    articles = list(read_articles(damaged))
    assert articles[0].id == PAGES[0] and not articles[0].rejected
    assert [a.rejection.reason for a in articles[1:]] == ["corrupt_file"]


def test_a_file_that_is_no_warc_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("not a WARC at all\n" * 10, encoding="utf-8")
    (article,) = read_articles(path)
    assert article.rejection.reason == "corrupt_file" and "not a WARC file" in article.rejection.detail


def test_reads_from_an_s3_compatible_server(tmp_path: Path) -> None:
    pytest.importorskip("s3fs")
    pytest.importorskip("moto.server")
    path = write_warc(tmp_path / "crawl.warc.gz")
    with LocalS3() as s3:
        url = s3.put(path, "cc-news/2024/01/crawl.warc.gz")
        remote = list(read_articles(url, storage_options=s3.storage_options))
    local = list(read_articles(path))
    assert [a.id for a in remote] == PAGES
    assert [a.html for a in remote] == [a.html for a in local]
    assert remote[0].metadata["origin"] == {"file": url, "offset": local[0].metadata["origin"]["offset"]}


def test_a_missing_s3_object_is_a_message(tmp_path: Path) -> None:
    pytest.importorskip("s3fs")
    pytest.importorskip("moto.server")
    from ringkas.errors import InputError

    with LocalS3() as s3, pytest.raises(InputError, match=r"s3://crawl/nothing.warc.gz: cannot open"):
        list(read_articles("s3://crawl/nothing.warc.gz", storage_options=s3.storage_options))


def test_other_readers_refuse_a_url() -> None:
    from ringkas.errors import InputError

    with pytest.raises(InputError, match="the jsonl reader reads local files"):
        read_articles("s3://bucket/feed.jsonl")


def _record_starts(path: Path) -> dict[str, int]:
    """Byte offset of each record, by type and URL, as warcio reports it on the whole file."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        return {f"{r.rec_type} {r.rec_headers.get_header('WARC-Target-URI')}": records.get_record_offset()
                for r in records}


def _cut(name: str, gzipped: bool, record: str, into: int | None, kept: list[str]):
    """A damage: the archive cut ``into`` bytes into ``record`` (None: 40 bytes of it garbled instead)."""
    def damage(tmp_path: Path) -> Path:
        whole = write_warc(tmp_path / ("whole.warc.gz" if gzipped else "whole.warc"), gzip=gzipped)
        data, start = whole.read_bytes(), _record_starts(whole)[record]
        damaged = tmp_path / ("damaged.warc.gz" if gzipped else "damaged.warc")
        if into is None:
            damaged.write_bytes(data[:start + 60] + bytes(range(40)) + data[start + 100:])
        else:
            damaged.write_bytes(data[:start + into])
        return damaged
    return pytest.param(damage, kept, id=name)


ENGLISH_PAGE, IMAGE = f"response {PAGES[1]}", "response https://news.example.id/logo.png"


@pytest.mark.parametrize("damage, kept", [
    _cut("gzip-member-cut-in-the-page", True, ENGLISH_PAGE, 300, PAGES[:1]),
    _cut("gzip-member-cut-in-its-header", True, ENGLISH_PAGE, 30, PAGES[:1]),
    _cut("gzip-member-garbled", True, ENGLISH_PAGE, None, PAGES[:1]),
    _cut("plain-record-cut-in-the-page", False, ENGLISH_PAGE, 500, PAGES[:1]),
    _cut("plain-record-cut-in-its-header", False, ENGLISH_PAGE, 30, PAGES[:1]),
    _cut("gzip-cut-in-an-image", True, IMAGE, 200, PAGES),
])
def test_a_cut_or_damaged_record_costs_a_reject_never_a_silent_loss(tmp_path: Path, damage, kept) -> None:
    """warcio reads a cut gzip member or record as far as it goes and takes that for the end of the archive;
    the reader says so: the whole pages before it are kept, then one corrupt_file reject."""
    articles = list(read_articles(damage(tmp_path)))
    assert [a.id for a in articles if not a.rejected] == kept
    assert articles[-1].rejected and [a for a in articles if a.rejected] == articles[-1:]
    assert articles[-1].rejection.reason == "corrupt_file" and "the rest is unread" in articles[-1].rejection.detail


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_an_archive_cut_anywhere_says_it_was_cut(tmp_path: Path, gzipped: bool) -> None:
    """Every cut costs one corrupt_file reject, except one between two records (nothing there to see)."""
    whole = write_warc(tmp_path / ("whole.warc.gz" if gzipped else "whole.warc"), gzip=gzipped)
    data = whole.read_bytes()
    boundaries = {*_record_starts(whole).values(), len(data)}
    for cut in range(1, len(data), 5):
        path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
        path.write_bytes(data[:cut])
        rejected = [a.rejection.reason for a in read_articles(path) if a.rejected]
        # between two records: exactly, in a gzipped archive (a cut gzip trailer is a cut member); in a
        # plain one, up to the blank lines that separate records
        at_a_boundary = any(0 <= b - cut <= (0 if gzipped else 4) for b in boundaries)
        assert rejected == ([] if at_a_boundary else ["corrupt_file"]), cut
