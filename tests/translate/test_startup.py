"""A CTranslate2 translator needs the model's tokenizer, not torch: start-up imports only what it runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ringkas.models.hub import _tokenizer_class, load_tokenizer, read_config, resolve_model
from tests.conftest import REPO

TRANSLATE = """
import json, sys
from ringkas.cli import main
code = main(["translate", "in.jsonl", "-o", "en.jsonl", "--model", sys.argv[1], "--backend", "ctranslate2",
             "--max-new-tokens", "8", "--no-retry", "--no-repair", "--no-cache"])
print(json.dumps({"exit": code, "torch": "torch" in sys.modules}))
"""


def _translate(tmp_path, model) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "RINGKAS_CACHE": str(tmp_path / "cache"),
           "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", TRANSLATE, str(model)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_converted_model_translates_without_importing_torch(tmp_path, tiny_model):
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "title": "Banjir", "text": "Banjir merendam rumah."})
                                       + "\n")
    first = _translate(tmp_path, tiny_model("marian"))  # converts: the converter loads the model with torch
    assert first == {"exit": 0, "torch": True}
    assert _translate(tmp_path, tiny_model("marian")) == {"exit": 0, "torch": False}


@pytest.mark.parametrize("kind", ["marian", "nllb", "bart", "t5", "causal"])
def test_the_declared_tokenizer_class_tokenises_as_autotokenizer(kind, tiny_model):
    from transformers import AutoTokenizer

    ref = resolve_model(str(tiny_model(kind)))
    assert _tokenizer_class(ref) is not AutoTokenizer
    text = ["Banjir merendam 1.240 rumah di Bekasi."]
    assert load_tokenizer(ref)(text).input_ids == AutoTokenizer.from_pretrained(ref.location)(text).input_ids


def test_config_json_is_read_as_attributes(tiny_model):
    config = read_config(resolve_model(str(tiny_model("marian"))))
    assert config.model_type == "marian" and isinstance(config.max_position_embeddings, int)
    assert config._commit_hash is None  # a local folder: model_revision fingerprints it instead
