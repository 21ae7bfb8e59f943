import pyarrow as pa
import pyarrow.parquet as pq

from ringkas.readers import read_articles

TEXT = "Bank Indonesia menahan suku bunga acuan di level 6 persen pada Rapat Dewan Gubernur bulan ini."


def test_rows_stream_in_batches_with_row_origins(tmp_path):
    path = tmp_path / "in.parquet"
    table = pa.table({
        "id": [f"r{i}" for i in range(10)],
        "isi": [TEXT if i != 4 else None for i in range(10)],
        "published": pa.array([None] * 10, pa.timestamp("s")),
        "unused": list(range(10)),
    })
    pq.write_table(table, path, row_group_size=3)
    articles = list(read_articles(path, columns={"text": "isi"}, batch_size=2))
    assert len(articles) == 10
    assert [a.id for a in articles if a.rejected] == ["r4"]
    assert articles[4].rejection.reason == "missing_text"
    assert articles[4].metadata["origin"]["row"] == 5
    assert articles[9].text == TEXT and articles[9].metadata["origin"]["row"] == 10


def test_extra_columns_ride_along_without_nan(tmp_path):
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"text": [TEXT, TEXT + " Lagi."], "kategori": ["ekonomi", "bisnis"],
                             "skor": [0.5, float("nan")]}), path)
    first, second = read_articles(path)
    assert first.metadata["extra"] == {"kategori": "ekonomi", "skor": 0.5}
    assert second.metadata["extra"] == {"kategori": "bisnis"}


def test_non_string_text_and_not_parquet(tmp_path):
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"text": [1, 2]}), path)
    assert {a.rejection.reason for a in read_articles(path)} == {"text_not_string"}
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"not parquet at all")
    (bad,) = read_articles(junk)
    assert bad.rejection.reason == "malformed_parquet"
