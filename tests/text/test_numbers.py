"""Number reading shared by the faithfulness guard and the evaluation harness's number fidelity."""

from __future__ import annotations

import math

import pytest

from ringkas.text.numbers import check_numbers, numbers_in

READINGS = {
    "id_thousands": ("15.720 warga", 15720),
    "en_thousands": ("15,720 residents", 15720),
    "id_decimal": ("naik 2,1 persen", 2.1),
    "en_decimal": ("rose 2.1 percent", 2.1),
    "rupiah": ("Rp 150.000", 150000),
    "id_millions": ("1.234.567 orang", 1234567),
    "id_mixed": ("Rp 2.950,12", 2950.12),
    "en_mixed": ("Rp 2,950.12", 2950.12),
    "scale_id": ("Rp 2,5 triliun", 2.5e12),
    "scale_en": ("Rp 2.5 trillion", 2.5e12),
    "scale_abbreviation": ("$1.2 bn", 1.2e9),
    "number_word": ("tiga tersangka", 3),
}


@pytest.mark.parametrize("text,value", READINGS.values(), ids=READINGS.keys())
def test_each_format_reads_as_its_value(text, value):
    (_surface, scaled, _plain), = numbers_in(text)
    assert any(math.isclose(reading, value, rel_tol=1e-9) for reading in scaled)


def test_a_date_like_token_is_not_a_quantity():
    assert numbers_in("versi 1.2.3") == []


FIDELITY = {
    "all_found": ("About 15,720 people fled; losses reached Rp 2.5 trillion.",
                  "Sebanyak 15.720 warga mengungsi, kerugian Rp 2,5 triliun.", [], 2),
    "invented_number": ("Inflation hit 3.4 percent.", "Inflasi naik 2,1 persen.", ["3.4 percent"], 1),
    "decimal_vs_thousands": ("Rice cost Rp 13,450 per kilogram, up 4.2 percent.",
                             "Harga beras Rp 13.450 per kilogram, naik 4,2 persen.", [], 2),
    "no_numbers": ("The court rejected the petitions.", "MK menolak gugatan.", [], 0),
    "scaled_vs_plain": ("Turnover was Rp 1.3 trillion.", "perputaran uang mencapai Rp 1,3 triliun", [], 1),
    "word_vs_digits": ("Police arrested three suspects.", "Polisi menangkap 3 tersangka.", [], 1),
    "wrong_count_word": ("Police arrested four suspects.", "Polisi menangkap tiga tersangka.", ["four"], 1),
    "the_two_is_no_figure": ("The two leaders spoke by phone.", "Keduanya berbicara lewat telepon.", [], 0),
    "both_beside_a_figure": ("Both sides named 12 envoys.", "Kedua belah pihak menunjuk 12 utusan.", [], 1),
}


@pytest.mark.parametrize("brief,source,unsupported,count", FIDELITY.values(), ids=FIDELITY.keys())
def test_check_numbers(brief, source, unsupported, count):
    assert check_numbers(brief, source) == (unsupported, count)


def _values(text, convention):
    from ringkas.text.numbers import read_numbers

    return [sorted(v for _, v in n.keys) for n in read_numbers(text, convention)]


CONVENTION = {
    "id_thousands": ("15.720 orang", "id", [[15720]]),
    "en_decimal": ("15.72 people", "en", [[15.72]]),
    "id_decimal": ("2,1 persen", "id", [[2.1]]),
    "en_thousands": ("15,720 people", "en", [[15720]]),
    # Only the other convention can read it: the text shows that convention, its ambiguous tokens get both.
    "en_decimal_in_id_text": ("naik 1.5 persen jadi 13.450 ton", "id", [[1.5], [13.45, 13450]]),
    "id_decimal_in_en_text": ("up 2,1 percent to 13.450 tons", "en", [[2.1], [13.45, 13450]]),
    "scale": ("Rp 1,5 triliun", "id", [[1.5e12]]),
    "clock_with_zone": ("pukul 13.21 WIB", "id", [[801]]),
    "clock_colon": ("at 13:21", "en", [[801]]),
    "meridiem": ("at 1:21 p.m.", "en", [[801]]),
    "hour_meridiem": ("at 7 p.m.", "en", [[7, 1140]]),
    "dot_time_or_figure": ("hingga 04.00", "id", [[4.0, 240]]),
    "dot_figure_with_percent": ("naik 13.45 persen", "id", [[13.45]]),
    "date": ("15/6/2022", "id", [[15], [6], [2022]]),
    "month_names": ("24 Februari / February 24", None, [[24], [2], [2], [24]]),
    "may_is_a_verb": ("May he come", "en", []),
    "may_is_a_month": ("in May", "en", [[5]]),
}


@pytest.mark.parametrize("text,convention,values", CONVENTION.values(), ids=CONVENTION.keys())
def test_read_numbers_under_a_convention(text, convention, values):
    assert _values(text, convention) == values
