import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading

import pytest

from ringkas import hub_access
from ringkas.cli import main
from ringkas.models import ModelNotFoundError, hub, load_seq2seq, load_tokenizer, resolve_model
from ringkas.models.hub import ModelRef, check_models, model_revision
from tests.conftest import REPO


def test_local_folder_loads_through_from_pretrained(tiny_model):
    ref = resolve_model(str(tiny_model("marian")))
    assert ref.is_local
    tokenizer = load_tokenizer(ref)
    model = load_seq2seq(ref, device="cpu", dtype="float32")
    batch = tokenizer(["Banjir merendam rumah warga."], return_tensors="pt")
    out = model.generate(**batch, max_new_tokens=4, do_sample=False)
    assert out.shape[0] == 1 and out.shape[1] <= 5
    assert model_revision(ref, model).startswith("local-")


def test_missing_hub_model_offline_says_what_to_do(hf_home, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    ref = resolve_model("Helsinki-NLP/opus-mt-id-en")
    with pytest.raises(ModelNotFoundError) as info:
        load_tokenizer(ref)
    message = str(info.value)
    assert "HF_HUB_OFFLINE" in message
    assert "ringkas models download Helsinki-NLP/opus-mt-id-en" in message
    assert str(hf_home) in message


@pytest.mark.parametrize("name", ["./no/such/model", "/abs/missing", "a/b/c"], ids=["relative", "absolute", "deep"])
def test_missing_folder_is_a_clear_error(name):
    with pytest.raises(ModelNotFoundError, match="does not exist"):
        resolve_model(name)


@pytest.mark.parametrize("name, made, message", [
    ("models/opus-mt-id-en", "models/", "model folder 'models/opus-mt-id-en' does not exist"),
    ("./opus-mt-id-en", "", "model folder './opus-mt-id-en' does not exist"),
    ("in.jsonl", "in.jsonl", "is a file, not a model folder"),
], ids=["under-an-existing-folder", "dot-slash", "a-file"])
def test_a_value_that_looks_like_a_path_is_a_path(name, made, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if made.endswith("/"):
        (tmp_path / made).mkdir()
    elif made:
        (tmp_path / made).write_text("{}\n")
    with pytest.raises(ModelNotFoundError, match=message):
        resolve_model(name)


def test_a_hub_id_with_no_folder_of_its_name_here_stays_a_hub_id(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert not resolve_model("Helsinki-NLP/opus-mt-id-en").is_local


def test_folder_without_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelNotFoundError, match="does not hold a loadable model"):
        load_tokenizer(resolve_model(str(tmp_path)))


# --- an unreachable hub: one short probe, then offline; every missing model of a job in one message ---



def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


@pytest.fixture()
def online(monkeypatch):
    """HF_HUB_OFFLINE off (conftest sets it), restored afterwards with whatever the probe changed."""
    import huggingface_hub.constants

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(hub_access, "_hub_probe", {})
    return monkeypatch


def test_probe_tells_a_reachable_hub_from_an_unreachable_one(online):
    class Hub(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):  # noqa: N802 - http.server's name
            self.send_response(404)  # any HTTP answer: reachable
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        online.setenv("HF_ENDPOINT", f"http://127.0.0.1:{server.server_address[1]}")
        assert hub.hub_unreachable() is False
        assert os.environ.get("HF_HUB_OFFLINE") is None
    finally:
        server.shutdown()
    online.setenv("HF_ENDPOINT", f"http://127.0.0.1:{_closed_port()}")
    assert hub.hub_unreachable() is True
    assert os.environ["HF_HUB_OFFLINE"] == "1"  # the rest of the process (and its workers) load from the cache


def _cli(args: list[str], env_extra: dict[str, str], tmp_path, python: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    env.update({"PYTHONPATH": str(REPO / "src"), "HF_HOME": str(tmp_path / "hf-home"),
                "HF_ENDPOINT": f"http://127.0.0.1:{_closed_port()}", **env_extra})
    command = [sys.executable, *args] if python else [sys.executable, "-m", "ringkas", *args]
    return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=300)


def test_unreachable_hub_is_said_once_without_retries(tmp_path):
    (tmp_path / "clean.jsonl").write_text('{"id": "a", "title": "Banjir", "text": "Banjir merendam rumah."}\n')
    done = _cli(["translate", "clean.jsonl", "-o", "en.jsonl", "--model", "ringkas-test/no-such-mt"], {}, tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("could not be reached") == 1
    assert "ringkas models download ringkas-test/no-such-mt" in done.stderr
    assert "Retrying" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "en.jsonl").exists()


def test_missing_hub_model_is_reported_before_torch_or_transformers_load(tmp_path):
    """The message must not wait for `import torch` (seconds on a busy machine): it comes before it."""
    (tmp_path / "clean.jsonl").write_text('{"id": "a", "title": "Banjir", "text": "Banjir merendam rumah."}\n')
    code = ("import sys\nfrom ringkas.cli import main\n"
            "code = main(['translate', 'clean.jsonl', '-o', 'en.jsonl', '--model', 'Helsinki-NLP/opus-mt-id-en'])\n"
            "print('exit', code, 'loaded:', sorted(m for m in ('torch', 'transformers') if m in sys.modules))")
    done = _cli(["-c", code], {}, tmp_path, python=True)
    assert "exit 2 loaded: []" in done.stdout, done.stdout + done.stderr
    assert "ringkas models download Helsinki-NLP/opus-mt-id-en" in done.stderr


def _cache_tiny_model(hf_hub_cache, folder, repo_id: str) -> None:
    """Lay ``folder`` out as the hub cache does for ``repo_id`` at revision main."""
    repo = hf_hub_cache / ("models--" + repo_id.replace("/", "--"))
    commit = "0" * 40
    shutil.copytree(folder, repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)


def test_cached_model_loads_at_once_when_the_hub_is_unreachable(tmp_path, tiny_model):
    _cache_tiny_model(tmp_path / "hf-home" / "hub", tiny_model("marian"), "ringkas-test/tiny-mt")
    code = ("import os; from ringkas.models.hub import resolve_model, load_tokenizer, load_config; "
            "ref = resolve_model('ringkas-test/tiny-mt'); load_config(ref); load_tokenizer(ref); "
            "print('offline', os.environ.get('HF_HUB_OFFLINE'))")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={**{k: v for k, v in os.environ.items() if k != "HF_HUB_OFFLINE"},
                               "PYTHONPATH": str(REPO / "src"), "HF_HOME": str(tmp_path / "hf-home"),
                               "HF_ENDPOINT": f"http://127.0.0.1:{_closed_port()}", "TRANSFORMERS_OFFLINE": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "offline 1"
    assert "Retrying" not in done.stderr


def test_check_models_reports_every_missing_model_at_once(hf_home):
    def missing(name):
        def check():
            ref = ModelRef(name)
            raise ModelNotFoundError(hub.missing_model_message(ref), missing=[ref])
        return check

    with pytest.raises(ModelNotFoundError) as info:
        check_models([("translate.model", missing("org/mt")), ("summarise.model", missing("org/sum")),
                      ("ok", lambda: None)])
    message = str(info.value)
    assert "these 2 models" in message
    assert "translate.model: org/mt" in message and "summarise.model: org/sum" in message
    assert "ringkas models download org/mt\n    ringkas models download org/sum" in message
    assert message.count("to fix") == 1
    check_models([("ok", lambda: None)])  # nothing missing: no error


def test_run_lists_all_missing_models_of_the_job(hf_home, tmp_path, capsys):
    spec = tmp_path / "job.toml"
    spec.write_text(f'[input]\npath = "{REPO / "examples/feeds/sample.jsonl"}"\n'
                    '[translate]\nmodel = "ringkas-test/missing-mt"\n'
                    '[summarise]\nmodel = "ringkas-test/missing-sum"\n'
                    f'[output]\ndir = "{tmp_path / "out"}"\n')
    assert main(["run", str(spec)]) == 2
    err = capsys.readouterr().err
    assert "translate.model: ringkas-test/missing-mt" in err and "summarise.model: ringkas-test/missing-sum" in err
    assert "HF_HUB_OFFLINE is set" in err and "Traceback" not in err


def test_models_download_offline_is_a_message_and_exit_2(capsys):
    assert main(["models", "download", "Helsinki-NLP/opus-mt-id-en"]) == 2
    err = capsys.readouterr().err
    assert "cannot download Helsinki-NLP/opus-mt-id-en: HF_HUB_OFFLINE is set" in err
    assert "Traceback" not in err and "LocalEntryNotFoundError" not in err
