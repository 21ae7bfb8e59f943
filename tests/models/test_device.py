from __future__ import annotations

import json

import pytest

from ringkas.cli import main
from ringkas.errors import ConfigError
from ringkas.models.device import check_device


@pytest.mark.parametrize("device", ["auto", "cpu", "cuda", "cuda:1"])
def test_known_devices_pass(device):
    assert check_device(device) == device


@pytest.mark.parametrize("device", ["tpu", "gpu", "cuda:", "CPU", ""])
def test_unknown_devices_are_a_config_error(device):
    with pytest.raises(ConfigError, match="use auto, cpu, cuda or cuda:N"):
        check_device(device)


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
@pytest.mark.parametrize("device, message", [("tpu", "use auto, cpu, cuda or cuda:N"),
                                             ("cuda", "sees no CUDA device")], ids=["typo", "no-gpu-here"])
def test_translate_with_an_unusable_device_cannot_start(backend, device, message, tiny_model, tmp_path, capsys):
    import torch

    if device == "cuda" and torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Harga beras naik."}) + "\n", "utf-8")
    code = main(["translate", str(source), "-o", str(tmp_path / "out.jsonl"), "--model", str(tiny_model("marian")),
                 "--backend", backend, "--device", device, "--no-cache"])
    assert code == 2 and message in capsys.readouterr().err
