import json
import os
import socket

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

    from ringkas import hub_access

    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(hub_access, "_hub_probe", {})  # this process has not probed the hub yet

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


@pytest.mark.parametrize("setting", ["1", "true"], ids=["one", "true"])
def test_hf_hub_offline_reads_the_cache_only_and_says_how_to_go_online(hf_home, monkeypatch, no_network, setting):
    monkeypatch.setenv("HF_HUB_OFFLINE", setting)
    with pytest.raises(InputError, match="HF_HUB_OFFLINE is set") as error:
        list(read_articles("tidak-ada/dataset-ini", format="hf"))
    assert "cannot open dataset 'tidak-ada/dataset-ini'" in str(error.value)
    assert "HF_HUB_OFFLINE unset (or 0)" in str(error.value)
    assert no_network == []


@pytest.mark.parametrize("setting", [None, "0"], ids=["nothing-set", "zero"])
def test_hub_allowed_goes_to_the_hub_as_for_models(hf_home, monkeypatch, no_network, setting):
    """Unset means what Hugging Face says, the same as for models: the hub may be used (the guard sees it try)."""
    if setting is None:
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    else:
        monkeypatch.setenv("HF_HUB_OFFLINE", setting)
    with pytest.raises(NetworkUsed):
        list(read_articles("tidak-ada/dataset-ini", format="hf"))
    assert no_network


def test_unreachable_hub_reads_the_cache_only_and_says_so(hf_home, monkeypatch):
    import datasets
    import huggingface_hub.constants

    from ringkas import hub_access

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]  # nothing listens once the socket is closed
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(hub_access, "_hub_probe", {})
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{closed_port}")
    with pytest.raises(InputError, match="could not be reached") as error:
        list(read_articles("tidak-ada/dataset-ini", format="hf"))
    assert "looked only in the local Hugging Face cache" in str(error.value)
    assert os.environ["HF_HUB_OFFLINE"] == "1"  # one probe; the rest of the process uses the cache
