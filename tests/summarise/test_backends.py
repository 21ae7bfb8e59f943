"""Both backends for every summariser family: converted once into the shared CTranslate2 cache (configs
without ``normalize_before``, as on the hub), and the same greedy briefs on CTranslate2 and transformers."""

from __future__ import annotations

import json

import pytest

from ringkas.record import Article
from ringkas.summarise import build_summariser

pytestmark = pytest.mark.slow

FAMILIES = ["bart", "pegasus", "t5", "mt5", "causal"]
TEXTS = [
    "The price of rice in Jakarta markets rose 2.1 percent this week, traders said. Bulog said it would release "
    "15,720 tonnes of rice to markets to hold prices down.",
    "Floods hit Bekasi on Tuesday.",
    "Football fans gathered at the stadium for the evening match.",
]


def summarise(folder, backend: str, **settings) -> list[Article]:
    direct = "mt5" in str(folder)
    summariser = build_summariser(model=str(folder), backend=backend, device="cpu", pipeline="direct" if direct else None,
                                  num_beams=1, max_new_tokens=12, min_new_tokens=4, check_faithfulness=False,
                                  **({"compute_type": "float32"} if backend == "ctranslate2" else {}), **settings)
    articles = [Article(id=str(i), text=t, text_en=None if direct else t) for i, t in enumerate(TEXTS)]
    return list(summariser(articles))


@pytest.mark.parametrize("kind", FAMILIES)
def test_greedy_briefs_are_identical_across_backends(tiny_model, kind: str) -> None:
    folder = tiny_model(kind)
    assert "normalize_before" not in json.loads((folder / "config.json").read_text("utf-8"))
    on_ct2, on_hf = summarise(folder, "ctranslate2"), summarise(folder, "transformers")
    assert all(a.rejection is None and a.brief for a in on_ct2 + on_hf)
    assert [a.brief for a in on_ct2] == [a.brief for a in on_hf]
    assert [a.headline_en for a in on_ct2] == [a.headline_en for a in on_hf]
    ct2 = on_ct2[0].metadata["provenance"]["summarise"]
    hf = on_hf[0].metadata["provenance"]["summarise"]
    assert (ct2["backend"], ct2["device"], ct2["compute_type"]) == ("ctranslate2", "cpu", "float32")
    assert (hf["backend"], hf["device"], hf["dtype"]) == ("transformers", "cpu", "float32")
    assert ct2["generation"] == hf["generation"]


@pytest.mark.parametrize("kind", ["bart", "pegasus"])
def test_stock_loader_fails_on_these_configs_and_the_cache_converts_them(tiny_model, kind, tmp_path) -> None:
    """The trap (OpenNMT/CTranslate2#888) is real for these configs, and the shared cache gets past it."""
    from ctranslate2.converters import transformers as loaders
    from transformers import AutoModelForSeq2SeqLM

    from ringkas.models.ct2_convert import ensure_converted, is_complete
    from ringkas.models.hub import resolve_model

    folder = tiny_model(kind)
    model = AutoModelForSeq2SeqLM.from_pretrained(folder)
    stock = {"bart": loaders.BartLoader, "pegasus": loaders.PegasusLoader}[kind]()
    with pytest.raises(AttributeError, match="normalize_before"):
        stock.get_model_spec(model)
    converted = ensure_converted(resolve_model(str(folder)), "rev", "int8", tmp_path)
    assert is_complete(converted)


def test_auto_is_ctranslate2_where_the_model_converts_and_int8_on_cpu(tiny_model) -> None:
    summariser = build_summariser(model=str(tiny_model("bart")), device="cpu", max_new_tokens=4)
    assert summariser.generator.backend == "ctranslate2"
    [article] = list(summariser([Article(id="a", text="x", text_en=TEXTS[1])]))
    provenance = article.metadata["provenance"]["summarise"]
    assert provenance["compute_type"] == "int8" and summariser.execution()["inter_threads"] >= 1


def test_map_reduce_parts_of_many_articles_share_batches(tiny_model) -> None:
    """Parts of every long article of a step batch go to the model together, sorted by length."""
    from tests.summarise.conftest import long_article

    summariser = build_summariser(model=str(tiny_model("bart")), device="cpu", max_new_tokens=8, num_beams=1)
    calls: list[int] = []
    real = summariser.generator.generate_batches

    def counting(batches, generation):
        calls.append(sum(len(b) for b in batches))
        return real(batches, generation)

    summariser.generator.generate_batches = counting
    articles = [Article(id=str(i), text="x", text_en=long_article(10 + i)) for i in range(3)]
    done = list(summariser(articles))
    assert all(a.metadata["provenance"]["summarise"]["map_reduce_depth"] >= 1 for a in done)
    assert calls[0] >= 6  # the first round: every part of the three articles in one call
