import pytest

from ringkas.errors import InputError
from ringkas.readers import detect_format, read_articles


@pytest.mark.parametrize("name,expected", [
    ("a.jsonl", "jsonl"), ("a.NDJSON", "jsonl"), ("a.csv", "csv"), ("a.parquet", "parquet"),
    ("a.xml", "feed"), ("a.rss", "feed"), ("a.atom", "feed"), ("a.html", "folder"), ("a.txt", "folder"),
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
