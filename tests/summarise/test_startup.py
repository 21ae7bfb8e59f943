"""A summariser on CTranslate2 needs the model's config.json and tokenizer, not torch: once the model is
converted, start-up imports only what it runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

SUMMARISE = """
import json, sys
from ringkas.cli import main
code = main(["summarise", "in.jsonl", "-o", sys.argv[2], "--model", sys.argv[1], "--backend", sys.argv[3],
             "--max-new-tokens", "8", "--num-beams", "1"])
print(json.dumps({"exit": code, "torch": "torch" in sys.modules}))
"""


def _summarise(tmp_path, model, out: str, backend: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "RINGKAS_CACHE": str(tmp_path / "cache"),
           "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", SUMMARISE, str(model), out, backend], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("kind", ["bart", "t5"])
@pytest.mark.parametrize("backend", ["ctranslate2", "auto"])
def test_a_converted_summariser_runs_without_importing_torch(tmp_path, tiny_model, kind, backend):
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": "Banjir merendam rumah.",
                                                   "text_en": "Floods hit Bekasi on Tuesday. Houses were damaged."})
                                       + "\n")
    first = _summarise(tmp_path, tiny_model(kind), "first.jsonl", backend)  # converts: the converter needs torch
    assert first == {"exit": 0, "torch": True}
    assert _summarise(tmp_path, tiny_model(kind), "again.jsonl", backend) == {"exit": 0, "torch": False}
    assert (tmp_path / "again.jsonl").read_bytes() == (tmp_path / "first.jsonl").read_bytes()
