import csv

import pytest

from ringkas.readers import read_articles

TEXT = "Gubernur Jawa Tengah meresmikan jembatan baru di Kabupaten Klaten, Selasa (9/1/2024)."


def write_csv(path, rows, header=("id", "title", "text")):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def test_rows_become_articles_with_multiline_fields(tmp_path):
    path = tmp_path / "in.csv"
    write_csv(path, [("a", "Jembatan Baru", TEXT + "\n\nParagraf kedua."), ("", "Tanpa Id", TEXT)])
    first, second = read_articles(path)
    assert first.text == TEXT + "\n\nParagraf kedua."
    assert first.metadata["origin"]["line"] == 2
    assert second.id.startswith("sha1-")
    assert second.metadata["origin"]["line"] == 5  # the first record spans lines 2-4


@pytest.mark.parametrize("raw,reason", [
    (b"b,Judul,\n", "empty_text"),
    (b"c,Judul,teks,kolom lebih\n", "malformed_csv"),
    (b"d,Judul,Harga na\xffik\n", "invalid_utf8"),
    (b"e,Judul,\x01\x02\x03\x04\n", "binary"),
], ids=["empty-text", "extra-field", "invalid-utf8", "control-chars"])
def test_bad_rows_are_rejects(tmp_path, raw, reason):
    path = tmp_path / "in.csv"
    path.write_bytes(b"id,title,text\n" + raw + f"z,Judul,\"{TEXT}\"\n".encode())
    articles = list(read_articles(path))
    assert [a.rejection.reason if a.rejected else a.id for a in articles] == [reason, "z"]
    assert articles[0].rejection_dict()["line"] == 2


def test_column_mapping_and_missing_text_column(tmp_path):
    path = tmp_path / "in.csv"
    write_csv(path, [("a", "Judul", TEXT)], header=("kode", "judul", "isi"))
    (article,) = read_articles(path, columns={"id": "kode", "title": "judul", "text": "isi"})
    assert (article.id, article.title, article.text) == ("a", "Judul", TEXT)
    (unmapped,) = read_articles(path)
    assert unmapped.rejection.reason == "no_text_column" and unmapped.metadata["origin"]["line"] == 1


def test_over_long_line_is_skipped_and_reported(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b"id,text\nbig," + b"y" * 5000 + b"\nok,\"" + TEXT.encode() + b"\"\n")
    articles = list(read_articles(path, max_record_bytes=1000))
    assert [(a.rejection.reason if a.rejected else a.id) for a in articles] == ["too_long", "ok"]
    assert [a.metadata["origin"]["line"] for a in articles] == [2, 3]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks_in_csv(tmp_path, encoding):
    path = tmp_path / "in.csv"
    path.write_bytes(f'id,title,text\na,Judul,"{TEXT}"\r\n'.encode(encoding))
    (article,) = read_articles(path)
    assert (article.id, article.title, article.text) == ("a", "Judul", TEXT)


@pytest.mark.parametrize("content,reason", [
    (f'id,text,text\na,"{TEXT}",lain\nb,"{TEXT}",lain\n', "duplicate_column"),
    (f'a,Judul,"{TEXT}"\nb,Judul,"{TEXT}"\n', "no_text_column"),
    (f'a,Judul,"{TEXT}"\n', "no_text_column"),
], ids=["duplicated-header", "no-header-row", "no-header-one-row"])
def test_a_header_that_cannot_be_right_is_one_reject_for_the_file(tmp_path, content, reason):
    path = tmp_path / "in.csv"
    path.write_text(content, encoding="utf-8")
    (bad,) = read_articles(path)  # never silently the last column, never silently nothing read
    assert bad.rejection.reason == reason
    assert bad.rejection_dict()["file"] == str(path) and bad.rejection_dict()["line"] == 1
