import pytest

from ringkas.clean import clean_articles
from ringkas.clean.html import HtmlExtractor, fragment_text
from ringkas.record import Article

PAGE = """<!DOCTYPE html><html><head><title>Banjir Rendam Ribuan Rumah di Bekasi - Kompas.com</title>
<link rel="stylesheet" href="https://cdn.contoh.id/gaya.css"><script src="https://cdn.contoh.id/a.js"></script>
<script>window.dataLayer = [{"kategori": "megapolitan"}];</script></head><body>
<header><a href="/">Beranda</a> <a href="/news">News</a> <a href="/bola">Bola</a> <a href="/tekno">Tekno</a></header>
<nav><ul><li><a href="/megapolitan">Megapolitan</a></li><li><a href="/regional">Regional</a></li></ul></nav>
<article><h1 class="read__title">Banjir Rendam Ribuan Rumah di Bekasi</h1>
<div class="read__time">Kompas.com - 03/01/2024, 10:15 WIB</div>
<img src="https://img.contoh.id/banjir.jpg" alt="Banjir">
<p>BEKASI, KOMPAS.com - Banjir merendam sedikitnya 2.300 rumah di tiga kecamatan di Kabupaten Bekasi, Jawa Barat,
Selasa (2/1/2024) malam.</p>
<p>Kepala BPBD Kabupaten Bekasi mengatakan ketinggian air mencapai 1,5 meter di beberapa titik permukiman.</p>
<p><strong>Baca juga: Ratusan Warga Mengungsi di Masjid Al-Ikhlas</strong></p>
<p>"Kami sudah mengerahkan 20 perahu karet untuk mengevakuasi warga lanjut usia dan anak-anak," ujarnya.</p>
<div class="related"><h3>Berita Terkait</h3><ul><li><a href="/a">Banjir di Jakarta Mulai Surut</a></li>
<li><a href="/b">BMKG Prediksi Hujan Lebat hingga Akhir Pekan</a></li></ul></div>
<p>Warga diminta tetap waspada karena hujan diperkirakan masih turun hingga akhir pekan ini.</p>
</article>
<aside><h3>Terpopuler</h3><ol><li><a href="/c">Harga Emas Hari Ini</a></li></ol></aside>
<footer>Copyright © 2024 Kompas.com. All rights reserved. <a href="/privasi">Kebijakan Privasi</a></footer>
</body></html>"""


@pytest.fixture()
def no_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the cleaner tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_page_to_clean_article(no_network):
    (article,) = clean_articles([Article(id="a", html=PAGE)])
    assert not article.rejected, article.rejection
    assert article.title == "Banjir Rendam Ribuan Rumah di Bekasi"
    assert article.text.split("\n\n") == [
        "Banjir merendam sedikitnya 2.300 rumah di tiga kecamatan di Kabupaten Bekasi, Jawa Barat, Selasa "
        "(2/1/2024) malam.",
        "Kepala BPBD Kabupaten Bekasi mengatakan ketinggian air mencapai 1,5 meter di beberapa titik permukiman.",
        '"Kami sudah mengerahkan 20 perahu karet untuk mengevakuasi warga lanjut usia dan anak-anak," ujarnya.',
        "Warga diminta tetap waspada karena hujan diperkirakan masih turun hingga akhir pekan ini.",
    ]
    assert article.metadata["dateline"]["place"] == "Bekasi"
    for gone in ("Beranda", "Megapolitan", "dataLayer", "Terpopuler", "Copyright", "Surut", "Baca juga"):
        assert gone not in article.text
    assert article.html is None and "html" not in article.to_dict()


def test_feed_fragment_falls_back_to_block_text():
    html = "<p>Gempa bermagnitudo 5,2 mengguncang Cianjur.</p><script>alert(1)</script><p>Tidak ada korban.</p>"
    assert fragment_text(html).split() == "Gempa bermagnitudo 5,2 mengguncang Cianjur. Tidak ada korban.".split()
    (article,) = HtmlExtractor()([Article(id="a", html=html)])
    assert "alert" not in article.text and "Tidak ada korban." in article.text


@pytest.mark.parametrize("text,is_html", [
    ("<p>Gempa mengguncang Cianjur.</p><p>Tidak ada korban.</p>", True),
    ("  <div class='isi'>Harga naik<br/>lagi</div>", True),
    ("Harga <b>naik</b> lagi. Tidak ada </p> di awal.", False),
    ("<3 untuk Jakarta, kata warganet.", False),
], ids=["paragraphs", "div-br", "prose-with-tags", "heart"])
def test_html_in_the_text_field_is_extracted(text, is_html):
    (article,) = HtmlExtractor()([Article(id="a", text=text)])
    assert (article.metadata.get("clean", {}).get("extracted_from") == "html") == is_html
    if is_html:
        assert "<" not in article.text and article.text.strip()
    else:
        assert article.text == text


def test_text_wins_over_html_when_both_are_given():
    (article,) = HtmlExtractor()([Article(id="a", text="Teks asli.", html="<p>Lain</p>")])
    assert (article.text, article.html) == ("Teks asli.", None)


HOSTILE_HTML = [pytest.param(*case, id=name) for case, name in zip([
    ("<div>" * 200_000 + "isi" + "</div>" * 200_000, "no_main_text"),
    ("<table>" + "<tr><td>" * 50_000 + "isi", "too_complex"),
    ("<p>" + "<b><i>" * 100_000 + "isi berita", None),
    ("<ul>" + "<li>Harga naik</li>" * 60_000 + "</ul>", "too_complex"),
    # the structural rules (issue 14) on their worst cases: every element a teaser box, a card, or nested
    ("<h1>Judul</h1>" + '<div class="tag">x ' * 20_000 + "</div>" * 20_000, "no_main_text"),
    ("<h1>Judul</h1><ul>" + '<li><h3><a href="/x">Judul lain</a></h3><p>teaser</p></li>' * 7_000 + "</ul>",
     "no_main_text"),
    ("<h1>Judul</h1>" + '<ul><li><h3><a href="/x">a</a></h3>' * 5_000, "no_main_text"),
], ["nested-divs", "unclosed-table-cells", "nested-inline", "huge-list", "nested-boxes", "many-cards", "nested-cards"])]


@pytest.mark.timeout(120)  # a guard against a hang; how fast: scripts/bench_hostile.py
@pytest.mark.parametrize("html,reason", HOSTILE_HTML)
def test_hostile_html_is_rejected_or_cut_down(html, reason):
    (article,) = clean_articles([Article(id="a", html=html)])
    if reason:
        assert article.rejection.reason == reason
    else:  # lxml stops nesting at its depth limit: whatever comes out is tiny
        assert article.rejected or article.text == "isi berita"


def test_no_main_text():
    (article,) = HtmlExtractor()([Article(id="a", html="<html><body><script>x()</script></body></html>")])
    assert article.rejection.reason == "no_main_text"
