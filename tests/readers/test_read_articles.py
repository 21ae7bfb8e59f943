import pytest

from ringkas.errors import InputError
from ringkas.readers import detect_format, read_articles


@pytest.mark.parametrize("name,expected", [
    ("a.jsonl", "jsonl"), ("a.NDJSON", "jsonl"), ("a.csv", "csv"), ("a.parquet", "parquet"),
    ("a.xml", "feed"), ("a.rss", "feed"), ("a.atom", "feed"), ("a.html", "folder"), ("a.txt", "folder"),
    ("a.jsonl.gz", "jsonl"), ("a.csv.gz", "csv"),
], ids=lambda v: str(v))
def test_format_from_extension(tmp_path, name, expected):
    assert detect_format(tmp_path / name) == expected


def test_folder_and_unknown(tmp_path):
    assert detect_format(tmp_path) == "folder"
    with pytest.raises(InputError, match="--format"):
        detect_format(tmp_path / "data.bin")


def test_format_override_and_errors(tmp_path):
    path = tmp_path / "data.txt"
    path.write_text('{"text": "Harga cabai naik tajam di pasar."}\n')
    (article,) = read_articles(path, format="jsonl")
    assert article.text == "Harga cabai naik tajam di pasar."
    with pytest.raises(InputError, match="unknown reader"):
        read_articles(path, format="xlsx")
    with pytest.raises(InputError, match="no such file"):
        read_articles(tmp_path / "missing.jsonl")


def test_gzipped_jsonl_and_csv(tmp_path):
    import gzip

    text = "Harga cabai naik tajam di pasar."
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write('{"id": "g1", "text": "%s"}\n{bad\n' % text)
    with gzip.open(tmp_path / "a.csv.gz", "wt", encoding="utf-8") as handle:
        handle.write(f"id,text\ng2,{text}\n")
    jsonl = list(read_articles(tmp_path / "a.jsonl.gz"))
    assert [(a.id, a.rejection.reason if a.rejected else a.text) for a in jsonl] == [
        ("g1", text), (f"{tmp_path / 'a.jsonl.gz'}:2", "malformed_json")]
    (row,) = read_articles(tmp_path / "a.csv.gz")
    assert (row.id, row.text) == ("g2", text)
    with pytest.raises(InputError, match="cannot tell the format"):
        detect_format(tmp_path / "a.bin.gz")


@pytest.mark.parametrize("name", ["a.jsonl.gz", "a.csv.gz"])
def test_truncated_gzip_keeps_what_came_before(tmp_path, name):
    import gzip

    header = "" if name.endswith("jsonl.gz") else "id,text\n"
    rows = [f'{{"id": "r{i}", "text": "Harga cabai naik {i} persen."}}' for i in range(2000)]
    if header:
        rows = [f"r{i},Harga cabai naik {i} persen." for i in range(2000)]
    data = gzip.compress((header + "\n".join(rows) + "\n").encode())
    path = tmp_path / name
    path.write_bytes(data[: len(data) // 2])
    articles = list(read_articles(path))
    assert articles[0].id == "r0" and not articles[0].rejected
    assert articles[-1].rejection.reason == "corrupt_file"
    assert sum(a.rejected for a in articles) == 1
