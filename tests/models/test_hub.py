import pytest

from ringkas.models import ModelNotFoundError, load_seq2seq, load_tokenizer, pick_device, resolve_model
from ringkas.models.hub import model_revision


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


def test_folder_without_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelNotFoundError, match="does not hold a loadable model"):
        load_tokenizer(resolve_model(str(tmp_path)))


def test_auto_device_on_cpu_machine_is_fp32():
    import torch

    choice = pick_device("auto")
    if torch.cuda.is_available():  # pragma: no cover - GPU machines
        assert choice.dtype in ("bfloat16", "float16")
    else:
        assert (choice.device, choice.dtype) == ("cpu", "float32")
    with pytest.raises(ValueError):
        pick_device("cpu", dtype="int3")
