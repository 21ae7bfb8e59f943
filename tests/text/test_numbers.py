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
}


@pytest.mark.parametrize("brief,source,unsupported,count", FIDELITY.values(), ids=FIDELITY.keys())
def test_check_numbers(brief, source, unsupported, count):
    assert check_numbers(brief, source) == (unsupported, count)
