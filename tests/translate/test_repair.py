"""Repair: a chunk whose translation lost a sentence or a figure is translated again one sentence per input.

The stand-in translator chunks with the tiny Marian model's real tokenizer and translates from the tiny
models' parallel corpus, but given two or more sentences it leaves the last one out, as NLLB does.
"""

from __future__ import annotations

import copy

import pytest

from ringkas.record import Article
from ringkas.testing.tiny_models.common import parallel_corpus
from ringkas.text import split_sentences
from ringkas.translate.base import ModelTranslator
from ringkas.translate.cache import TranslationCache
from ringkas.translate.checks import check_chunk
from ringkas.translate.settings import TranslationSettings

CORPUS = dict(parallel_corpus())
FLOOD = "Banjir merendam ratusan rumah warga di Bekasi."
TRAIN = "Kereta cepat Jakarta Bandung mengangkut lebih dari 15.720 penumpang."
RICE = "Harga beras naik 2,1 persen dibandingkan bulan lalu."
POLICE = "Polisi menangkap tiga tersangka kasus penipuan daring."
TEXT = f"{FLOOD} {TRAIN}\n\n{RICE} {POLICE}"


class DroppingTranslator(ModelTranslator):
    backend = "dropping"

    def __init__(self, model, garble=None, loop=None, **kwargs):
        super().__init__(str(model), **kwargs)
        self.calls: list[tuple[list[str], TranslationSettings]] = []
        self.garble = garble or {}  # sentence -> wrong translation, when translated alone
        self.loop = loop  # a sentence whose translation alone loops unless given the safer retry settings

    def translate_batch(self, texts, settings=None):
        settings = settings or self.settings
        self.calls.append((list(texts), settings))
        return [self._one(text, settings) for text in texts]

    def _one(self, text, settings):
        sentences = split_sentences(text)
        if len(sentences) >= 2:
            return " ".join(CORPUS[s] for s in sentences[:-1])
        if text == self.loop and settings.no_repeat_ngram_size == 0:
            return CORPUS[text] + " the the the the the the"
        return self.garble.get(text, CORPUS[text])


def english(*sentences):
    return " ".join(CORPUS[s] for s in sentences)


def test_the_corpus_translations_pass_the_checks():
    failing = {src: check_chunk(src, en).flags for src, en in parallel_corpus() if check_chunk(src, en).flags}
    assert failing == {}


def test_a_dropped_sentence_is_repaired_one_sentence_per_input(tiny_model):
    translator = DroppingTranslator(tiny_model("marian"))
    [done] = list(translator([Article(id="a", text=TEXT)]))
    assert done.text_en == f"{english(FLOOD, TRAIN)}\n\n{english(RICE, POLICE)}"
    assert done.flags == ["mt_repaired"]
    assert "check" not in done.metadata
    notes = done.metadata["translate"]["repair"]
    assert [n["reason"] for n in notes] == [["mt_number_mismatch", "mt_sentence_missing"]] * 2
    assert all(n["fixed"] and n["kept"] == "repair" for n in notes)
    packed, alone = (texts for texts, _ in translator.calls)
    assert sorted(packed) == sorted([f"{FLOOD} {TRAIN}", f"{RICE} {POLICE}"])
    assert sorted(alone) == sorted([FLOOD, TRAIN, RICE, POLICE])
    assert done.metadata["provenance"]["translate"]["checks"]["repair"] == "one sentence per input"


def test_without_repair_the_flags_and_the_missing_sentences_stay(tiny_model):
    translator = DroppingTranslator(tiny_model("marian"), settings=TranslationSettings(repair=False))
    [done] = list(translator([Article(id="a", text=TEXT)]))
    assert done.flags == ["mt_number_mismatch", "mt_sentence_missing"]
    assert len(translator.calls) == 1
    assert done.metadata["check"]["numbers"] == [{"field": "text", "chunk": 0, "number": "15.720", "in": "source"},
                                                 {"field": "text", "chunk": 1, "number": "tiga", "in": "source"}]
    assert done.metadata["check"]["sentences"] == [
        {"field": "text", "chunk": 0, "sentence": TRAIN}, {"field": "text", "chunk": 1, "sentence": POLICE}]


def test_a_repair_that_fails_keeps_the_better_translation_and_the_flag(tiny_model):
    wrong = "Police arrested suspects in an online fraud case."
    translator = DroppingTranslator(tiny_model("marian"), garble={POLICE: wrong})
    [done] = list(translator([Article(id="a", text=f"{TRAIN} {POLICE}")]))
    # First: a sentence and its figure missing (2 problems); the repair: the figure missing (1 problem).
    assert done.text_en == f"{CORPUS[TRAIN]} {wrong}"
    assert done.flags == ["mt_number_mismatch"]
    [note] = done.metadata["translate"]["repair"]
    assert note["fixed"] is False and note["kept"] == "repair"
    assert done.metadata["check"] == {"numbers": [{"field": "text", "chunk": 0, "number": "tiga", "in": "source"}]}


def test_a_repair_that_is_worse_is_not_kept(tiny_model):
    translator = DroppingTranslator(tiny_model("marian"), garble={
        RICE: "The price of rice rose 2.4 percent compared with last month.",
        POLICE: "Police arrested four suspects in an online fraud case."})
    [done] = list(translator([Article(id="a", text=f"{RICE} {POLICE}")]))
    assert done.text_en == CORPUS[RICE]
    assert done.flags == ["mt_number_mismatch", "mt_sentence_missing"]
    [note] = done.metadata["translate"]["repair"]
    assert note == {"source": f"{RICE} {POLICE}", "reason": ["mt_number_mismatch", "mt_sentence_missing"],
                    "fixed": False, "kept": "first"}


def test_the_repair_comes_before_the_retry_and_the_retry_keeps_one_sentence_per_input(tiny_model):
    translator = DroppingTranslator(tiny_model("marian"), loop=FLOOD)
    [done] = list(translator([Article(id="a", text=f"{FLOOD} {RICE}")]))
    assert done.text_en == english(FLOOD, RICE)
    assert done.flags == ["mt_retried", "mt_repaired"]
    (packed, first), (alone, plain), (retried, safer) = translator.calls
    assert packed == [f"{FLOOD} {RICE}"] and sorted(alone) == sorted([FLOOD, RICE]) and plain.no_repeat_ngram_size == 0
    assert sorted(retried) == sorted([FLOOD, RICE]) and safer.no_repeat_ngram_size == 3
    [note] = done.metadata["translate"]["degenerate"]
    assert note["reason"] == "repeat_loop" and note["fixed"] is True


def test_a_repaired_chunk_is_cached_under_its_own_key(tiny_model, tmp_path):
    article = Article(id="a", text=TEXT)
    first = DroppingTranslator(tiny_model("marian"), cache=TranslationCache(tmp_path / "c.sqlite"))
    [done] = list(first([copy.deepcopy(article)]))
    again = DroppingTranslator(tiny_model("marian"), cache=TranslationCache(tmp_path / "c.sqlite"))
    [cached] = list(again([copy.deepcopy(article)]))
    assert again.calls == [] and again.stats.cache_hits == again.stats.chunks == 2
    assert (cached.text_en, cached.flags, cached.metadata["translate"]) == (done.text_en, done.flags,
                                                                           done.metadata["translate"])
    chunk = f"{FLOOD} {TRAIN}"
    cache = TranslationCache(tmp_path / "c.sqlite")
    assert chunk in cache.get_many(first._repair_scope(), [chunk])
    assert chunk not in cache.get_many(first._cache_scope(), [chunk])

    unrepaired = DroppingTranslator(tiny_model("marian"), cache=TranslationCache(tmp_path / "c.sqlite"),
                                    settings=TranslationSettings(repair=False))
    [plain] = list(unrepaired([copy.deepcopy(article)]))
    assert unrepaired.stats.cache_hits == 0 and plain.flags == ["mt_number_mismatch", "mt_sentence_missing"]


def test_a_cached_chunk_from_a_run_without_repair_is_checked_and_repaired(tiny_model, tmp_path):
    article = Article(id="a", text=f"{RICE} {POLICE}")
    list(DroppingTranslator(tiny_model("marian"), cache=TranslationCache(tmp_path / "c.sqlite"),
                            settings=TranslationSettings(repair=False))([copy.deepcopy(article)]))
    later = DroppingTranslator(tiny_model("marian"), cache=TranslationCache(tmp_path / "c.sqlite"))
    [done] = list(later([copy.deepcopy(article)]))
    assert later.stats.cache_hits == 1 and [sorted(texts) for texts, _ in later.calls] == [sorted([RICE, POLICE])]
    assert done.text_en == english(RICE, POLICE) and done.flags == ["mt_repaired"]


@pytest.mark.parametrize("setting", ["check_numbers", "check_sentences"])
def test_each_check_can_be_switched_off(tiny_model, setting):
    translator = DroppingTranslator(tiny_model("marian"),
                                    settings=TranslationSettings(repair=False, **{setting: False}))
    [done] = list(translator([Article(id="a", text=f"{FLOOD} {TRAIN}")]))
    assert done.flags == (["mt_sentence_missing"] if setting == "check_numbers" else ["mt_number_mismatch"])
    assert done.metadata["provenance"]["translate"]["checks"][setting.split("_")[1]] is False
