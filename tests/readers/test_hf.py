import json

import pytest

from ringkas.errors import InputError
from ringkas.readers import read_articles

TEXT = "Presiden meresmikan Bendungan Sepaku Semoi di Kalimantan Timur pada Kamis siang."


def test_local_data_file_with_column_mapping_and_split(tmp_path):
    path = tmp_path / "berita.jsonl"
    rows = [{"judul": "Bendungan", "isi": TEXT}, {"judul": "Kosong", "isi": ""}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    articles = list(read_articles(path, format="hf", columns={"title": "judul", "text": "isi"}, split="test"))
    assert [a.title for a in articles] == ["Bendungan", None]
    assert articles[0].text == TEXT
    assert articles[0].metadata["origin"] == {"dataset": str(path), "split": "test", "row": 1}
    assert articles[1].rejection.reason == "empty_text"


def test_dataset_folder(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "ds"
    folder.mkdir()
    pq.write_table(pa.table({"text": [TEXT, TEXT + " Lagi."]}), folder / "train.parquet")
    assert len([a for a in read_articles(folder, format="hf") if not a.rejected]) == 2


def test_unknown_hub_name_is_an_input_error(hf_home):
    with pytest.raises(InputError, match="cannot open dataset"):
        list(read_articles("tidak-ada/dataset-ini", format="hf"))
