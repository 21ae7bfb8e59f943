"""The translator base, with an echo backend: chunking, paragraphs, order, cache, retries, field mapping."""

from __future__ import annotations

import copy

import pytest

from ringkas.record import Article
from ringkas.text import split_paragraphs
from ringkas.translate.base import Translator
from ringkas.translate.cache import TranslationCache
from ringkas.translate.settings import TranslationSettings
from tests.translate.conftest import EchoTranslator, long_article


def test_every_paragraph_comes_back_in_order():
    article = long_article(paragraphs=64)
    translator = EchoTranslator(settings=TranslationSettings(chunk_tokens=24, batch_tokens=200))
    [done] = list(translator([article]))
    source = split_paragraphs(article.text)
    target = split_paragraphs(done.text_en)
    assert len(target) == len(source) == 64
    assert target == [p.upper() for p in source]
    assert done.title_en == article.title.upper()
    assert len(translator.batches) > 1


def test_overlong_sentence_is_split_at_clauses_and_nothing_is_lost():
    clauses = [f"warga desa nomor {i} ikut membantu evakuasi korban banjir" for i in range(12)]
    sentence = ", ".join(clauses) + "."
    article = Article(id="panjang", text=sentence)
    translator = EchoTranslator(settings=TranslationSettings(chunk_tokens=30, batch_tokens=300))
    [done] = list(translator([article]))
    assert done.text_en == sentence.upper()
    assert "mt_sentence_split" in done.flags
    assert "split into" in done.metadata["translate"]["split_sentences"][0]
    chunks = [c for batch in translator.batches for c in batch]
    assert len(chunks) > 1
    assert all(translator.count_tokens([c])[0] <= 30 for c in chunks)
    assert all(c.rstrip(".").endswith(("banjir", "banjir,")) for c in chunks)


def test_a_word_longer_than_the_window_is_cut_not_dropped():
    blob = "x" * 4000
    translator = EchoTranslator(settings=TranslationSettings(chunk_tokens=8, batch_tokens=64))
    translator.count_tokens = lambda texts: [len(t) // 10 + 1 for t in texts]
    [done] = list(translator([Article(id="blob", text=f"Lihat {blob} sekarang.")]))
    assert done.text_en.replace(" ", "") == f"Lihat {blob} sekarang.".upper().replace(" ", "")
    assert "mt_sentence_split" in done.flags


def test_batches_respect_the_token_budget_and_order_is_restored(articles):
    translator = EchoTranslator(settings=TranslationSettings(chunk_tokens=20, batch_tokens=40))
    done = list(translator(copy.deepcopy(articles)))
    assert [a.id for a in done] == [a.id for a in articles]
    for article, out in zip(articles, done):
        assert out.text_en == "\n\n".join(p.upper() for p in split_paragraphs(article.text))
    for batch in translator.batches:
        assert len(batch) * max(translator.count_tokens(batch)) <= 40 or len(batch) == 1


def test_rejected_and_empty_records_do_not_cost_others(articles):
    bad = Article(id="kosong", text="").reject("clean", "empty_text")
    done = list(EchoTranslator()([bad, *articles]))
    assert done[0].rejection.reason == "empty_text" and done[0].text_en is None
    assert all(a.text_en for a in done[1:])
    assert done[-1].title_en is None  # no title in, no title out


@pytest.mark.parametrize(
    ("article", "reason"),
    [
        (Article(id="kosong", text="  ", title=""), "nothing_to_translate"),
        (Article(id="daftar", text=["bukan", "teks"]), "TypeError"),
    ],
    ids=["blank-fields", "text-not-a-string"],
)
def test_untranslatable_record_is_rejected_with_a_reason(article, reason, articles):
    done = list(EchoTranslator()([articles[0], article, articles[1]]))
    assert done[1].rejection.stage == "translate" and done[1].rejection.reason == reason
    assert done[0].text_en and done[2].text_en and not done[0].rejected


def test_field_mapping_translates_a_brief_in_place():
    article = Article(id="b", text="Teks asli.", brief="Harga beras naik.", headline_en="Harga naik")
    translator = EchoTranslator(fields={"brief": "brief", "headline_en": "headline_en"})
    [done] = list(translator([article]))
    assert (done.brief, done.headline_en, done.text_en) == ("HARGA BERAS NAIK.", "HARGA NAIK", None)
    assert done.metadata["provenance"]["translate"]["fields"] == {"brief": "brief", "headline_en": "headline_en"}


def test_unknown_field_is_refused():
    with pytest.raises(ValueError, match="cannot translate field"):
        EchoTranslator(fields={"tittle": "title_en"})


def test_cache_hits_and_a_settings_change_misses(tmp_path, articles):
    cache = TranslationCache(tmp_path / "cache.sqlite")
    first = EchoTranslator(cache=cache)
    list(first(copy.deepcopy(articles)))
    assert first.stats.cache_hits == 0 and first.batches

    again = EchoTranslator(cache=TranslationCache(tmp_path / "cache.sqlite"))
    done = list(again(copy.deepcopy(articles)))
    assert again.batches == []
    assert again.stats.cache_hits == again.stats.chunks > 0
    assert [a.text_en for a in done] == [a.text_en for a in first(copy.deepcopy(articles))]

    beams = EchoTranslator(cache=TranslationCache(tmp_path / "cache.sqlite"), settings=TranslationSettings(num_beams=4))
    list(beams(copy.deepcopy(articles)))
    assert beams.stats.cache_hits == 0 and beams.batches


def test_repeated_sentences_are_translated_once():
    text = "\n\n".join(["Harga beras naik."] * 10)
    translator = EchoTranslator()
    [done] = list(translator([Article(id="ulang", text=text)]))
    assert sum(len(b) for b in translator.batches) == 1
    assert split_paragraphs(done.text_en) == ["HARGA BERAS NAIK."] * 10


class LoopingTranslator(Translator):
    """Loops on chunks mentioning "banjir" unless given the safer retry settings, which fix all but "longsor"."""

    backend = "looping"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.calls: list[tuple[list[str], TranslationSettings]] = []

    def translate_batch(self, texts, settings=None):
        settings = settings or self.settings
        self.calls.append((list(texts), settings))
        safe = settings.no_repeat_ngram_size > 0
        out = []
        for text in texts:
            if "longsor" in text or ("banjir" in text and not safe):
                out.append("the flood the flood the flood the flood the flood")
            else:
                out.append(text.upper())
        return out


@pytest.mark.parametrize(
    ("text", "flags", "fixed"),
    [
        ("Banjir merendam rumah warga di banjir kanal.", ["mt_retried"], True),
        ("Tanah longsor menutup jalan provinsi kemarin.", ["mt_retried", "mt_degenerate"], False),
        ("Harga beras naik dua persen bulan ini.", [], None),
    ],
    ids=["loop-fixed-by-retry", "loop-survives-retry", "clean-no-retry"],
)
def test_degenerate_output_is_retried_once_with_safer_settings(text, flags, fixed):
    translator = LoopingTranslator()
    [done] = list(translator([Article(id="x", text=text)]))
    assert done.flags == flags
    if fixed is None:
        assert len(translator.calls) == 1 and "translate" not in {k for k in done.metadata if k != "provenance"}
        return
    assert len(translator.calls) == 2
    retry_settings = translator.calls[1][1]
    assert retry_settings.no_repeat_ngram_size == 3 and retry_settings.num_beams == 4
    [note] = done.metadata["translate"]["degenerate"]
    assert note["reason"] == "repeat_loop" and note["fixed"] is fixed


def test_a_cached_rerun_keeps_the_retry_flags_and_notes(tmp_path):
    text = "Air banjir merendam rumah.\n\nTanah longsor menutup jalan."
    first = LoopingTranslator(cache=TranslationCache(tmp_path / "c.sqlite"))
    [done] = list(first([Article(id="x", text=text)]))
    again = LoopingTranslator(cache=TranslationCache(tmp_path / "c.sqlite"))
    [cached] = list(again([Article(id="x", text=text)]))
    assert again.calls == [] and again.stats.cache_hits == again.stats.chunks == 2
    assert cached.flags == done.flags == ["mt_retried", "mt_degenerate"]
    assert cached.text_en == done.text_en
    assert cached.metadata["translate"]["degenerate"] == done.metadata["translate"]["degenerate"]


def test_a_cache_filled_without_retries_is_not_served_to_a_run_with_them(tmp_path):
    article = Article(id="x", text="Air banjir merendam kota.")
    unchecked = LoopingTranslator(cache=TranslationCache(tmp_path / "c.sqlite"),
                                  settings=TranslationSettings(retry_degenerate=False))
    list(unchecked([copy.deepcopy(article)]))
    checked = LoopingTranslator(cache=TranslationCache(tmp_path / "c.sqlite"))
    [done] = list(checked([copy.deepcopy(article)]))
    assert checked.stats.cache_hits == 0 and done.flags == ["mt_retried"]


def test_retry_can_be_switched_off():
    translator = LoopingTranslator(settings=TranslationSettings(retry_degenerate=False))
    [done] = list(translator([Article(id="x", text="Banjir besar di kota.")]))
    assert len(translator.calls) == 1 and done.flags == []


def test_a_failing_backend_rejects_only_its_record(articles):
    class Fussy(EchoTranslator):
        def translate_batch(self, texts, settings=None):
            if any("Gempa" in t for t in texts):
                raise RuntimeError("CUDA out of memory")
            return super().translate_batch(texts, settings)

    done = list(Fussy()(copy.deepcopy(articles)))
    assert [a.rejection.reason if a.rejection else None for a in done] == [None, "RuntimeError", None, None]
    assert done[1].rejection.stage == "translate"
    assert all(a.text_en for i, a in enumerate(done) if i != 1)
