"""Translation checks: faithful pairs in every equal form pass, each kind of corruption is flagged."""

from __future__ import annotations

import pytest

from ringkas.record import Article
from ringkas.translate.checks import (
    NUMBER_FLAG,
    SENTENCE_FLAG,
    align_lengths,
    check_chunk,
    check_translated,
    missing_sentences,
    number_mismatches,
)

FAITHFUL = {
    "id_thousands": ("Sebanyak 15.720 orang mengungsi.", "A total of 15,720 people were evacuated."),
    "decimal_percent": ("Inflasi naik 2,1 persen.", "Inflation rose 2.1 percent."),
    "percent_sign": ("Inflasi naik 2,1 persen.", "Inflation rose 2.1%."),
    "scale_word": ("Kerugian mencapai Rp 1,5 triliun.", "Losses reached Rp 1.5 trillion."),
    "scale_as_digits": ("Kerugian mencapai Rp 1,5 triliun.", "Losses reached IDR 1,500 billion."),
    "scale_spelled_out": ("Dana Rp 50 ribu per orang.", "Funds of Rp 50,000 per person."),
    "rupiah_touching": ("Harganya Rp150.000 per kilogram.", "It costs IDR 150,000 per kilogram."),
    "dollars": ("Investasi US$ 5 juta.", "An investment of $5 million."),
    "two_scale_words": ("Sebanyak dua ratus ribu warga.", "Two hundred thousand residents."),
    "range_shares_scale": ("Antara 1,5 hingga 2 juta orang.", "Between 1.5 to 2 million people."),
    "range_spelled_out": ("Antara 1,5 hingga 2 juta orang.", "Between 1.5 million and 2 million people."),
    "time_colon": ("Gempa terjadi pukul 13.21 WIB.", "The quake struck at 13:21 WIB."),
    "time_meridiem": ("Gempa terjadi pukul 13.21 WIB.", "The quake struck at 1:21 p.m. local time."),
    "time_hour_only": ("Acara dimulai pukul 7 malam.", "The event starts at 7 p.m."),
    "time_range_copied": ("Biasanya pukul 01.00 hingga 04.00 dini hari.",
                          "Usually between 01.00 and 04.00 in the morning."),
    "date_numeric": ("Sidang digelar 15/6/2022.", "The hearing was held on June 15, 2022."),
    "date_copied": ("Sidang digelar 15/6/2022.", "The hearing was held on 15/6/2022."),
    "date_month_name": ("Rapat pada 24 Februari 2024.", "The meeting on February 24, 2024."),
    "month_may": ("Inflasi Mei 2024 naik.", "Inflation in May 2024 rose."),
    "number_word": ("Polisi menangkap tiga tersangka.", "Police arrested three suspects."),
    "number_word_to_digits": ("Polisi menangkap tiga tersangka.", "Police arrested 3 suspects."),
    "ordinal": ("Ini adalah pertemuan ke-3 tahun ini.", "This is the 3rd meeting this year."),
    "id_convention_copied": ("Kerugian Rp 2,5 triliun dan 13.450 ton.", "Losses of Rp 2,5 trillion and 13.450 tons."),
    "modal_may_is_no_month": ("Ia boleh datang.", "May he come? He may."),
    "no_numbers": ("Mahkamah menolak gugatan itu.", "The court rejected the petition."),
    "keduanya_the_two": ("Keduanya berbicara lewat telepon.", "The two spoke by phone."),
    "keduanya_both": ("Keduanya berbicara lewat telepon.", "Both spoke by phone."),
    "kedua_negara_the_two": ("Koordinasi antara kedua negara.", "Coordination between the two countries."),
    "kedua_negara_both": ("Koordinasi antara kedua negara.", "Coordination between both countries."),
    "kedua_the_second": ("Ini panggilan kedua Xi.", "This is Xi's second call."),
    "kedua_2nd": ("Ini panggilan kedua Xi.", "This is Xi's 2nd call."),
    "kedua_belah_pihak": ("Kedua belah pihak sepakat.", "Both sides agreed."),
    "the_two_for_a_pronoun": ("Mereka sepakat bertemu lagi.", "The two agreed to meet again."),
    "dua_to_the_two": ("Dua menteri itu bertemu.", "The two ministers met."),
}


@pytest.mark.parametrize("source,translation", FAITHFUL.values(), ids=FAITHFUL.keys())
def test_faithful_forms_are_not_flagged(source, translation):
    assert check_chunk(source, translation).flags == []


CORRUPT = {
    "wrong_digit": ("Sebanyak 15.720 orang mengungsi.", "A total of 15,730 people were evacuated.",
                    ["15.720", "15,730"]),
    "thousands_read_as_decimal": ("Sebanyak 15.720 orang mengungsi.", "A total of 15.72 people were evacuated.",
                                  ["15.720", "15.72"]),
    "wrong_scale_word": ("Kerugian mencapai Rp 1,5 triliun.", "Losses reached Rp 1.5 billion.",
                         ["1,5 triliun", "1.5 billion"]),
    "dropped_scale_word": ("Kerugian mencapai Rp 1,5 triliun.", "Losses reached Rp 1.5.", ["1,5 triliun"]),
    "wrong_decimal": ("Inflasi naik 2,1 persen.", "Inflation rose 2.4 percent.", ["2,1 persen", "2.4 percent"]),
    "wrong_time": ("Gempa terjadi pukul 13.21 WIB.", "The quake struck at 13:12 WIB.", ["13.21 WIB", "13:12 WIB"]),
    "wrong_day": ("Rapat pada 24 Februari.", "The meeting on February 25.", ["24", "25"]),
    "wrong_month": ("Rapat pada 24 Februari.", "The meeting on March 24.", ["Februari", "March"]),
    "wrong_number_word": ("Polisi menangkap tiga tersangka.", "Police arrested four suspects.", ["tiga", "four"]),
    "invented_number": ("Harga naik tajam.", "Prices rose 12 percent.", ["12 percent"]),
    "count_beside_the_two": ("Keduanya menangkap tiga tersangka.", "The two arrested four suspects.",
                             ["tiga", "four"]),
}


@pytest.mark.parametrize("source,translation,numbers", CORRUPT.values(), ids=CORRUPT.keys())
def test_each_number_corruption_is_flagged(source, translation, numbers):
    check = check_chunk(source, translation)
    assert check.flags == [NUMBER_FLAG]
    assert [entry["number"] for entry in check.numbers] == numbers


# The check aligns by length only: which sentence is missing is clear when their lengths differ.
THREE = ("Banjir merendam ratusan rumah di Bekasi sejak Senin pagi. Warga mengungsi ke masjid dan sekolah "
         "terdekat. Pemerintah daerah menyiapkan dapur umum bagi pengungsi di semua kecamatan yang terdampak banjir.")
LAST_EN = "The local government set up public kitchens for evacuees in every district hit by the floods."
THREE_EN = f"Floods submerged hundreds of homes in Bekasi on Monday. Residents fled to nearby mosques and schools. {LAST_EN}"
WITH_NUMBER = ("Banjir merendam ratusan rumah di Bekasi sejak Senin pagi. Sebanyak 1.250 warga mengungsi ke masjid dan sekolah terdekat. "
               "Pemerintah daerah menyiapkan dapur umum bagi pengungsi di semua kecamatan yang terdampak banjir.")

SENTENCES = {
    "faithful": (THREE, THREE_EN, []),
    "two_merged_into_one": (THREE, "Floods submerged hundreds of homes in Bekasi on Monday and residents fled to "
                            f"nearby mosques and schools. {LAST_EN}", []),
    "dropped_without_number": (THREE, f"Floods submerged hundreds of homes in Bekasi on Monday. {LAST_EN}",
                               ["Warga mengungsi ke masjid dan sekolah terdekat."]),
    "dropped_last": (THREE, "Floods submerged hundreds of homes in Bekasi on Monday. Residents fled to nearby mosques "
                     "and schools.", ["Pemerintah daerah menyiapkan dapur umum bagi pengungsi di semua kecamatan yang "
                                      "terdampak banjir."]),
    "empty_translation": ("Warga mengungsi.", "", ["Warga mengungsi."]),
}


@pytest.mark.parametrize("source,translation,missing", SENTENCES.values(), ids=SENTENCES.keys())
def test_missing_sentences(source, translation, missing):
    assert missing_sentences(source, translation) == missing


def test_dropped_sentence_with_a_number_is_flagged_by_both_checks():
    translation = f"Floods submerged hundreds of homes in Bekasi on Monday. {LAST_EN}"
    check = check_chunk(WITH_NUMBER, translation)
    assert check.flags == [NUMBER_FLAG, SENTENCE_FLAG]
    assert check.numbers == [{"number": "1.250", "in": "source"}]
    assert check.sentences == ["Sebanyak 1.250 warga mengungsi ke masjid dan sekolah terdekat."]


def test_alignment_beads_cover_both_sides_in_order():
    beads = align_lengths([60, 45, 70], [62, 120])
    assert [b for _, b in beads] == [(1, 1), (2, 1)]
    assert sum(di for _, (di, _) in beads) == 3 and sum(dj for _, (_, dj) in beads) == 2


def test_number_mismatch_names_the_side():
    assert number_mismatches("Ada 5 korban.", "There were 6 victims.") == [
        {"number": "5", "in": "source"}, {"number": "6", "in": "translation"}]


def test_check_translated_sets_flags_and_metadata_per_paragraph_and_clears_stale_ones():
    article = Article(id="a", title="Inflasi 2,1 persen", title_en="Inflation 2.1 percent",
                      text=f"Paragraf satu ada 5 korban.\n\n{THREE}",
                      text_en=f"Paragraph one has 6 victims.\n\nFloods submerged hundreds of homes in Bekasi on Monday. "
                              f"{LAST_EN}",
                      flags=["mt_sentence_missing", "cleaned"])
    flags = check_translated(article, {"title": "title_en", "text": "text_en"})
    assert flags == [NUMBER_FLAG, SENTENCE_FLAG]
    assert article.flags == ["cleaned", NUMBER_FLAG, SENTENCE_FLAG]
    assert article.metadata["check"]["numbers"] == [
        {"field": "text", "chunk": 0, "number": "5", "in": "source"},
        {"field": "text", "chunk": 0, "number": "6", "in": "translation"}]
    assert article.metadata["check"]["sentences"] == [
        {"field": "text", "chunk": 1, "sentence": "Warga mengungsi ke masjid dan sekolah terdekat."}]
    article.text_en = f"Paragraph one has 5 victims.\n\n{THREE_EN}"
    assert check_translated(article, {"title": "title_en", "text": "text_en"}) == []
    assert article.flags == ["cleaned"] and "check" not in article.metadata
