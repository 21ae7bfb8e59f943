"""An impossible device/precision (half precision on a CPU, a GPU that is not there, a typo) stops every
command before any work: exit 2, one line saying what to change, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringkas.cli import main
from tests.runner.conftest import write_spec

pytest.importorskip("ctranslate2")


@pytest.fixture()
def cleaned(tmp_path: Path) -> Path:
    path = tmp_path / "clean.jsonl"
    path.write_text(json.dumps({"id": "a", "title": "Banjir", "text": "Banjir merendam rumah warga di Bekasi."}) + "\n",
                    "utf-8")
    return path


def _stopped_with_one_line(code: int, err: str, message: str, *written: Path) -> None:
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], err
    assert not any(path.exists() for path in written)


@pytest.mark.parametrize("backend", ["ctranslate2", "auto"])
def test_translate_half_precision_on_cpu(backend, cleaned, tmp_path, tiny_model, capsys):
    out, model = tmp_path / "en.jsonl", str(tiny_model("marian"))
    capsys.readouterr()  # building the tiny model prints progress
    code = main(["translate", str(cleaned), "-o", str(out), "--model", model, "--no-cache",
                 "--backend", backend, "--compute-type", "float16", "--device", "cpu"])
    _stopped_with_one_line(code, capsys.readouterr().err, "compute_type 'float16' needs a GPU", out,
                           out.with_suffix(".rejects.jsonl"))


def test_summarise_half_precision_on_cpu(cleaned, tmp_path, tiny_model, capsys):
    out, model = tmp_path / "briefs.jsonl", str(tiny_model("bart"))
    capsys.readouterr()
    code = main(["summarise", str(cleaned), "-o", str(out), "--model", model,
                 "--compute-type", "float16", "--device", "cpu"])
    _stopped_with_one_line(code, capsys.readouterr().err, "compute_type 'float16' needs a GPU", out,
                           out.with_suffix(".rejects.jsonl"))


SEQ2SEQ = ['summarise.method="seq2seq"', 'summarise.model="BART"']


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (['translate.options.dtype="fp16"', "translate.backend=transformers"], "dtype 'fp16' needs a GPU"),
        (['translate.options.compute_type="float16"', "translate.backend=ctranslate2"],
         "compute_type 'float16' needs a GPU"),
        (['summarise.options.dtype="bf16"', *SEQ2SEQ], "dtype 'bf16' needs a GPU"),
        (['summarise.compute_type="float16"', *SEQ2SEQ], "compute_type 'float16' needs a GPU"),
    ],
    ids=["translate-dtype", "translate-compute-type", "summarise-dtype", "summarise-compute-type"],
)
def test_run_half_precision_on_cpu(overrides, message, cleaned, tmp_path, tiny_model, capsys):
    out = tmp_path / "out"
    spec = {"input": {"path": str(cleaned)},
            "translate": {"model": str(tiny_model("marian")), "device": "cpu"},
            "summarise": {"method": "lead", "device": "cpu"},
            "output": {"dir": str(out)}}
    job = write_spec(tmp_path / "job.toml", spec)
    args = ["run", str(job)]
    for item in overrides:
        args += ["--set", item.replace("BART", str(tiny_model("bart")))]
    capsys.readouterr()
    _stopped_with_one_line(main(args), capsys.readouterr().err, message, out)


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
