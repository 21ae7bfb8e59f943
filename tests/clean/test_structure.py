import pytest

from ringkas.clean.patterns import load_patterns
from ringkas.clean.structure import DatelineStripper, HeadlineDetector, RepeatFilter, find_dateline, looks_like_headline
from ringkas.record import Article

DATELINES = [
    ("JAKARTA, KOMPAS.com - Presiden meresmikan tol baru.", "Jakarta", "KOMPAS.com"),
    ("Liputan6.com, Jakarta - Menteri Keuangan menyampaikan APBN surplus.", "Jakarta", "Liputan6.com"),
    ("Jakarta (ANTARA) - Bank Indonesia menahan suku bunga.", "Jakarta", "ANTARA"),
    ("SURABAYA (Antara) - Hujan deras mengguyur kota.", "Surabaya", "Antara"),
    ("Bandung - Hujan deras disertai angin kencang menumbangkan pohon.", "Bandung", None),
    ("Jakarta Selatan - Polisi menangkap dua pelaku jambret.", "Jakarta Selatan", None),
    ("TRIBUNNEWS.COM, JAKARTA - Polisi menetapkan tersangka baru.", "Jakarta", "TRIBUNNEWS.COM"),
    ("Jakarta, CNN Indonesia -- Harga emas Antam turun.", "Jakarta", "CNN Indonesia"),
    ("Suara.com - Pemerintah membuka pendaftaran CPNS.", None, "Suara.com"),
    ("MAKASSAR, KOMPAS.com — Gempa terasa hingga Makassar.", "Makassar", "KOMPAS.com"),
    ("Jakarta, IDN Times - Menteri BUMN mengumumkan direksi baru.", "Jakarta", "IDN Times"),
    ("JAKARTA, KOMPAS.TV - Presiden meninjau lokasi banjir.", "Jakarta", "KOMPAS.TV"),
    ("Jakarta, Kontan.co.id - Harga emas naik.", "Jakarta", "Kontan.co.id"),
    ("Cianjur - Gempa bermagnitudo 5,6 mengguncang Cianjur.", "Cianjur", None),
    ("Tangerang Selatan - Banjir merendam perumahan.", "Tangerang Selatan", None),
    ("CIAMIS - Jembatan gantung putus diterjang banjir.", "Ciamis", None),
    ("Beijing - Presiden China Xi Jinping menelepon Putin.", "Beijing", None),
    # no dash after the place (Liputan6, Fimela): the outlet and its comma make it a dateline
    ("Contoh6.com, Jakarta Sepekan setelah banjir, warga mulai pulang.", "Jakarta", "Contoh6.com"),
    ("Contoh6.com, Jakarta Selatan Polisi menangkap dua pelaku jambret.", "Jakarta Selatan", "Contoh6.com"),
    ("Contoh6.com, Ciamis Jembatan gantung putus diterjang banjir.", "Ciamis", "Contoh6.com"),
    ("CONTOH.COM, GARUT Longsor menutup jalan provinsi.", "Garut", "CONTOH.COM"),
    # a province after the place, a date and a wire beside the outlet, a desk glued to the outlet's name
    ("Bandarlampung, Lampung (ANTARA News) - Polisi menangkap dua pelaku.", "Bandarlampung", "ANTARA News"),
    ("ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) -- Kota itu menggelar festival film.", "Istanbul", "Antara"),
    ("Jakarta, KompasOtomotif – Dua produsen mobil membangun pabrik.", "Jakarta", "KompasOtomotif"),
]


@pytest.mark.parametrize("paragraph,place,outlet", DATELINES, ids=[d[0].split(" -")[0] for d in DATELINES])
def test_dateline_is_found_and_stripped(paragraph, place, outlet):
    found, rest = find_dateline(paragraph, load_patterns())
    assert found.get("place") == place and found.get("outlet") == outlet
    assert rest[0].isupper() and not rest.startswith(("-", "—"))


@pytest.mark.parametrize("paragraph", [
    "Presiden Joko Widodo meresmikan jalan tol baru di Semarang.",
    "Harga BBM - yang naik sejak September - kembali dibahas.",
    "Rp 5.000 - Rp 10.000 per kilogram menjadi harga wajar, kata pedagang.",
    "Bandung -",
    "Persib - Persija berakhir 2-1 di Stadion Gelora Bandung Lautan Api.",
    "Timnas U-23 - Vietnam digelar di Stadion Utama Gelora Bung Karno.",
    # an upper-case lead word some portals use is the sentence's own first word, place name or not
    "PEMERINTAH mencabut empat izin usaha pertambangan di Kabupaten Raja Ampat.",
    "JAKARTA International Stadium kembali menjadi tuan rumah laga timnas.",
    "INDEKS Harga Saham Gabungan ditutup menguat pada perdagangan Kamis.",
    "Contoh.com, situs berita daring, melaporkan kenaikan harga beras.",
], ids=["plain-sentence", "dash-lowercase", "price-range", "nothing-after", "score-line", "fixture",
        "lead-word", "lead-word-place", "lead-word-index", "outlet-as-subject"])
def test_no_dateline(paragraph):
    assert find_dateline(paragraph, load_patterns()) is None


def run(step, **fields):
    return next(step([Article(id="a", **fields)]))


def test_dateline_moves_into_metadata_only_from_the_first_paragraph():
    text = "JAKARTA, KOMPAS.com - Harga beras naik.\n\nBandung - Harga cabai juga naik."
    article = run(DatelineStripper(), text=text)
    assert article.text == "Harga beras naik.\n\nBandung - Harga cabai juga naik."
    assert article.metadata["dateline"] == {"text": "JAKARTA, KOMPAS.com -", "place": "Jakarta",
                                            "outlet": "KOMPAS.com"}


CAPTION = "Warga melintasi jalan yang tergenang banjir di Bekasi, Selasa (2/1/2024)."
LEDE = "Banjir merendam 2.300 rumah di tiga kecamatan."


@pytest.mark.parametrize("text, expected, dateline, before", [
    (f"{CAPTION}\n\nBEKASI, KOMPAS.com - {LEDE}\n\nWarga mengungsi.", f"{LEDE}\n\nWarga mengungsi.",
     "BEKASI, KOMPAS.com -", 1),
    (f"Ringkasan: banjir di Bekasi.\n\n{CAPTION}\n\nBekasi, Lampung (ANTARA News) - {LEDE}",
     LEDE, "Bekasi, Lampung (ANTARA News) -", 2),
    (f"ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --\n\n{LEDE}", LEDE,
     "ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --", 0),
    (f"Jakarta\n\n{LEDE}", LEDE, "Jakarta", 0),
    # near misses: a bare place further down is the story's sentence; a long story paragraph is never lead-in
    (f"{LEDE}\n\nBandung - Hujan juga turun di Bandung.", None, None, 0),
    (f"{LEDE} " + "Air naik sejak sore. " * 25 + "\n\nJAKARTA, KOMPAS.com - Hujan juga turun.", None, None, 0),
], ids=["after_caption", "after_summary_and_caption", "dateline_alone", "place_alone", "bare_place_later", "after_long_paragraph"])
def test_a_dateline_in_the_first_lines_takes_the_lead_in_with_it(text, expected, dateline, before):
    article = run(DatelineStripper(), text=text)
    assert article.text == (expected if expected is not None else text)
    assert article.metadata.get("dateline", {}).get("text") == dateline
    assert article.metadata.get("clean", {}).get("removed", {}).get("before_dateline", 0) == before


@pytest.mark.parametrize("text,title", [
    ("Banjir Rendam Ribuan Rumah di Bekasi\n\nBanjir merendam 2.300 rumah.", "Banjir Rendam Ribuan Rumah di Bekasi"),
    ("Kenapa Harga Beras Terus Naik?\n\nHarga beras naik lagi.", "Kenapa Harga Beras Terus Naik?"),
    ("Banjir merendam rumah. Warga mengungsi\n\nParagraf dua.", None),
    ("Banjir merendam ribuan rumah di Bekasi.\n\nParagraf dua.", None),
    ("Menurut BPBD,\n\nair naik.", None),
    ("Hanya Satu Baris Judul", None),
], ids=["headline", "question-headline", "two-sentences", "sentence", "comma", "single-paragraph"])
def test_headline_detection(text, title):
    article = run(HeadlineDetector(), text=text)
    assert article.title == title
    if title:
        assert title not in article.text
    else:
        assert article.text == text


@pytest.mark.parametrize("title,expected", [
    ("Harga Beras Naik Lagi - Kompas.com", "Harga Beras Naik Lagi"),
    ("Harga Beras Naik Lagi | Liputan6.com", "Harga Beras Naik Lagi"),
    ("Gempa Guncang Cianjur - ANTARA News", "Gempa Guncang Cianjur"),
    ("Persib - Persija Berakhir Imbang", "Persib - Persija Berakhir Imbang"),
    ("Kompas.com", "Kompas.com"),
], ids=["kompas", "liputan6-pipe", "antara-news", "score-line-kept", "only-outlet-kept"])
def test_outlet_suffix_leaves_the_title(title, expected):
    assert run(HeadlineDetector(), text="Isi berita.", title=title).title == expected
    detected = run(HeadlineDetector(), text=f"{title}\n\nIsi berita.")
    assert detected.title == expected and detected.text == "Isi berita."


def test_headline_detection_keeps_a_given_title():
    article = run(HeadlineDetector(), text="Judul Lain\n\nIsi berita.", title="Judul Asli")
    assert (article.title, article.text) == ("Judul Asli", "Judul Lain\n\nIsi berita.")


def test_looks_like_headline_length_limit():
    assert not looks_like_headline(" ".join(["Kata"] * 30))


def test_a_headline_about_gambling_stays_the_title():
    from ringkas.clean import build_cleaner

    text = ("Polisi Bongkar Jaringan Situs Slot Online di Medan\n\n"
            "Polda Sumatera Utara menangkap lima tersangka pengelola situs judi daring di Medan, Senin (6/5/2024). "
            "Para tersangka diduga meraup keuntungan hingga Rp 2 miliar per bulan dari ribuan pemain.")
    stream = [Article(id="judi", text=text)]
    for step in build_cleaner():
        stream = step(stream)
    [article] = list(stream)
    assert not article.rejected and article.title == "Polisi Bongkar Jaringan Situs Slot Online di Medan"
    assert article.text.startswith("Polda Sumatera Utara menangkap")


@pytest.mark.parametrize("line, headline", [
    ("Kunjungan Dr. Siti ke Jakarta Disambut Warga", True),
    ("Harga BBM Naik Rp 1.000 per Liter Mulai 1 Januari", True),
    ("H. Agus Salim Dikenang di Bukittinggi", True),
    ("Banjir surut. Warga kembali ke rumah", False),
    ("Gempa Guncang Cianjur! Ribuan Warga Mengungsi", False),
])
def test_looks_like_headline_reads_abbreviations(line, headline):
    assert looks_like_headline(line) is headline


def test_repeated_headline_and_paragraphs_appear_once():
    title = "Xi Jinping Telepon Putin, Nyatakan China Dukung Rusia"
    p1 = "Presiden China Xi Jinping kembali muncul. Ia memberi pesan ke dunia."
    p2 = "Di kesempatan yang sama, Xi juga memuji hubungan kedua negara."
    text = "\n\n".join([p1, title, title.upper(), p1, p2, "  " + p2.replace(" ", "  ")])
    article = run(RepeatFilter(), text=text, title=title)
    assert article.text == f"{p1}\n\n{p2}"
    assert article.metadata["clean"]["removed"] == {"repeated_headline": 2, "repeated_paragraph": 2}


def test_an_upper_case_lead_word_keeps_its_word_through_the_cleaner():
    text = ("PEMERINTAH mencabut empat izin usaha pertambangan nikel di Kabupaten Raja Ampat, Papua Barat Daya.\n\n"
            "Keputusan itu diumumkan setelah tim kementerian meninjau lokasi tambang pekan lalu.")
    from ringkas.clean import clean_articles

    [article] = clean_articles([Article(id="a", title="Pemerintah Cabut Empat Izin Tambang", text=text)])
    assert article.text == text and "dateline" not in article.metadata


@pytest.mark.parametrize("text, expected, labels", [
    # a channel label and a breadcrumb above the repeated headline are the page's chrome
    ("FotoEkonomi\n\nJembatan Cimanuk Resmi Dibuka\n\nPemerintah membuka jembatan baru pada Senin.",
     "Pemerintah membuka jembatan baru pada Senin.", 1),
    ("Home Berita\n\nRegional\n\nJembatan Cimanuk Resmi Dibuka\n\nPemerintah membuka jembatan baru pada Senin.",
     "Pemerintah membuka jembatan baru pada Senin.", 2),
    # near misses: a sentence above the repeat is the story's lede; a label with no repeat below it stays
    ("Pemerintah membuka jembatan baru.\n\nJembatan Cimanuk Resmi Dibuka\n\nWarga menyambutnya.",
     "Pemerintah membuka jembatan baru.\n\nWarga menyambutnya.", 0),
    ("Posko Pengungsian\n\nPemerintah membuka posko di balai desa.",
     "Posko Pengungsian\n\nPemerintah membuka posko di balai desa.", 0),
    ("Satu\n\nDua\n\nTiga\n\nJembatan Cimanuk Resmi Dibuka\n\nPemerintah membuka jembatan baru pada Senin.",
     "Satu\n\nDua\n\nTiga\n\nPemerintah membuka jembatan baru pada Senin.", 0),
], ids=["channel_label", "breadcrumb_and_label", "lede_above_repeat_stays", "subhead_without_repeat_stays",
        "three_labels_are_not_chrome"])
def test_labels_above_a_repeated_headline_go(text, expected, labels):
    article = run(RepeatFilter(), text=text, title="Jembatan Cimanuk Resmi Dibuka")
    assert article.text == expected
    assert article.metadata["clean"]["removed"].get("before_headline", 0) == labels
