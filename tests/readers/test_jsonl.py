import json

import pytest

from ringkas.readers import read_articles
from ringkas.record import content_id

TEXT = "Harga beras di Pasar Induk Cipinang naik menjadi Rp 15.720 per kilogram pada Senin pagi."

BAD_LINES = [
    (b'{"id": "a", "text": ', "malformed_json"),
    (b'["bukan", "objek"]', "not_an_object"),
    (b'"hanya string"', "not_an_object"),
    (b'{"id": "b", "text": 42}', "text_not_string"),
    (b'{"id": "c", "text": ["daftar"]}', "text_not_string"),
    (b'{"id": "d", "title": "Tanpa isi"}', "missing_text"),
    (b'{"id": "e", "text": "   \\n "}', "empty_text"),
    ('{"id": "f", "text": "Harga naik"}'.encode() .replace(b"naik", b"na\xffik"), "invalid_utf8"),
    (b'{"id": "g", "text": "lone \\ud800 surrogate"}', "invalid_utf8"),
    (b'{"id": "h", "text": "\\u0000\\u0001\\u0002 junk \\u0003"}', "binary"),
    (b"\x00\x01\x02\x03\xfe\xff binary junk", "invalid_utf8"),
    (b"[" * 100_000 + b"]" * 100_000, "malformed_json"),
    (b"GIF89a\x01\x00\x01\x00\x7f\x00\x00\x00\x00\x00\x02\x02D\x01\x00;", "binary"),
    (b'{"id": {"kunci": 1}, "text": "Harga beras naik di pasar."}', "bad_id"),
]


@pytest.mark.parametrize("line,reason", BAD_LINES, ids=[
    "truncated", "array", "string", "text-number", "text-list", "missing-text", "blank-text", "invalid-utf8",
    "lone-surrogate", "control-chars", "binary-junk", "deeply-nested", "binary-file-bytes", "object-as-id",
])
def test_bad_line_is_a_reject_naming_its_line_and_costs_no_other_record(tmp_path, line, reason):
    path = tmp_path / "in.jsonl"
    good = json.dumps({"id": "ok", "text": TEXT}).encode()
    path.write_bytes(good + b"\n" + line + b"\n" + good.replace(b'"ok"', b'"ok2"') + b"\n")
    articles = list(read_articles(path))
    assert [a.id for a in articles if not a.rejected] == ["ok", "ok2"]
    bad = [a for a in articles if a.rejected]
    assert len(bad) == 1
    assert bad[0].rejection.stage == "read"
    assert bad[0].rejection.reason == reason
    assert bad[0].rejection_dict()["line"] == 2
    assert bad[0].rejection_dict()["file"] == str(path)


def test_fields_and_content_id(tmp_path):
    path = tmp_path / "in.jsonl"
    rows = [
        {"id": 7, "title": "Beras Naik", "text": TEXT, "url": "https://contoh.id/a", "published": "2024-01-02",
         "source": "contoh.id", "extra": "ignored", "tags": ["a", "b"], "body": "x" * 5000},
        {"text": TEXT + " Lagi."},
        {"html": "<p>Isi berita</p>", "title": "Judul"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    first, second, third = read_articles(path)
    assert (first.id, first.title, first.url, first.published, first.source) == (
        "7", "Beras Naik", "https://contoh.id/a", "2024-01-02", "contoh.id")
    assert first.metadata["extra"] == {"extra": "ignored"} and "extra" not in second.metadata
    assert second.id == content_id(TEXT + " Lagi.")
    assert third.html == "<p>Isi berita</p>" and third.text == ""
    assert third.metadata["origin"] == {"file": str(path), "line": 3}


def test_column_mapping(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"judul": "Beras", "isi": TEXT}) + "\n", encoding="utf-8")
    (article,) = read_articles(path, columns={"title": "judul", "text": "isi"})
    assert (article.title, article.text) == ("Beras", TEXT)


@pytest.mark.slow
def test_50mb_line_is_rejected_too_long_without_holding_it(tmp_path):
    path = tmp_path / "big.jsonl"
    with open(path, "wb") as handle:
        handle.write(json.dumps({"id": "a", "text": TEXT}).encode() + b"\n")
        handle.write(b'{"id": "huge", "text": "' + b"x" * (50 * 1024 * 1024) + b'"}\n')
        handle.write(json.dumps({"id": "b", "text": TEXT}).encode() + b"\n")
    articles = list(read_articles(path))
    assert [a.id for a in articles if not a.rejected] == ["a", "b"]
    (bad,) = [a for a in articles if a.rejected]
    assert bad.rejection.reason == "too_long" and bad.rejection_dict()["line"] == 2


def test_line_cap_is_an_option(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"text": TEXT}) + "\n")
    articles = list(read_articles(path, max_record_bytes=200))
    assert [a.rejection.reason if a.rejected else "ok" for a in articles] == ["too_long", "ok"]


def test_huge_integer_id_is_one_reject(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": "a", "text": TEXT}), '{"id": ' + "7" * 5001 + ', "text": "' + TEXT + '"}',
             json.dumps({"id": "b", "text": TEXT})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles = list(read_articles(path))
    assert [a.id for a in articles if not a.rejected] == ["a", "b"]
    (bad,) = [a for a in articles if a.rejected]
    assert (bad.rejection.reason, bad.rejection_dict()["line"]) == ("bad_id", 2)
    assert "5001 digits" in bad.rejection.detail


# Each odd value either rejects its own record (reason) or is a documented conversion (id, title, flags).
ODD_VALUES = [
    ('{"id": 1e400, "text": "%s"}', ("bad_id", None, None, [])),
    ('{"id": NaN, "text": "%s"}', ("bad_id", None, None, [])),
    ('{"id": -Infinity, "text": "%s"}', ("bad_id", None, None, [])),
    ('{"id": true, "text": "%s"}', ("bad_id", None, None, [])),
    ('{"id": "t", "title": ["Beras", "naik"], "text": "%s"}', (None, "t", None, ["bad_title"])),
    ('{"id": "t", "title": false, "text": "%s"}', (None, "t", None, ["bad_title"])),
    ('{"id": "t", "title": 1e400, "text": "%s"}', (None, "t", None, ["bad_title"])),
    ('{"id": 7.0, "title": "Judul", "text": "%s"}', (None, "7", "Judul", [])),
    ('{"id": 1.5, "text": "%s"}', (None, "1.5", None, [])),
    ('{"id": "t", "text": ' + "9" * 5001 + "}", ("text_not_string", None, None, [])),
    ('{"id": "t", "kategori": ' + "9" * 5001 + ', "text": "%s"}', (None, "t", None, [])),
    ('{"id": "t", "url": "http://[bad/berita/1", "text": "%s"}', ("bad_url", None, None, [])),
    ('{"id": "t", "url": "https://contoh.id:99999/berita", "text": "%s"}', ("bad_url", None, None, [])),
    ('{"id": "t", "url": "berita/1", "text": "%s"}', (None, "t", None, [])),
]


@pytest.mark.parametrize("line,expected", ODD_VALUES, ids=[
    "id-1e400", "id-nan", "id-minus-infinity", "id-true", "title-list", "title-false", "title-infinite",
    "id-7.0-is-7", "id-1.5", "text-huge-integer", "extra-huge-integer-dropped", "url-unclosed-bracket",
    "url-port-out-of-range", "url-relative-kept",
])
def test_odd_ids_and_fields_are_rejects_or_documented_conversions(tmp_path, line, expected):
    path = tmp_path / "in.jsonl"
    path.write_text((line.replace("%s", TEXT)) + "\n" + json.dumps({"id": "ok", "text": TEXT}) + "\n", "utf-8")
    first, second = read_articles(path)
    assert second.id == "ok" and not second.rejected
    reason, id_, title, flags = expected
    assert (first.rejection.reason if first.rejected else None) == reason
    if reason is None:
        assert (first.id, first.title, first.flags) == (id_, title, flags)
        assert "kategori" not in first.metadata.get("extra", {})  # an unconvertible extra is left out
        json.dumps(first.to_dict())  # and what is kept can be written


def test_huge_integer_in_a_ringkas_file_is_one_reject(tmp_path):
    from ringkas.readers.ringkas import read_ringkas_jsonl

    path = tmp_path / "clean.jsonl"
    path.write_text('{"id": ' + "7" * 5001 + ', "text": "x"}\n' + json.dumps({"id": "b", "text": TEXT}) + "\n")
    first, second = read_ringkas_jsonl(path)
    assert first.rejection.reason == "bad_id" and second.id == "b"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32"])
def test_byte_order_marks_in_jsonl(tmp_path, encoding):
    path = tmp_path / "in.jsonl"
    text = json.dumps({"id": "a", "title": "Jalan Tol Baru", "text": TEXT}, ensure_ascii=False) + "\n"
    if encoding.endswith("-bom"):  # the BOM written by hand, then the text in that byte order
        codec = encoding[: -len("-bom")]
        raw = ("\ufeff" + text).encode(codec)
    else:
        raw = text.encode(encoding)
    path.write_bytes(raw)
    (article,) = read_articles(path)  # one record, not a reject for the BOM and another for the NULs
    assert (article.id, article.title, article.text) == ("a", "Jalan Tol Baru", TEXT)


def test_an_input_metadata_object_is_kept(tmp_path):
    """``ringkas fetch`` writes how each page was fetched under ``metadata.fetch``; cleaning keeps it."""
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"id": "u1", "html": "<p>Berita</p>", "metadata": {
        "fetch": {"feed": "https://portal.example/rss", "status": 200}, "origin": "not this"}}) + "\n")
    [article] = list(read_articles(path))
    assert article.metadata["fetch"] == {"feed": "https://portal.example/rss", "status": 200}
    assert article.metadata["origin"] == {"file": str(path), "line": 1}
    assert "metadata" not in article.metadata.get("extra", {})
