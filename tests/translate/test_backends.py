"""Real backends on tiny models loaded from a folder, through the same path as hub ids."""

from __future__ import annotations

import copy

import pytest

from ringkas.record import Article
from ringkas.text import split_paragraphs
from ringkas.translate import build_translator
from tests.translate.conftest import long_article

# Greedy, no retries: random-weight models loop on everything, and these tests are about bookkeeping.
PLAIN = {"retry_degenerate": False, "repair": False, "num_beams": 1}
BACKENDS = ["transformers", "ctranslate2"]
KINDS = ["marian", "nllb"]


@pytest.fixture(scope="module", params=[(k, b) for k in KINDS for b in BACKENDS],
                ids=[f"{k}-{b}" for k in KINDS for b in BACKENDS])
def model_backend(request, tiny_model):
    kind, backend = request.param
    return tiny_model(kind), backend


@pytest.mark.slow
def test_long_article_keeps_every_paragraph(model_backend):
    folder, backend = model_backend
    article = long_article(paragraphs=64)
    translator = build_translator(str(folder), backend=backend, device="cpu", max_new_tokens=8, **PLAIN)
    assert sum(translator.count_tokens(split_paragraphs(article.text))) > 4 * 512
    [done] = list(translator([article]))
    assert done.rejection is None
    assert len(split_paragraphs(done.text_en)) == 64
    assert done.title_en
    prov = done.metadata["provenance"]["translate"]
    assert prov["model"] == str(folder) and prov["revision"].startswith("local-")
    assert prov["backend"] == backend and prov["settings"]["num_beams"] == 1
    # the checks run on either backend: 8 random tokens per chunk lose the corpus's figures
    assert prov["checks"]["version"] == "2" and "mt_number_mismatch" in done.flags
    assert {e["in"] for e in done.metadata["check"]["numbers"]} >= {"source"}


@pytest.mark.slow
def test_batched_equals_one_at_a_time(model_backend, articles):
    folder, backend = model_backend
    batched = build_translator(str(folder), backend=backend, device="cpu", batch_tokens=4096, **PLAIN)
    single = build_translator(str(folder), backend=backend, device="cpu", **PLAIN)
    calls = []

    def one_chunk_at_a_time(batches, settings):
        calls.extend(len(b) for b in batches)
        return [[single.translate_batch([text], settings)[0] for text in batch] for batch in batches]

    single.translate_batches = one_chunk_at_a_time
    together = list(batched(copy.deepcopy(articles)))
    alone = [list(single([copy.deepcopy(a)]))[0] for a in articles]
    assert sum(calls) == single.stats.chunks
    assert [a.id for a in together] == [a.id for a in articles]
    assert [(a.title_en, a.text_en) for a in together] == [(a.title_en, a.text_en) for a in alone]
    assert batched.stats.chunks == single.stats.chunks
    assert len({a.text_en for a in together}) > 1


@pytest.mark.slow
def test_cache_makes_a_rerun_free(model_backend, articles, tmp_path):
    folder, backend = model_backend
    db = tmp_path / "mt.sqlite"
    first = build_translator(str(folder), backend=backend, device="cpu", cache=db, **PLAIN)
    done = list(first(copy.deepcopy(articles)))
    rerun = build_translator(str(folder), backend=backend, device="cpu", cache=db, **PLAIN)
    again = list(rerun(copy.deepcopy(articles)))
    assert rerun.stats.cache_hits == rerun.stats.chunks and rerun.stats.output_tokens == 0
    assert [a.text_en for a in again] == [a.text_en for a in done]
    other = build_translator(str(folder), backend=backend, device="cpu", cache=db, max_new_tokens=3, **PLAIN)
    list(other(copy.deepcopy(articles)))
    assert other.stats.cache_hits == 0


@pytest.mark.slow
def test_max_new_tokens_is_a_hard_cap(model_backend):
    folder, backend = model_backend
    translator = build_translator(str(folder), backend=backend, device="cpu", max_new_tokens=5, **PLAIN)
    [done] = list(translator([Article(id="a", text="Presiden meresmikan jembatan baru di Surabaya pada hari Senin.")]))
    assert 0 < translator.stats.output_tokens <= 5
    assert done.text_en
