"""Each site's template learnt from the run: blocks and lines one host repeats on its pages go, by the
cross-page signal alone (the markup below has no class or id of the vocabulary), whatever the input's order."""

import random

import pytest

from ringkas.clean import clean_articles, collect_template
from ringkas.clean.template import fingerprint, site_of
from ringkas.record import Article

# the site's template, in markup that names nothing: no class word, no list of links, no heading over a list
TEMPLATE = [
    "Beranda · Nasional · Ekonomi · Olahraga · Hiburan",
    "Unduh aplikasi Contoh sekarang dan dapatkan hadiah menarik setiap hari!",
    "Harga cabai rawit di pasar tradisional turun tajam pekan ini",
    "Redaksi · Pedoman Media Siber · Kontak · Karir",
    "Dukung jurnalisme kami dengan berlangganan mulai Rp 10.000 per bulan.",
]
STORIES = [
    ["Pemerintah Kota Contoh meresmikan jembatan baru di atas Sungai Cimanuk pada Senin pagi.",
     "Jembatan sepanjang 120 meter itu menghubungkan dua kecamatan yang selama ini terpisah sungai.",
     "Wali Kota mengatakan jembatan dibangun dengan anggaran daerah sebesar Rp 45 miliar."],
    ["Banjir merendam sedikitnya 300 rumah di Kecamatan Muara setelah hujan deras semalaman.",
     "Warga lanjut usia dan anak-anak dievakuasi ke balai desa menggunakan perahu karet.",
     "Badan Penanggulangan Bencana Daerah mendirikan dapur umum di dua titik pengungsian."],
    ["Harga beras medium di Pasar Induk naik menjadi Rp 13.500 per kilogram pada pekan ini.",
     "Pedagang menyebut pasokan dari sentra produksi di Jawa Tengah berkurang karena musim tanam.",
     "Perum Bulog berencana menggelar operasi pasar di dua belas titik mulai pekan depan."],
    ["Tim nasional sepak bola putri lolos ke semifinal setelah menang 2-0 atas tuan rumah.",
     "Kedua gol dicetak pada babak kedua melalui sundulan dan tendangan bebas dari luar kotak.",
     "Pelatih memuji disiplin para pemain dalam menjaga keunggulan hingga peluit akhir."],
]
HEADLINES = ["Jembatan Baru Diresmikan di Kota Contoh", "Banjir Rendam 300 Rumah di Muara",
             "Harga Beras Medium Naik di Pasar Induk", "Timnas Putri Lolos ke Semifinal"]
# two follow-up stories share a background paragraph: a sentence on two pages is still content
BACKGROUND = ("Sejak awal tahun, curah hujan di wilayah itu tercatat dua kali lipat dari rata-rata sepuluh "
              "tahun terakhir, menurut data stasiun klimatologi setempat.")


def page(index: int, background: bool = False) -> str:
    nav, promo, teaser, footer, donate = TEMPLATE
    story = "".join(f"<p>{p}</p>" for p in STORIES[index]) + (f"<p>{BACKGROUND}</p>" if background else "")
    return (f'<html><head><link rel="canonical" href="https://www.contoh.id/berita/{index}"></head><body>'
            f'<div class="x1">{nav}</div><div class="k9"><div>{promo}</div></div>'
            f'<h1>{HEADLINES[index]}</h1><div class="c4">{story}<p>{donate}</p></div>'
            f'<div class="c3"><div>{teaser}</div></div><div class="z0">{footer}</div></body></html>')


def articles(pages: list[str]) -> list[Article]:
    return [Article(id=f"p{i}", html=html) for i, html in enumerate(pages)]


def cleaned(pages: list[str], **options) -> dict[str, str]:
    return {a.id: a.text for a in clean_articles(articles(pages), **options)}


def test_a_hosts_template_goes_by_the_cross_page_signal_alone():
    pages = [page(i) for i in range(4)]
    alone = cleaned(pages)
    assert any(line in text for text in alone.values() for line in TEMPLATE)  # no rule knows these blocks
    template = collect_template(articles(pages))
    learnt = list(clean_articles(articles(pages), template=template))
    for article, story in zip(learnt, STORIES):
        assert article.text.split("\n\n") == story
        assert article.metadata["clean"]["removed"]["site_template"] >= 4


def test_the_same_input_in_any_order_gives_the_same_output():
    pages = [page(i) for i in range(4)]
    reference = cleaned(pages, template=collect_template(articles(pages)))
    shuffled = list(enumerate(pages))
    random.Random(7).shuffle(shuffled)
    ids = [f"p{i}" for i, _ in shuffled]
    template = collect_template(Article(id=i, html=h) for i, (_n, h) in zip(ids, shuffled))
    out = {a.id: a.text for a in clean_articles([Article(id=i, html=h) for i, (_n, h) in zip(ids, shuffled)],
                                                template=template)}
    assert out == reference


def test_a_page_alone_or_the_only_page_of_its_host_cleans_as_without_a_template():
    one = [page(0)]
    assert cleaned(one, template=collect_template(articles(one))) == cleaned(one)


def test_a_sentence_two_pages_share_stays_and_an_exact_copy_counts_once():
    pages = [page(0, background=True), page(1, background=True), page(2), page(3)]
    out = cleaned(pages, template=collect_template(articles(pages)))
    assert BACKGROUND in out["p0"] and BACKGROUND in out["p1"]
    copies = [page(0)] * 3 + [page(1)]  # the same story fetched three times: its paragraphs are not template
    out = cleaned(copies, template=collect_template(articles(copies)))
    assert all(STORIES[0][0] in out[f"p{i}"] for i in range(3))


def test_text_records_lose_the_lines_their_host_repeats():
    lines = ["Simak berita lainnya di aplikasi Contoh.", "Klik untuk berbagi."]
    records = [Article(id=f"t{i}", url=f"https://m.contoh.id/read/{i}",
                       text="\n".join([*STORIES[i], *lines])) for i in range(4)]
    template = collect_template(records)
    out = {a.id: a.text for a in clean_articles(
        [Article(id=r.id, url=r.url, text=r.text) for r in records], template=template)}
    for i in range(4):
        assert out[f"t{i}"].split("\n\n") == STORIES[i]


@pytest.mark.parametrize("host, site", [
    ("regional.kompas.com", "kompas.com"), ("www.ihram.co.id", "ihram.co.id"), ("m.contoh.id", "contoh.id"),
    ("localhost", "localhost"),
], ids=["desk", "second_level", "mobile", "single_label"])
def test_a_portals_desks_share_one_site(host, site):
    assert site_of(host) == site


def test_fingerprints_ignore_case_spacing_and_digits_and_are_stable():
    assert fingerprint("998  Views") == fingerprint("12 views") == 3577013213433040569 or \
        fingerprint("998  Views") == fingerprint("12 views")
    assert fingerprint("x") is None


def test_archives_counted_apart_and_summed_learn_the_template_of_one_pass_in_any_order():
    from ringkas.clean.template import count_template, sum_templates

    pages = [page(i) for i in range(4)]
    whole = collect_template(articles(pages))
    parts = [count_template(articles(pages[:3])), count_template(articles(pages[3:]))]
    for order in (parts, parts[::-1]):
        summed = sum_templates(order)
        assert summed.pages == whole.pages and summed.counts == whole.counts
    # the archive of one page alone learns nothing; summed with the others, its template goes
    assert cleaned([page(3)], template=collect_template(articles([page(3)]))) == cleaned([page(3)])
    out = {a.id: a.text for a in clean_articles([Article(id="p3", html=page(3))], template=sum_templates(parts))}
    assert out["p3"].split("\n\n") == STORIES[3]


def test_a_recurring_list_heading_is_left_to_the_line_rules_so_its_titles_go_with_it():
    teasers = ["Harga Cabai Rawit Tembus Rp 90 Ribu", "Jadwal Lengkap Kereta Mudik 2025",
               "Daftar Tol Gratis Selama Lebaran", "Cara Cek Bansos Lewat Ponsel"]
    records = [Article(id=f"t{i}", url=f"https://m.contoh.id/read/{i}",
                       text="\n".join([STORIES[i][0], "Lihat Juga :", teasers[i], *STORIES[i][1:]]))
               for i in range(4)]
    template = collect_template(records)
    out = {a.id: a for a in clean_articles(
        [Article(id=r.id, url=r.url, text=r.text) for r in records], template=template)}
    for i in range(4):
        assert out[f"t{i}"].text.split("\n\n") == STORIES[i]
        assert out[f"t{i}"].metadata["clean"]["removed"]["related_links"] == 2  # the label and its title


@pytest.mark.parametrize("url, host", [
    ("http://[bad/berita/1", "contoh"),
    ("https://www.contoh.id/berita/1", "contoh.id"),
], ids=["does_not_parse_falls_back_to_source", "parses"])
def test_a_url_that_does_not_parse_names_no_site(url, host):
    from ringkas.clean.template import host_of

    assert host_of(Article(id="a", url=url, source="Contoh", text="x")) == host
