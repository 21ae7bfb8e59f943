"""The edge-teaser guard (issue 14): another story's teaser at the start or end of the body goes; the story's
own paragraphs stay, background included."""

import pytest

from ringkas.clean.coherence import EdgeTeaserFilter, stem
from ringkas.record import Article

TITLE = "Ekspor Kopi Naik 12 Persen pada Semester Pertama"
LEAD = ("Ekspor kopi Indonesia pada semester pertama 2025 naik 12 persen dibanding periode yang sama tahun lalu, "
        "didorong permintaan dari Eropa.")
BODY = [
    LEAD,
    "Kementerian Perdagangan mencatat nilai pengiriman mencapai US$ 1,1 miliar hingga Juni.",
    "“Permintaan kopi spesialti terus tumbuh,” kata Direktur Jenderal Perdagangan Luar Negeri.",
    "Pemerintah menargetkan nilai ekspor sepanjang tahun naik 15 persen.",
]


def run(paragraphs: list[str], title: str | None = TITLE) -> Article:
    article = Article(id="a", title=title, text="\n\n".join(paragraphs))
    return next(EdgeTeaserFilter()([article]))


@pytest.mark.parametrize("teaser", [
    # a portal's upper-case lead word and a teaser's call to read on
    ["PEMERINTAH mencabut empat izin usaha pertambangan di Kabupaten Halmahera. Berikut lima poin penting yang "
     "perlu diketahui"],
    # no sentence-final stop: a standfirst cut from its page
    ["Warga Sleman mengeluhkan tarif parkir liar di kawasan wisata"],
    # a title line, then its standfirst
    ["Tarif Ojek Daring Berubah Mulai Januari", "Perubahan tarif berlaku di tiga zona sekaligus bagi pengemudi."],
    # the teaser's own pointer
    ["Harga emas Antam hari ini dibuka turun. Cek daftar harga lengkap di sini."],
    # two teasers in a row
    ["Tarif Ojek Daring Berubah Mulai Januari", "Perubahan tarif berlaku di tiga zona sekaligus bagi pengemudi.",
     "Warga Sleman mengeluhkan tarif parkir liar di kawasan wisata"],
], ids=["upper-lead-and-cue", "no-stop", "title-and-standfirst", "cue", "two-teasers"])
def test_a_teaser_of_another_story_at_the_end_goes(teaser):
    article = run(BODY + teaser)
    assert article.text.split("\n\n") == BODY
    assert article.metadata["clean"]["removed"]["edge_teasers"] == len(teaser)


def test_a_teaser_before_the_lead_goes():
    article = run(["Tarif Ojek Daring Berubah Mulai Januari", "Perubahan tarif berlaku di tiga zona sekaligus.", *BODY])
    assert article.text.split("\n\n") == BODY


@pytest.mark.parametrize("paragraphs", [
    # background inside the story, unrelated and teaser-shaped: only the edges are judged
    [LEAD, "Warga Sleman mengeluhkan tarif parkir liar di kawasan wisata", *BODY[1:]],
    # an unrelated closing sentence that reads as a sentence, not as a teaser
    BODY + ["Sementara itu, cuaca di Jakarta diperkirakan cerah berawan sepanjang akhir pekan."],
    # a closing line without a stop that is about the story
    BODY + ["Kopi robusta masih menjadi andalan petani di Lampung"],
    # an unrelated closing quote
    BODY + ["“Kami belum menerima laporan apa pun,” ujar juru bicara kepolisian"],
    # a long closing paragraph is the story's, whatever its words
    BODY + ["Di tempat lain, " + "warga Sleman mengeluhkan tarif parkir liar di kawasan wisata, " * 6 + "kemarin"],
    # a closing sentence that refers back to the story, below a title-like line a filter left in place
    BODY + ["iklan - lanjutkan membaca di bawah", "Mereka terancam hukuman penjara dan denda Rp 600 juta."],
    # the story's own list closing the body, its last item off the headline's topic
    BODY + ["Syarat pengiriman:", "• Dokumen asal barang lengkap", "• Cuaca buruk, banjir atau bencana lainnya"],
], ids=["background-inside", "closing-sentence", "on-topic-no-stop", "quote", "long", "refers-back",
        "closing-list-items"])
def test_the_story_stays_whole(paragraphs):
    article = run(paragraphs)
    assert article.text.split("\n\n") == paragraphs
    assert "edge_teasers" not in article.metadata.get("clean", {}).get("removed", {})


def test_no_headline_no_guard():
    paragraphs = BODY + ["Warga Sleman mengeluhkan tarif parkir liar di kawasan wisata"]
    assert run(paragraphs, title=None).text.split("\n\n") == paragraphs


def test_a_short_article_keeps_two_paragraphs_at_least():
    paragraphs = [LEAD, "Warga Sleman mengeluhkan tarif parkir liar di kawasan wisata"]
    assert run(paragraphs).text.split("\n\n") == paragraphs


@pytest.mark.parametrize("one,other", [
    ("pencabutan", "dicabut"), ("mencabut", "cabut"), ("mengirim", "pengiriman"), ("permintaan", "permintaannya"),
    ("diperbaiki", "perbaikan"),
])
def test_rough_stems_bring_word_families_together(one, other):
    assert stem(one) == stem(other)


def test_rough_stems_keep_short_words_whole():
    assert stem("ekspor") == "ekspor" and stem("beras") == "beras"
