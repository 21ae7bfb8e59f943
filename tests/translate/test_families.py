"""Model family detection and NLLB's language codes, in and out, on both backends."""

from __future__ import annotations

import pytest

from ringkas.models.hub import resolve_model
from ringkas.record import Article
from ringkas.translate import build_translator
from ringkas.translate.families import detect_family
from ringkas.translate.tokenizer import ModelTokenizer


@pytest.mark.parametrize(
    ("model_type", "vocab", "family"),
    [
        ("marian", {"▁a": 1}, "marian"),
        ("m2m_100", {"ind_Latn": 5, "eng_Latn": 6}, "nllb"),
        ("m2m_100", {"__id__": 5, "__en__": 6}, "m2m100"),
    ],
    ids=["marian", "nllb-codes", "m2m100-codes"],
)
def test_family_comes_from_config_and_vocab_not_name(model_type, vocab, family):
    assert detect_family(model_type, vocab).name == family


@pytest.mark.parametrize(("model_type", "vocab"), [("bart", {}), ("m2m_100", {"fr": 1})], ids=["bart", "no-codes"])
def test_unknown_family_is_a_clear_error(model_type, vocab):
    with pytest.raises(ValueError, match="not a translation family"):
        detect_family(model_type, vocab)


@pytest.mark.parametrize("kind", ["marian", "nllb"])
def test_tiny_models_are_detected_from_their_folders(tiny_model, kind):
    assert ModelTokenizer.load(resolve_model(str(tiny_model(kind)))).family.name == kind


def test_nllb_source_starts_with_ind_latn(tiny_model):
    tok = ModelTokenizer.load(resolve_model(str(tiny_model("nllb"))))
    [tokens] = tok.source_tokens(["Harga beras naik."])
    assert tokens[0] == "ind_Latn" and tokens[-1] == "</s>"
    assert tok.tokenizer.convert_ids_to_tokens(tok.forced_bos_token_id) == "eng_Latn"


class _Recorder:
    """Wraps a model (or CT2 translator) and keeps what its generate/translate_batch returned."""

    def __init__(self, inner, method):
        self.inner, self.method, self.seen = inner, method, []

    def __getattr__(self, name):
        attr = getattr(self.inner, name)
        if name != self.method:
            return attr

        def wrapped(*args, **kwargs):
            self.seen.append((args, kwargs, result := attr(*args, **kwargs)))
            return result

        return wrapped


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_nllb_generates_after_eng_latn_and_hides_codes(tiny_model, backend):
    translator = build_translator(str(tiny_model("nllb")), backend=backend, device="cpu", retry_degenerate=False,
                                  max_new_tokens=6)
    translator.identity()  # loads the model
    if backend == "transformers":
        translator._model = _Recorder(translator._model, "generate")
        recorder = translator._model
    else:
        translator._model.engine = _Recorder(translator._model.engine, "translate_batch")
        recorder = translator._model.engine
    [done] = list(translator([Article(id="a", text="Harga beras naik dua persen bulan ini.")]))
    (args, kwargs, result) = recorder.seen[0]
    tok = translator.tok.tokenizer
    if backend == "transformers":
        assert tok.convert_ids_to_tokens(int(kwargs["input_ids"][0][0])) == "ind_Latn"
        assert tok.convert_ids_to_tokens(int(result[0][1])) == "eng_Latn"
    else:
        assert args[0][0][0] == "ind_Latn" and kwargs["target_prefix"] == [["eng_Latn"]]
        assert result[0].result().hypotheses[0][0] == "eng_Latn"
    assert "_Latn" not in done.text_en
    assert done.metadata["provenance"]["translate"]["family"] == "nllb"
