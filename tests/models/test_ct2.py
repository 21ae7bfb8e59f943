"""One CTranslate2 opener and one runtime for every role: each engine runs with exactly its budget's threads."""

from __future__ import annotations

import pytest

from ringkas.models.hub import resolve_model
from ringkas.models.runtime import Budget
from ringkas.record import Article

pytest.importorskip("ctranslate2")

ONE_CPU = Budget(cpus=1, gpus=0)


@pytest.fixture(autouse=True)
def torch_threads_restored():
    import torch

    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


def test_opened_translator_reads_back_the_budget(tiny_model, tmp_path):
    from ringkas.models.ct2 import open_ct2

    model = open_ct2("translator", resolve_model(str(tiny_model("marian"))), "r", device="cpu",
                     compute_type="int8", budget=Budget(cpus=2, gpus=0), cache=tmp_path)
    assert model.threads()["inter_threads"] == 2 == model.engine.num_translators
    assert (model.runtime.inter_threads, model.runtime.intra_threads) == (2, 1)
    assert [model.worker_batch_size(n) for n in (1, 2, 7)] == [1, 1, 4]


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_a_translator_given_one_cpu_runs_one_thread(backend, tiny_model, tmp_path):
    from ringkas.translate import build_translator

    translator = build_translator(str(tiny_model("marian")), backend=backend, device="cpu", budget=ONE_CPU,
                                  max_new_tokens=4, retry_degenerate=False,
                                  **({"ct2_cache": str(tmp_path)} if backend == "ctranslate2" else {}))
    [article] = list(translator([Article(id="a", text="Harga beras naik.")]))
    assert translator.threads() == {"inter_threads": 1, "intra_threads": 1, "torch_threads": 1}
    assert translator.execution()["budget"] == {"cpus": 1, "gpus": 0}  # the manifest's, not the record's
    assert not {"budget", "inter_threads", "intra_threads"} & set(article.metadata["provenance"]["translate"])


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_a_summariser_given_one_cpu_runs_one_thread(backend, tiny_model, tmp_path):
    from ringkas.summarise import build_summariser

    summariser = build_summariser(model=str(tiny_model("bart")), backend=backend, device="cpu", budget=ONE_CPU,
                                  max_new_tokens=4, num_beams=1, ct2_cache=str(tmp_path))
    [article] = list(summariser([Article(id="a", text="x", text_en="Floods hit Bekasi on Tuesday.")]))
    assert summariser.generator.threads() == {"inter_threads": 1, "intra_threads": 1, "torch_threads": 1}
    assert summariser.execution()["budget"] == {"cpus": 1, "gpus": 0}  # the manifest's, not the record's
    assert not {"budget", "inter_threads", "intra_threads"} & set(article.metadata["provenance"]["summarise"])


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_a_threads_setting_narrows_the_budget(backend, tiny_model, tmp_path):
    from ringkas.translate import build_translator

    translator = build_translator(str(tiny_model("marian")), backend=backend, device="cpu", threads=1,
                                  budget=Budget(cpus=4, gpus=0),
                                  **({"ct2_cache": str(tmp_path)} if backend == "ctranslate2" else {}))
    assert translator.budget == ONE_CPU
