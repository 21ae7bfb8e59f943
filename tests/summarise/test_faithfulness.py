from __future__ import annotations

import pytest

from ringkas.record import Article
from ringkas.summarise.settings import SummariserSettings
from ringkas.summarise.base import Brief, Summariser
from ringkas.summarise.faithfulness import FaithfulnessGuard, repetition_loop, unsupported_numbers

SOURCE_ID = (
    "Harga beras naik 2,1 persen menjadi Rp 150.000 per karung. Sebanyak 15.720 warga terdampak banjir. "
    "Pemerintah menyiapkan anggaran Rp 1,5 triliun dan 3 juta paket bantuan pada 2026. "
    "Polisi menangkap tiga tersangka dan memeriksa 200 saksi."
)


@pytest.mark.parametrize(
    "brief, unsupported",
    [
        ("Rice rose 2.1 percent.", []),
        ("Rice rose 2.1%.", []),
        ("A sack costs Rp 150,000.", []),
        ("15,720 residents were affected.", []),
        ("A budget of Rp 1.5 trillion.", []),
        ("3 million aid packages in 2026.", []),
        ("Harga naik 2,1 persen; 15.720 warga.", []),
        ("Rice rose 2.5 percent.", ["2.5 percent"]),
        ("A sack costs Rp 150 million.", ["150 million"]),
        ("16,000 residents were affected.", ["16,000"]),
        ("A budget of Rp 1.5 billion.", ["1.5 billion"]),
        ("In 2025, 15.72 thousand people.", ["2025"]),
        ("Police arrested three suspects.", []),
        ("Police arrested 3 suspects and questioned two hundred witnesses.", []),
        ("Police arrested five suspects.", ["five"]),
        ("Polisi menangkap empat tersangka.", ["empat"]),
    ],
    ids=["percent", "percent-sign", "rupiah", "thousands", "trillion", "million-and-year", "indonesian-forms",
         "wrong-percent", "wrong-scale", "wrong-count", "billion-not-trillion", "wrong-year",
         "word-count", "digits-for-words", "wrong-word-count", "wrong-indonesian-word"],
)
def test_unsupported_numbers(brief: str, unsupported: list[str]) -> None:
    assert unsupported_numbers(brief, SOURCE_ID) == unsupported


@pytest.mark.parametrize(
    "text, looping",
    [
        ("- Floods hit Bekasi.\n- Rice prices rose.", False),
        ("- the the the the price", True),
        ("- prices rose in the city and prices rose in the city and prices rose in the city", True),
        ("- Floods hit Bekasi.\n- Floods hit Bekasi.", True),
        ("- The fund grew to Rp 1.000.000.000 from Rp 500.000.000.", False),
        ("- Exports reached US$1,000,000,000 on 01/02/2025.", False),
        ("- 000 000 000 000", True),
        ("- antantantantant", True),
        ("- Warga Mississippi dan Tatatertib anak-anak", False),
    ],
    ids=["clean", "word-run", "phrase-loop", "duplicate-bullet", "rupiah-groups", "dollar-groups-and-date",
         "digit-run", "subword-loop", "repeated-letters-not-a-loop"],
)
def test_repetition_loop(text: str, looping: bool) -> None:
    assert repetition_loop(text) is looping


def test_guard_flags_without_fallback() -> None:
    brief = Brief(text="- Rice rose 2.5 percent.", headline="Rice up")
    kept, report = FaithfulnessGuard().check(SOURCE_ID, brief)
    assert kept is brief
    assert report["flags"] == ["unsupported_numbers"]
    assert report["unsupported_numbers"] == ["2.5 percent"]


def test_guard_falls_back_to_lead() -> None:
    brief = Brief(text="- Rice rose 9 percent.", headline="Rice up 9 percent", metadata={"map_reduce_depth": 1})
    replaced, report = FaithfulnessGuard(fallback="lead", fallback_sentences=1).check(SOURCE_ID, brief)
    assert replaced.text == "- Harga beras naik 2,1 persen menjadi Rp 150.000 per karung."
    assert replaced.metadata == {"map_reduce_depth": 1}
    assert report["flags"] == ["unsupported_numbers", "extractive_fallback"]
    assert report["discarded_brief"] == "- Rice rose 9 percent."


class CannedSummariser(Summariser):
    """A summariser that returns a fixed brief, to test the Step's guard wiring without a model."""

    method = "canned"

    def __init__(self, text: str, guard: FaithfulnessGuard):
        super().__init__(SummariserSettings.from_options("lead", pipeline="summarise-then-translate"))
        self.text, self.guard = text, guard

    def summarise_batch(self, texts, titles):
        return [Brief(text=self.text, headline="Floods", metadata={"map_reduce_depth": 0}) for _ in texts]


@pytest.mark.parametrize(
    "fallback, brief, flags",
    [
        (None, "- 15,720 residents were hit.", []),
        (None, "- 16,000 residents were hit.", ["unsupported_numbers"]),
        ("lead", "- 16,000 residents were hit.", ["unsupported_numbers", "extractive_fallback"]),
        ("lead", "- hit hit hit hit", ["repetition_loop", "extractive_fallback"]),
        (None, "", ["empty_brief"]),
        ("lead", "", ["empty_brief", "extractive_fallback"]),
    ],
    ids=["faithful", "flagged", "fallback-numbers", "fallback-loop", "empty", "fallback-empty"],
)
def test_step_flags_and_falls_back(fallback: str | None, brief: str, flags: list[str]) -> None:
    summariser = CannedSummariser(brief, guard=FaithfulnessGuard(fallback=fallback, fallback_sentences=1))
    [article] = list(summariser([Article(id="a", text=SOURCE_ID)]))
    assert article.flags == flags
    report = article.metadata["provenance"]["summarise"]["faithfulness"]
    assert report["flags"] == flags
    if fallback:
        assert article.brief == "- Harga beras naik 2,1 persen menjadi Rp 150.000 per karung."
        assert report["discarded_brief"] == brief
    else:
        assert article.brief == brief


def test_fallback_of_a_headline_only_brief_keeps_it_headline_only() -> None:
    brief = Brief(text=None, headline="Rice up 9 percent")
    replaced, report = FaithfulnessGuard(fallback="lead").check(SOURCE_ID, brief, title="Harga beras naik")
    assert report["flags"] == ["unsupported_numbers", "extractive_fallback"]
    assert replaced.text is None
    assert replaced.headline == "Harga beras naik"
