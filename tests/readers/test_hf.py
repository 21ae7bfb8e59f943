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


class NetworkUsed(BaseException):
    """Raised by the guard: a BaseException, so no retry loop or ``except Exception`` swallows it."""


@pytest.fixture()
def no_network(monkeypatch):
    """Every attempt to open a network connection is recorded and refused. ``datasets`` and
    ``huggingface_hub`` are put back online as a user's process that set nothing imports them (the suite
    imports them offline), so an empty record means the reader itself stayed off the network."""
    import socket

    import datasets
    import huggingface_hub.constants

    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)

    attempts = []

    def refuse(self, address, *args, **kwargs):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
            raise NetworkUsed(f"connect to {address}")
        return real_connect(self, address, *args, **kwargs)

    def refuse_lookup(host, *args, **kwargs):
        attempts.append(host)
        raise NetworkUsed(f"lookup {host}")

    real_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse_lookup)
    return attempts


@pytest.mark.parametrize("setting", [None, "1"], ids=["nothing-set", "hf-hub-offline"])
def test_15_6_unknown_hub_name_fetches_nothing_and_says_how_to_go_online(hf_home, monkeypatch, no_network,
                                                                         setting):
    if setting is None:
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    else:
        monkeypatch.setenv("HF_HUB_OFFLINE", setting)
    with pytest.raises(InputError, match="HF_HUB_OFFLINE=0") as error:
        list(read_articles("tidak-ada/dataset-ini", format="hf"))
    assert "cannot open dataset 'tidak-ada/dataset-ini'" in str(error.value)
    assert no_network == []


def test_15_6_hf_hub_offline_0_goes_to_the_hub(hf_home, monkeypatch, no_network):
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")  # the user asked for the hub: the guard sees it try
    with pytest.raises(NetworkUsed):
        list(read_articles("tidak-ada/dataset-ini", format="hf"))
    assert no_network
