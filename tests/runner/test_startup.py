"""A job whose models are converted to CTranslate2 already runs without importing torch: its checks read
config.json, its summariser and translator run on CTranslate2, its manifest asks CTranslate2 for GPUs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO

RUN = """
import json, sys
from ringkas.cli import main
code = main(["-q", "run", sys.argv[1], "--force", "--set", f"translate.model={sys.argv[2]}",
             "--set", 'translate.backend="ctranslate2"', "--set", f"summarise.model={sys.argv[3]}",
             "--set", 'summarise.method="seq2seq"', "--set", "summarise.max_new_tokens=8",
             "--set", f"output.dir={sys.argv[4]}"])
print(json.dumps({"exit": code, "torch": "torch" in sys.modules}))
"""


def _run(tmp_path, marian, bart) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "RINGKAS_CACHE": str(tmp_path / "cache"),
           "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", RUN, str(REPO / "jobs" / "tiny.toml"), str(marian), str(bart),
                           str(tmp_path / "out")], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_job_with_converted_models_runs_without_importing_torch(tmp_path, tiny_model):
    marian, bart = tiny_model("marian"), tiny_model("bart")
    assert _run(tmp_path, marian, bart) == {"exit": 0, "torch": True}  # the first run converts both models
    first = (tmp_path / "out" / "briefs.jsonl").read_bytes()
    assert _run(tmp_path, marian, bart) == {"exit": 0, "torch": False}
    assert (tmp_path / "out" / "briefs.jsonl").read_bytes() == first
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert {name: [e["device"] for e in ran] for name, ran in manifest["runtime"].items()} == \
        {"translate": ["cpu"], "summarise": ["cpu"]}
