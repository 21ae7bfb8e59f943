"""The headline the page's sources agree on, the site's name beside it, and the element the cleaner protects."""

import lxml.html
import pytest

from ringkas.clean.headline import find_headline

CASES = [
    # (page head, page body, expected headline, expected site name)
    ('<title>Harga Beras Naik di Pasar Induk - Contoh.com Regional</title>'
     '<meta property="og:title" content="Harga Beras Naik di Pasar Induk - Contoh.com Regional">',
     '<h1>Regional</h1><h2>Harga Beras Naik di Pasar Induk</h2>',
     "Harga Beras Naik di Pasar Induk", "Contoh.com Regional"),
    ('<title>Warga Mengungsi Akibat Banjir Bandang :: Portal News</title>',
     '<h1>Portal News</h1><div><h1>Warga Mengungsi Akibat Banjir Bandang</h1></div>',
     "Warga Mengungsi Akibat Banjir Bandang", "Portal News"),
    ('<title>Topik Banjir | Warga Mengungsi Akibat Banjir Bandang - Contoh.com</title>'
     '<meta property="og:title" content="Contoh.com: Warga Mengungsi Akibat Banjir Bandang">',
     '<h2>Jangan Lewatkan</h2>', "Warga Mengungsi Akibat Banjir Bandang", "Contoh.com"),
    ('<title>Jamaah Haji Ikuti Pemeriksaan Kesehatan | haji.contoh.co.id</title>'
     '<script type="application/ld+json">{"@type": "NewsArticle", '
     '"headline": "Jamaah Haji Ikuti Pemeriksaan Kesehatan"}</script>',
     '<p>Isi berita.</p>', "Jamaah Haji Ikuti Pemeriksaan Kesehatan", "haji.contoh.co.id"),
    ('<title>Warga Lampung Gelar Festival Budaya - ANTARA News</title>'
     '<meta property="og:title" content="Warga Lampung Gelar Festival Budaya">',
     '<p>Isi berita.</p>', "Warga Lampung Gelar Festival Budaya", "ANTARA News"),
    # near misses: the h1 with its own punctuation stays as the page prints it; a lone h1 is the headline
    ('<title>IHSG Hari Ini Sempat Tembus 9.000</title>'
     '<meta property="og:title" content="IHSG Hari Ini Sempat Tembus 9.000">',
     '<h1>IHSG Hari Ini: Sempat Tembus 9.000</h1><h2>Tekanan Sektor Bahan Baku</h2>',
     "IHSG Hari Ini: Sempat Tembus 9.000", None),
    ('', '<h1>Nasional</h1><p>Isi berita.</p>', "Nasional", None),
    ('', '<p>Isi berita tanpa judul.</p>', None, None),
]


@pytest.mark.parametrize("head, body, headline, site", CASES, ids=[
    "section_label_h1_real_h2", "site_h1_with_portal_suffix", "no_element_meta_titles_agree",
    "json_ld_agrees_with_title", "site_name_without_domain", "h1_punctuation_kept", "lone_h1", "nothing_named"])
def test_headline_is_the_candidate_the_sources_agree_on(head, body, headline, site):
    tree = lxml.html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")
    found = find_headline(tree)
    assert found.text == headline
    assert found.site_name == site


def test_the_protected_element_is_the_agreed_headline():
    tree = lxml.html.fromstring(
        '<html><head><meta property="og:title" content="Polisi Tangkap Dua Pelaku Pencurian Motor"></head>'
        '<body><h1>Megapolitan</h1><div class="share-box"><h2>Polisi Tangkap Dua Pelaku Pencurian Motor</h2>'
        '</div></body></html>')
    found = find_headline(tree)
    assert found.element is not None and found.element.tag == "h2"
    assert found.source == "h2"
