import json
import subprocess
import sys

import pytest

from ringkas.cli import main
from tests.conftest import REPO

NEWS = ("Pemerintah Provinsi DKI Jakarta menyiapkan 15 pompa air tambahan untuk mengantisipasi banjir rob di "
        "wilayah Jakarta Utara selama puncak musim hujan.")
NEWS2 = ("Harga beras medium di Pasar Induk Beras Cipinang kembali naik menjadi Rp 13.500 per kilogram pada "
         "Senin, atau naik 2,1 persen dibanding pekan lalu.")
ENGLISH = ("The Jakarta provincial government has prepared fifteen additional water pumps to anticipate tidal "
           "flooding in North Jakarta during the peak of the rainy season.")

# (raw line, expected reason or None for accepted)
LINES = [
    (json.dumps({"id": "a1", "title": "Pompa Air", "text": NEWS}).encode(), None),
    (b'{"id": "a2", "text": "tidak ditutup', "malformed_json"),
    (b"[1, 2, 3]", "not_an_object"),
    (json.dumps({"id": "a3", "text": 17}).encode(), "text_not_string"),
    (json.dumps({"id": "a4", "title": "Tanpa teks"}).encode(), "missing_text"),
    (json.dumps({"id": "a5", "text": ""}).encode(), "empty_text"),
    (b'{"id": "a6", "text": "\x89PNG\x00\x00\xff\xfe"}', "invalid_utf8"),
    (json.dumps({"id": "a7", "text": "\u0000\u0001\u0002\u0003\u0004\u0005"}).encode(), "binary"),
    (json.dumps({"id": "a8", "text": ENGLISH}).encode(), "not_indonesian"),
    (json.dumps({"id": "a1", "text": NEWS2}).encode(), "duplicate_id"),
    (json.dumps({"id": "a9", "text": (NEWS + " ") * 200}).encode(), "too_long"),
    (json.dumps({"id": "a10", "text": "Baca juga: Harga Beras Naik\n\nADVERTISEMENT"}).encode(),
     "empty_after_cleaning"),
    (json.dumps({"text": NEWS2}).encode(), None),
]


@pytest.fixture()
def scraped(tmp_path):
    path = tmp_path / "scraped.jsonl"
    path.write_bytes(b"\n".join(line for line, _ in LINES) + b"\n")
    return path


def test_every_line_is_accounted_for(tmp_path, scraped, capsys):
    out = tmp_path / "out" / "clean.jsonl"
    assert main(["-q", "clean", str(scraped), "-o", str(out), "--max-chars", "5000"]) == 0
    accepted = [json.loads(line) for line in out.read_text().splitlines()]
    rejects = [json.loads(line) for line in (tmp_path / "out" / "clean.rejects.jsonl").read_text().splitlines()]
    assert len(accepted) + len(rejects) == len(LINES)
    assert [row["id"] for row in accepted] == ["a1", accepted[1]["id"]]
    assert accepted[1]["id"].startswith("sha1-")
    for row in accepted:
        assert {"id", "title", "text", "lang", "metadata"} <= row.keys() and row["lang"] == "id"
        assert "clean" in row["metadata"]["provenance"]
    expected = {number: reason for number, (_, reason) in enumerate(LINES, start=1) if reason}
    assert {row["line"]: row["reason"] for row in rejects} == expected
    assert all(row["file"] == str(scraped) and row["id"] for row in rejects)
    assert next(r for r in rejects if r["reason"] == "duplicate_id")["id"] == "a1"
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1].startswith("ringkas clean: read 13, accepted 2, rejected 11 (")
    assert "Traceback" not in err


def test_rejects_path_format_and_columns(tmp_path, capsys):
    source = tmp_path / "berita.dat"
    source.write_text("kode,judul,isi\nb1,Pompa Air,\"" + NEWS + "\"\n", encoding="utf-8")
    out, rejects = tmp_path / "clean.jsonl", tmp_path / "bad" / "rejects.jsonl"
    argv = ["-q", "clean", str(source), "-o", str(out), "--rejects", str(rejects), "--format", "csv",
            "--column", "id=kode", "--column", "title=judul", "--column", "text=isi"]
    assert main(argv) == 0
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert (row["id"], row["title"], row["text"]) == ("b1", "Pompa Air", NEWS)
    assert rejects.exists() and rejects.read_text() == ""
    assert capsys.readouterr().err.strip().endswith("read 1, accepted 1, rejected 0")


def test_a_warc_archive_keeps_its_indonesian_pages(tmp_path, capsys):
    pytest.importorskip("warcio")
    from tests.readers.warcs import write_warc

    out = tmp_path / "clean.jsonl"
    assert main(["-q", "clean", str(write_warc(tmp_path / "crawl.warc.gz")), "-o", str(out)]) == 0
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["id"] == "https://news.example.id/banjir-bandung" and row["published"] == "2024-01-02T03:04:05Z"
    assert capsys.readouterr().err.strip().endswith("read 2, accepted 1, rejected 1 (not_indonesian 1)")


@pytest.mark.parametrize("head", [b"PK\x03\x04 a zip file", b"WARC/1.0\r\nWARC-Type: resp"], ids=["not-a-warc", "cut-header"])
def test_a_warc_file_none_of_whose_records_can_be_read_stops_before_work(tmp_path, capsys, head):
    pytest.importorskip("warcio")
    path = tmp_path / "crawl.warc"
    path.write_bytes(head * 20)
    out = tmp_path / "clean.jsonl"
    assert main(["-q", "clean", str(path), "-o", str(out)]) == 2
    assert "does not hold" in capsys.readouterr().err and not out.exists()


def test_entity_bomb_feed_is_one_reject_not_a_crash(tmp_path, capsys):
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                    "<rss><channel><item><description>&b;</description></item></channel></rss>")
    assert main(["-q", "clean", str(feed), "-o", str(tmp_path / "o.jsonl")]) == 0
    (row,) = [json.loads(line) for line in (tmp_path / "o.rejects.jsonl").read_text().splitlines()]
    assert row["reason"] == "unsafe_xml" and row["stage"] == "read"


@pytest.mark.parametrize("argv,message", [
    (["clean", "tidak-ada.jsonl", "-o", "x.jsonl"], "no such file"),
    (["clean", "data.bin", "-o", "x.jsonl"], "cannot tell the format"),
    (["clean", "data.jsonl", "-o", "x.jsonl", "--format", "xlsx"], "unknown reader"),
    (["clean", "data.jsonl", "-o", "x.jsonl", "--column", "isi"], "FIELD=NAME"),
    (["clean", "data.jsonl", "-o", "x.jsonl", "--patterns", "tidak-ada.toml"], "cannot read noise patterns"),
], ids=["missing-input", "unknown-extension", "unknown-format", "bad-column", "missing-patterns"])
def test_could_not_start_is_exit_2_with_a_message(tmp_path, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.bin").write_bytes(b"x")
    (tmp_path / "data.jsonl").write_text(json.dumps({"text": NEWS}) + "\n")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_help_shows_examples_and_exit_status():
    done = subprocess.run([sys.executable, "-m", "ringkas", "clean", "--help"], cwd=REPO, capture_output=True,
                          text=True, env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0
    assert "ringkas clean examples/scraped_articles.jsonl -o out/clean.jsonl" in done.stdout
    assert "exit status" in done.stdout


def test_readme_example_runs_as_documented(tmp_path, capsys):
    out = tmp_path / "clean.jsonl"
    assert main(["-q", "clean", str(REPO / "examples" / "scraped_articles.jsonl"), "-o", str(out)]) == 0
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "ringkas clean: read 6, accepted 2, rejected 4 (not_indonesian 1, duplicate_id 1, malformed_json 1, "
        "missing_text 1)")
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["title"] == "Gempa M 5,6 Guncang Cianjur, Puluhan Rumah Rusak"
    assert first["metadata"]["dateline"] == {"text": "Cianjur -", "place": "Cianjur"}
    assert "jasa backlink" not in first["text"] and "Baca Juga" not in first["text"]


def test_failure_part_way_is_exit_1_and_keeps_what_was_written(tmp_path, monkeypatch, capsys):
    import ringkas.readers as readers

    read_jsonl = readers.READERS.get("jsonl")

    def broken_reader(path, **options):
        yield from read_jsonl(path, **options)
        raise OSError("disk read error")

    monkeypatch.setattr(readers.READERS, "get", lambda name: broken_reader)
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": NEWS}) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["-q", "clean", str(source), "-o", str(out)]) == 1
    assert json.loads(out.read_text())["id"] == "a"
    err = capsys.readouterr().err
    assert "stopped after 1 records: OSError: disk read error" in err and "Traceback" not in err


def test_parquet_and_dataset_options_reach_the_readers(tmp_path, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = tmp_path / "berita.parquet"
    pq.write_table(pa.table({"kode": ["p1"], "isi": [NEWS], "kategori": ["metro"]}), table)
    out = tmp_path / "p.jsonl"
    assert main(["-q", "clean", str(table), "-o", str(out), "--column", "id=kode", "--column", "text=isi"]) == 0
    row = json.loads(out.read_text())
    assert row["id"] == "p1" and row["metadata"]["extra"] == {"kategori": "metro"}
    assert row["metadata"]["origin"]["row"] == 1

    data = tmp_path / "berita.jsonl"
    data.write_text(json.dumps({"isi": NEWS2}) + "\n", encoding="utf-8")
    out = tmp_path / "hf.jsonl"
    argv = ["-q", "clean", str(data), "-o", str(out), "--format", "hf", "--split", "validation",
            "--column", "text=isi"]
    assert main(argv) == 0
    row = json.loads(out.read_text())
    assert row["text"] == NEWS2 and row["metadata"]["origin"]["split"] == "validation"


def test_folder_links_out_of_the_folder_are_rejects_unless_followed(tmp_path, capsys):
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "evil.txt").symlink_to(outside)
    out = tmp_path / "clean.jsonl"
    assert main(["clean", str(pages), "-o", str(out)]) == 0
    assert out.read_text("utf-8") == ""
    (reject,) = [json.loads(line) for line in (tmp_path / "clean.rejects.jsonl").read_text("utf-8").splitlines()]
    assert (reject["stage"], reject["reason"]) == ("read", "outside_folder")
    assert main(["clean", str(pages), "-o", str(out), "--follow-symlinks"]) == 0
    (followed,) = [json.loads(line) for line in (tmp_path / "clean.rejects.jsonl").read_text("utf-8").splitlines()]
    assert followed["reason"] != "outside_folder"  # read this time (and judged by the cleaner: not Indonesian)


def test_clean_learns_each_sites_template_in_a_first_pass(tmp_path, capsys):
    from tests.clean.test_template import STORIES, TEMPLATE, page

    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(4):
        (pages / f"p{i}.html").write_text(page(i), encoding="utf-8")
    learnt, alone = tmp_path / "learnt.jsonl", tmp_path / "alone.jsonl"
    assert main(["-q", "clean", str(pages), "-o", str(learnt)]) == 0
    assert main(["-q", "clean", str(pages), "-o", str(alone), "--no-site-template"]) == 0
    texts = [json.loads(line)["text"] for line in learnt.read_text(encoding="utf-8").splitlines()]
    assert sorted(texts) == sorted("\n\n".join(story) for story in STORIES)
    assert any(line in alone.read_text(encoding="utf-8") for line in TEMPLATE)


def test_a_record_whose_url_does_not_parse_costs_only_itself(tmp_path, capsys):
    """The site template reads each record's host: an unclosed IPv6 bracket once stopped the whole run."""
    source = tmp_path / "scraped.jsonl"
    rows = [{"id": "a", "url": "http://[bad/berita/1", "text": NEWS},
            {"id": "b", "url": "https://www.contoh.id/berita/2", "text": NEWS2},
            {"id": "c", "url": "https://www.contoh.id/berita/3", "text": NEWS}]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["-q", "clean", str(source), "-o", str(tmp_path / "clean.jsonl")]) == 0
    kept = [json.loads(line)["id"] for line in (tmp_path / "clean.jsonl").read_text("utf-8").splitlines()]
    rejects = [json.loads(line) for line in (tmp_path / "clean.rejects.jsonl").read_text("utf-8").splitlines()]
    assert kept == ["b", "c"]
    assert [(r["id"], r["stage"], r["reason"]) for r in rejects] == [("a", "read", "bad_url")]
