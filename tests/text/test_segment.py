import pytest

from ringkas.text import join_paragraphs, split_paragraphs, split_sentences

CASES = [
    ("Harga cabai naik 2,1 persen menjadi Rp 15.720 per kg. Pedagang mengeluh.",
     ["Harga cabai naik 2,1 persen menjadi Rp 15.720 per kg.", "Pedagang mengeluh."]),
    ("Ia tiba pukul 06.00 WIB. Kemudian rapat dimulai.", ["Ia tiba pukul 06.00 WIB.", "Kemudian rapat dimulai."]),
    ("Kata dr. Siti Nadia, kasus turun. Sementara itu H. Agus tidak hadir.",
     ["Kata dr. Siti Nadia, kasus turun.", "Sementara itu H. Agus tidak hadir."]),
    ("Tarif Rp. 150.000 berlaku. No. 5 menang undian.", ["Tarif Rp. 150.000 berlaku.", "No. 5 menang undian."]),
    ('"Kami siap," kata dia. "Semua sudah disiapkan." Ia pun pergi.',
     ['"Kami siap," kata dia.', '"Semua sudah disiapkan."', "Ia pun pergi."]),
    ("Susilo B. Yudhoyono hadir. Apa kabar? Baik!", ["Susilo B. Yudhoyono hadir.", "Apa kabar?", "Baik!"]),
    ("Gedung di Jl. Sudirman No. 12 terbakar. Petugas datang.",
     ["Gedung di Jl. Sudirman No. 12 terbakar.", "Petugas datang."]),
    ("Prof. Dr. Budi, M.Si. memimpin tim. Hasilnya keluar Senin.",
     ["Prof. Dr. Budi, M.Si. memimpin tim.", "Hasilnya keluar Senin."]),
    ("PT. Garuda Indonesia Tbk. mencatat rugi. Saham turun.",
     ["PT. Garuda Indonesia Tbk. mencatat rugi.", "Saham turun."]),
    ("Ia menunggu... lalu pergi. Esoknya kembali.", ["Ia menunggu... lalu pergi.", "Esoknya kembali."]),
    ("Inflasi 3,2 persen. 15 provinsi terdampak.", ["Inflasi 3,2 persen.", "15 provinsi terdampak."]),
    ("Tanpa titik di akhir", ["Tanpa titik di akhir"]),
    ("Jl. Jend. Sudirman Kav. 52-53 ditutup. Pengendara dialihkan.",
     ["Jl. Jend. Sudirman Kav. 52-53 ditutup.", "Pengendara dialihkan."]),
    ("Kasus ditangani AKBP. Budi Santoso. Ia memimpin.", ["Kasus ditangani AKBP. Budi Santoso.", "Ia memimpin."]),
    ("Presiden A.S. Joe Biden hadir. Kapal U.S. Navy tiba.",
     ["Presiden A.S. Joe Biden hadir.", "Kapal U.S. Navy tiba."]),
    ("Data per tgl. 5 Mei naik. Ia menjelaskan banyak hal. Jaraknya 5 km. Lalu pulang.",
     ["Data per tgl. 5 Mei naik.", "Ia menjelaskan banyak hal.", "Jaraknya 5 km.", "Lalu pulang."]),
    ('"Kami akan bertindak tegas. Tidak ada toleransi," kata Kapolda. Ia menambahkan.',
     ['"Kami akan bertindak tegas. Tidak ada toleransi," kata Kapolda.', "Ia menambahkan."]),
    ("Ia berkata, “Harga naik. Kami khawatir.” Lalu ia pergi.",
     ["Ia berkata, “Harga naik. Kami khawatir.”", "Lalu ia pergi."]),
    ('Tanda kutip "tak tertutup. Kalimat dua. Kalimat tiga.',
     ['Tanda kutip "tak tertutup.', "Kalimat dua.", "Kalimat tiga."]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[
    "decimal-comma-thousands-dot", "time-wib", "dr-and-haji", "rp-and-no", "quotes", "initial-question-exclaim",
    "jalan-nomor", "prof-degree", "pt-tbk", "ellipsis-lowercase", "digit-start", "no-final-stop",
    "kavling", "police-rank", "dotted-initials", "tgl-but-hal-and-km-end-sentences",
    "quote-of-two-sentences", "curly-quote-of-two-sentences", "unclosed-quote-splits",
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_paragraphs_round_trip_and_line_breaks_inside_paragraph():
    text = "Satu baris\nlanjutan.\n\n\n  Paragraf dua.  \n \nTiga."
    paragraphs = split_paragraphs(text)
    assert paragraphs == ["Satu baris lanjutan.", "Paragraf dua.", "Tiga."]
    assert split_paragraphs(join_paragraphs(paragraphs)) == paragraphs


def test_sentence_split_never_crosses_paragraphs():
    assert split_sentences("Satu\n\nDua") == ["Satu", "Dua"]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("text", [
    "." * 200_000, "!" * 200_000 + "a", "Ia pergi" + "?" * 100_000 + " Lalu pulang.",
], ids=["dots", "exclamations", "question-marks"])
def test_long_punctuation_runs_are_linear(text):
    assert "".join(split_sentences(text)).replace(" ", "") == text.replace(" ", "")


@pytest.mark.timeout(10)
@pytest.mark.parametrize("text", [
    "Rp. " * 50_000, " ".join(f"Sdr. Ahmad {i}," for i in range(15_000)),
], ids=["rupiah-run", "titled-names"])
def test_long_runs_of_abbreviations_are_linear(text):
    # Every full stop follows an abbreviation: one sentence, found without rescanning the text before it.
    assert split_sentences(text) == [text.strip()]


def test_a_long_quoted_passage_still_splits():
    sentence = "Pemerintah akan terus memantau harga bahan pokok di seluruh pasar tradisional. "
    text = '"' + sentence * 5 + 'Kami berjanji," kata menteri.'
    assert len(split_sentences(text)) == 6


@pytest.mark.timeout(30)
@pytest.mark.parametrize("quote", ['"', "“"], ids=["straight", "curly"])
def test_many_quotes_are_linear(quote):
    text = (quote + "Ya. Tidak. ") * 100_000
    assert len(split_sentences(text)) >= 100_000
