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
    assert result == {"mt_number_flagged": pytest.approx(25.0), "mt_sentence_flagged": pytest.approx(25.0)}


def test_a_record_without_its_own_text_is_checked_against_the_cleaned_suite_source():
    raw = "Sebanyak 15.720 orang mengungsi.\n\nBaca juga: Harga Cabai Tembus Rp 80.000 per Kilogram\n\nHarga naik 2,1 persen."
    result = figures([segment(FAITHFUL, text=None, source=raw)])
    assert result == {"mt_number_flagged": 0.0, "mt_sentence_flagged": 0.0}


def test_a_system_without_translations_is_not_a_number():
    result = figures([segment(None), segment("")])
    assert all(math.isnan(v) for v in result.values())
