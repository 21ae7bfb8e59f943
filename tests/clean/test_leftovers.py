"""What a page's boxes leave behind: a box's title alone once its list went, and the outlet's contact box;
each with the near miss that must stay. Snippets written for these tests in the portals' style."""

import lxml.html
import pytest

from ringkas.clean import clean_articles
from ringkas.clean.leftovers import EMAIL, is_label
from ringkas.clean.markup import prune_page
from ringkas.clean.patterns import load_patterns
from ringkas.record import Article

STORY = ("<p>Pemerintah Kota Contoh meresmikan gardu listrik baru di Kecamatan Cimanuk pada Selasa pagi.</p>"
         "<p>Gardu berkapasitas 2x60 MVA itu melayani sekitar 40.000 pelanggan di wilayah barat kota.</p>"
         "<p>Wali Kota mengatakan pemadaman bergilir di wilayah itu tidak akan terulang.</p>")
TEASERS = "".join(f'<li><a href="/foto/{i}"><img src="/t{i}.jpg"></a><h6><a href="/foto/{i}">Foto lain nomor '
                  f'{i} tentang harga cabai</a></h6></li>' for i in range(4))


def page(body: str) -> str:
    return (f"<html><head><title>Gardu Listrik Baru Diresmikan</title></head><body><div class='wrap'>"
            f"<h1>Gardu Listrik Baru Diresmikan</h1>{STORY}</div>{body}</body></html>")


def clean(body: str) -> Article:
    (article,) = clean_articles([Article(id="a", html=page(body))])
    assert not article.rejected, article.rejection
    assert "Wali Kota mengatakan pemadaman bergilir" in article.text
    return article


@pytest.mark.parametrize("body, title, goes", [
    (f'<div class="kotak2"><div class="judul"><strong>Foto Lainnya</strong></div><ul class="daftar">{TEASERS}'
     '</ul></div>', "Foto Lainnya", True),
    (f'<div class="samping"><div class="judul">Pilihan Pembaca</div><ul>{TEASERS}</ul></div>',
     "Pilihan Pembaca", True),
    # near misses: a box that keeps a sentence beside its title, and a subhead above the story's own text
    (f'<div class="kotak2"><h3>Posko Bantuan</h3><ul>{TEASERS}</ul><p>Posko bantuan dibuka di balai desa '
     'sampai Jumat.</p></div>', "Posko Bantuan", False),
    ('<div class="kotak2"><h3>Jadwal Pemadaman</h3><p>Pemadaman terakhir tercatat pada Januari lalu.</p></div>',
     "Jadwal Pemadaman", False),
], ids=["title_of_a_teaser_list", "title_of_a_side_box", "box_with_a_sentence_stays", "subhead_stays"])
def test_a_box_title_goes_with_the_list_it_headed(body, title, goes):
    tree = lxml.html.fromstring(page(body))
    removed = prune_page(tree, load_patterns().markup, keep=tree.find(".//h1"))
    text = " ".join(tree.text_content().split())
    assert removed.get("box_titles", 0) == goes
    assert (title not in text) is goes
    assert "Wali Kota mengatakan pemadaman bergilir" in text and "Foto lain nomor" not in text
    if goes:
        assert title not in clean(body).text


@pytest.mark.parametrize("body, gone, kept", [
    ('<div class="info">Redaksi: <span>redaksi[at]contoh.com</span><br><strong>Informasi pemasangan iklan'
     '</strong><br>hubungi : <span>iklan(at)contoh.com</span></div>', "Informasi pemasangan iklan", None),
    ('<p class="kontak">KONTAK MEDIA: humas@contoh-energi.co.id</p>', "humas@contoh-energi.co.id", None),
    # near misses: a sentence that gives an address, and a handle with no domain
    ('<p>Warga yang masih mengalami pemadaman dapat melapor ke pengaduan@pln-contoh.co.id atau nomor 123.</p>',
     None, "dapat melapor ke pengaduan@pln-contoh.co.id atau nomor 123."),
    ('<p>Wali Kota menyampaikan hal itu lewat akun Instagram @walikotacontoh, Selasa malam.</p>',
     None, "lewat akun Instagram @walikotacontoh, Selasa malam."),
], ids=["obfuscated_contact_box", "contact_line", "address_in_a_sentence_stays", "handle_in_a_sentence_stays"])
def test_the_outlets_contact_box_goes(body, gone, kept):
    article = clean(f'<div class="bawah">{body}</div>')
    assert gone is None or gone not in article.text
    assert kept is None or kept in article.text


def test_the_rules_count_what_they_took():
    tree = lxml.html.fromstring(page(f'<div class="kotak2"><div class="judul">Foto Lainnya</div><ul>{TEASERS}</ul>'
                                     '</div><div class="info">Redaksi: redaksi[at]contoh.com</div>'))
    removed = prune_page(tree, load_patterns().markup, keep=tree.find(".//h1"))
    assert removed["box_titles"] == 1 and removed["contact_boxes"] == 1
    assert "Gardu berkapasitas 2x60 MVA" in tree.text_content()


@pytest.mark.parametrize("text, found", [
    ("redaksi@contoh.com", True), ("sales[at]contoh.co.id", True), ("iklan (at) contoh [dot] com", True),
    ("@walikotacontoh", False), ("Rp 5.000 @ 3 buah", False), ("harga naik 5 persen", False),
], ids=["plain", "bracketed_at", "at_and_dot", "handle", "price_at", "no_address"])
def test_email_addresses_plain_and_obfuscated(text, found):
    assert bool(EMAIL.search(text)) is found


@pytest.mark.parametrize("text, label", [
    ("Foto Terkait", True), ("Twitter Recommendation", True), ("Pemadaman terakhir pada Januari.", False),
    ("Empat kata lebih dari batas", False),
])
def test_is_label(text, label):
    assert is_label(text) is label
