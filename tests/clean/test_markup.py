"""Structure-aware removal (issue 14): the page's markup marks teasers, share bars, tag lists, bylines and
embedded posts, which are dropped before trafilatura reads the page; the story's own blocks stay.

The pages in tests/data/pages are written for these tests in the style of real Indonesian portals."""

from pathlib import Path

import lxml.html
import pytest

from ringkas.clean import clean_articles
from ringkas.clean.markup import prune_page
from ringkas.clean.patterns import load_patterns
from ringkas.record import Article

PAGES = Path(__file__).parent.parent / "data" / "pages"


def clean_page(html: str) -> Article:
    (article,) = clean_articles([Article(id="a", html=html)])
    assert not article.rejected, article.rejection
    return article


def test_a_page_split_in_parts_comes_out_whole_in_order_once():
    article = clean_page((PAGES / "portal_multipage.html").read_text(encoding="utf-8"))
    assert article.title == "Banjir Rob Rendam Pesisir Utara, Ribuan Warga Mengungsi"
    assert article.text.split("\n\n") == [
        "Banjir rob merendam sedikitnya 1.800 rumah di empat kelurahan pesisir utara Semarang sejak Sabtu malam. "
        "Air laut masuk ke permukiman setelah tanggul darurat di muara sungai jebol.",
        "Kepala BPBD Kota Semarang mengatakan ketinggian air mencapai 80 sentimeter di beberapa titik.",
        "Petugas gabungan mengevakuasi warga lanjut usia dan anak-anak menggunakan perahu karet ke balai kelurahan.",
        "Menurut data sementara, pengungsi tercatat:",
        "1. Kelurahan Tambak Lorok: 640 jiwa",
        "2. Kelurahan Bandarharjo: 410 jiwa",
        "Dapur Umum Dibuka",
        "Dinas Sosial membuka dua dapur umum yang menyiapkan 3.000 porsi makanan setiap hari.",
        "Warga mengunggah rekaman banjir ke media sosial.",
        "Wali Kota meminta warga tetap waspada karena pasang laut diperkirakan berlangsung hingga Selasa.",
        "Tanggul Permanen Ditargetkan Rampung 2026",
        "Kementerian PUPR menargetkan tanggul laut permanen sepanjang 3,5 kilometer rampung pada akhir 2026.",
        "Proyek itu menelan anggaran sekitar Rp 1,2 triliun dari APBN.",
    ]
    assert article.metadata["dateline"] == {"text": "Contoh6.com, Semarang", "place": "Semarang",
                                            "outlet": "Contoh6.com"}
    removed = article.metadata["clean"]["removed"]
    assert removed["page_embeds"] == 1 and removed["page_boxes"] >= 5 and removed["desk_initials"] == 1


def test_teaser_lists_and_the_site_header_box_go_the_story_and_its_list_stay():
    article = clean_page((PAGES / "portal_teasers.html").read_text(encoding="utf-8"))
    assert article.text.split("\n\n") == [
        "EKSPOR kopi Indonesia pada semester pertama 2025 naik 12 persen dibanding periode yang sama tahun lalu. "
        "Kenaikan itu terutama didorong permintaan dari Eropa dan Timur Tengah.",
        "Kementerian Perdagangan mencatat nilai ekspor kopi mencapai US$ 1,1 miliar hingga Juni.",
        "“Permintaan kopi spesialti terus tumbuh, terutama dari kafe-kafe di kota besar Eropa,” kata Direktur "
        "Jenderal Perdagangan Luar Negeri di Jakarta, Senin (14/7).",
        "Kopi robusta menyumbang 70 persen volume ekspor.",
        "Kopi arabika menyumbang sisanya, dengan harga rata-rata dua kali lipat.",
        "Pemerintah menargetkan ekspor kopi sepanjang 2025 naik 15 persen.",
    ]
    removed = article.metadata["clean"]["removed"]
    assert removed["teaser_cards"] >= 3 and removed["page_boxes"] >= 3


def test_a_photo_page_keeps_its_gallery_caption_as_the_story():
    article = clean_page((PAGES / "portal_gallery.html").read_text(encoding="utf-8"))
    assert article.text.split("\n\n") == [
        "Ribuan warga memadati jalan protokol Denpasar untuk menyaksikan pawai ogoh-ogoh sehari sebelum Nyepi.",
        "Pemuda banjar mengarak ogoh-ogoh raksasa melewati Lapangan Puputan Badung, Denpasar, Jumat malam. "
        "Sebanyak 40 ogoh-ogoh ikut dalam pawai tahun ini.",
    ]
    assert article.metadata["clean"]["caption_story"] is True


def test_a_short_page_does_not_take_a_caption_about_something_else():
    html = (PAGES / "portal_gallery.html").read_text(encoding="utf-8").replace(
        "Pemuda banjar mengarak ogoh-ogoh raksasa melewati Lapangan Puputan Badung, Denpasar, Jumat malam. "
        "Sebanyak 40 ogoh-ogoh ikut dalam pawai tahun ini.",
        "Harga cabai rawit di Pasar Badung naik menjadi Rp 80.000 per kilogram menjelang hari raya keagamaan.")
    article = clean_page(html)
    assert "Harga cabai" not in article.text and "caption_story" not in article.metadata["clean"]


STORY = ("<p>Banjir merendam sedikitnya 2.300 rumah di tiga kecamatan di Kabupaten Bekasi, Selasa malam. Air "
         "mulai naik sejak sore setelah hujan deras mengguyur kawasan hulu sungai selama enam jam.</p>"
         "<p>Kepala BPBD Kabupaten Bekasi mengatakan ketinggian air mencapai 1,5 meter di beberapa titik. "
         "Petugas mengerahkan 20 perahu karet untuk mengevakuasi warga lanjut usia dan anak-anak.</p>"
         "<p>Warga diminta tetap waspada karena hujan diperkirakan masih turun hingga akhir pekan ini.</p>")


def page(body: str) -> str:
    return f"<html><head><title>t</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("body", [
    # WordPress puts tag-... and category-... classes on the article itself: it holds the story, it stays
    f'<article class="post-881 post type-post tag-banjir tag-bekasi category-news"><h1>Banjir Bekasi</h1>{STORY}</article>',
    f'<div class="content-share-wrapper"><h1>Banjir Bekasi</h1><div class="entry">{STORY}</div></div>',
], ids=["wordpress-tag-classes", "h1-in-a-share-named-wrapper"])
def test_the_story_container_stays_whatever_its_class_says(body):
    article = clean_page(page(body))
    assert "Banjir merendam sedikitnya 2.300 rumah" in article.text
    assert "Warga diminta tetap waspada" in article.text


@pytest.mark.parametrize("css", ["unrelated-note", "stage-info", "postag", "sharepoint-table", "headerless"])
def test_class_words_match_whole_words_only(css):
    tree = lxml.html.fromstring(page(f'<article><h1>Banjir</h1>{STORY}<div class="{css}"><p>Posko dibuka.</p></div>'
                                     '</article>'))
    assert prune_page(tree, load_patterns().markup, keep=tree.find(".//h1")) == {}


def test_subheads_inline_links_and_plain_lists_stay():
    body = (f'<article><h1>Banjir Bekasi</h1>{STORY}<h2>Posko Pengungsian</h2>'
            '<p>Pemerintah membuka posko di <a href="/masjid">Masjid Al-Ikhlas</a> dan balai desa untuk 600 warga '
            'yang rumahnya terendam.</p><ul><li>Posko Masjid Al-Ikhlas menampung 350 warga.</li>'
            '<li>Posko balai desa menampung 250 warga.</li></ul></article>')
    text = clean_page(page(body)).text
    for kept in ("Posko Pengungsian", "Masjid Al-Ikhlas dan balai desa untuk 600 warga",
                 "Posko Masjid Al-Ikhlas menampung 350 warga.", "Posko balai desa menampung 250 warga."):
        assert kept in text


@pytest.mark.parametrize("markup,kind", [
    ('<blockquote class="twitter-tweet"><p>Air sudah sampai lutut</p>— Warga (@warga) May 2, 2024</blockquote>',
     "page_embeds"),
    ('<blockquote class="instagram-media"><p>Air sudah sampai lutut, semoga cepat surut</p></blockquote>',
     "page_embeds"),
    ('<div class="article-snippet--related"><a href="/x">Air sudah sampai lutut di Bekasi</a></div>', "page_boxes"),
    ('<div id="baca-juga"><p>Baca juga</p><a href="/x">Air sudah sampai lutut di Bekasi</a></div>', "page_boxes"),
    ('<p class="photo-credit">Air sudah sampai lutut (Contoh/Budi)</p>', "page_boxes"),
    ('<ul class="list"><li><h3><a href="/x">Air Sudah Sampai Lutut</a></h3><p>Warga Bekasi mengungsi.</p></li></ul>',
     "teaser_cards"),
    ('<ul><li><a href="/a">Air sudah sampai lutut</a></li><li><a href="/b">Harga cabai naik</a></li>'
     '<li><a href="/c">Tol Cikampek padat</a></li></ul>', "link_lists"),
], ids=["tweet", "instagram", "related-class", "baca-juga-id", "credit-class", "teaser-card", "link-list"])
def test_each_structural_rule_drops_its_block(markup, kind):
    tree = lxml.html.fromstring(page(f"<article><h1>Banjir Bekasi</h1>{STORY}{markup}</article>"))
    removed = prune_page(tree, load_patterns().markup, keep=tree.find(".//h1"))
    assert removed == {kind: 1}
    assert "Air sudah sampai lutut" not in tree.text_content().replace("Air Sudah", "Air sudah")
    assert "Banjir merendam sedikitnya" in tree.text_content()


def test_a_patterns_file_without_markup_rules_prunes_nothing(tmp_path):
    from ringkas.clean.patterns import parse_patterns

    rules = parse_patterns(b"version = 't'\n[spam]\nkeywords = ['jasa\\\\s+backlink']\n", "mine.toml").markup
    tree = lxml.html.fromstring(page(f'<article><h1>Banjir</h1>{STORY}<div class="related">Harga cabai naik</div>'
                                     '</article>'))
    assert prune_page(tree, rules, keep=tree.find(".//h1")) == {}


@pytest.mark.parametrize("name,paragraphs", [
    ("portal_inline_links.html", 5),
    ("portal_tables_tags.html", 5),
], ids=["inline-links-page", "br-separated-page"])
def test_other_portal_layouts_keep_every_story_paragraph_and_no_noise(name, paragraphs):
    import json

    expect = json.loads((PAGES / "expectations.json").read_text(encoding="utf-8"))[name]
    article = clean_page((PAGES / name).read_text(encoding="utf-8"))
    assert article.text.split("\n\n") == expect["must_keep"][:paragraphs]
    assert article.title == expect["title"]
    for noise in expect["noise"]:
        assert noise not in article.text


def test_text_after_a_block_in_a_br_separated_body_stays():
    body = ('<article><h1>Bus Listrik Surabaya</h1><div class="body"><strong>Surabaya</strong> - Pemerintah Kota '
            'Surabaya menambah 40 bus listrik untuk rute pelajar mulai bulan depan.<br><br><div class="slot">'
            '<div>ADVERTISEMENT</div></div>Setiap bus berkapasitas 30 penumpang dan dilengkapi kamera pengawas.'
            '<br><br>Dinas Perhubungan memperkirakan 9.000 pelajar memakai layanan itu setiap hari.<br><br></div>'
            '</article>')
    assert clean_page(page(body)).text.split("\n\n") == [
        "Pemerintah Kota Surabaya menambah 40 bus listrik untuk rute pelajar mulai bulan depan.",
        "Setiap bus berkapasitas 30 penumpang dan dilengkapi kamera pengawas.",
        "Dinas Perhubungan memperkirakan 9.000 pelajar memakai layanan itu setiap hari.",
    ]


BRIDGE_STORY = ("<p>Pemerintah Kota Contoh meresmikan jembatan baru di atas Sungai Cimanuk pada Senin pagi.</p>"
         "<p>Jembatan sepanjang 120 meter itu menghubungkan dua kecamatan yang selama ini terpisah sungai.</p>"
         "<p>Wali Kota mengatakan jembatan dibangun dengan anggaran daerah sebesar Rp 45 miliar.</p>")
BRIDGE_SIDEBAR = "".join(f"<li><a href='/b{i}'>Berita lain nomor {i} tentang harga cabai dan beras di pasar</a> "
                  f"ringkasan berita lain yang panjang sekali untuk mengisi kolom samping halaman</li>"
                  for i in range(12))


@pytest.mark.parametrize("body, kept, gone", [
    (f'<div class="share-wrapper">{BRIDGE_STORY}</div><ul class="x">{BRIDGE_SIDEBAR}</ul>',
     ["Jembatan sepanjang 120 meter itu menghubungkan dua kecamatan"], []),
    (f'<div class="author-box"><span>Oleh Rina</span>{BRIDGE_STORY}</div><ul class="x">{BRIDGE_SIDEBAR}</ul>',
     ["Wali Kota mengatakan jembatan dibangun"], []),
    ('<p>Presiden <a class="tag-link" href="/tag/jokowi">Joko Widodo</a> meresmikan jembatan itu bersama '
     '<span class="tag">Gubernur Jawa Barat</span> pada Senin pagi di Kota Contoh.</p>' + BRIDGE_STORY,
     ["Presiden Joko Widodo meresmikan jembatan itu bersama Gubernur Jawa Barat pada Senin pagi"], []),
    # near misses: a share bar and a tag list that are only that still go
    (BRIDGE_STORY + '<div class="share-bar"><a href="/fb">Bagikan ke Facebook</a> <a href="/tw">Twitter</a></div>'
     '<div class="tags"><a href="/t/1">jembatan</a> <a href="/t/2">cimanuk</a></div>',
     ["Pemerintah Kota Contoh meresmikan jembatan baru"], ["Bagikan ke Facebook", "cimanuk"]),
], ids=["share_wrapper_holds_body", "author_box_holds_body", "inline_tag_links_keep_their_words",
        "share_bar_and_tag_list_alone_go"])
def test_a_class_word_never_takes_the_story_or_words_inside_a_sentence(body, kept, gone):
    article = clean_page(f"<html><body><h1>Jembatan Baru Diresmikan di Kota Contoh</h1>{body}</body></html>")
    for sentence in kept:
        assert sentence in article.text
    for noise in gone:
        assert noise not in article.text


@pytest.mark.parametrize("body, lede", [
    ('<div class="isi"><b>Contoh.com</b> - Pemerintah Kota Contoh meresmikan jembatan baru di atas Sungai '
     'Cimanuk pada Senin pagi.<br><br>Jembatan itu dibangun selama dua tahun.' + BRIDGE_STORY + "</div>",
     "Pemerintah Kota Contoh meresmikan jembatan baru di atas Sungai Cimanuk pada Senin pagi."),
    ('<div class="isi"><br><strong>Bandung, ContohOto</strong> – Dua produsen mobil baru mulai membangun '
     'pabrik di Jawa Barat tahun ini.<br><br>' + BRIDGE_STORY + "</div>",
     "Dua produsen mobil baru mulai membangun pabrik di Jawa Barat tahun ini."),
    ('<div class="isi"><aside><a href="/x">Berita lain</a></aside>Warga menyambut peresmian jembatan dengan '
     'pawai budaya di sepanjang jalan kota.' + BRIDGE_STORY + "</div>",
     "Warga menyambut peresmian jembatan dengan pawai budaya di sepanjang jalan kota."),
], ids=["bold_outlet_then_br", "strong_dateline_after_br", "after_aside"])
def test_a_lede_loose_before_the_paragraphs_is_kept(body, lede):
    article = clean_page(f"<html><body><h1>Jembatan Baru Diresmikan di Kota Contoh</h1>{body}</body></html>")
    assert lede in article.text
    assert "Wali Kota mengatakan jembatan dibangun" in article.text


@pytest.mark.parametrize("box, gone, kept", [
    ('<div class="c7"><img src="/f.jpg"><span>Dok. Humas</span> Petugas memeriksa jembatan baru sebelum '
     'diresmikan, Senin (4/11/2025).</div>', "Petugas memeriksa jembatan baru sebelum diresmikan", None),
    ('<figure><img src="/f.jpg"><figcaption>Warga melintas di jembatan baru. (Contoh/Budi)</figcaption></figure>',
     "Warga melintas di jembatan baru", None),
    # near miss: an image inside a story paragraph (an emoji, an icon) keeps the paragraph
    ('<p>Warga <img src="/senyum.png"> menyambut jembatan itu dengan gembira sejak pagi hari.</p>', None,
     "menyambut jembatan itu dengan gembira sejak pagi hari."),
], ids=["photo_box_with_credit", "figure_caption", "image_inside_a_paragraph"])
def test_a_photo_and_its_caption_go_by_structure(box, gone, kept):
    article = clean_page(f"<html><body><h1>Jembatan Baru Diresmikan di Kota Contoh</h1><div>{box}"
                         f"{BRIDGE_STORY}</div></body></html>")
    assert gone is None or gone not in article.text
    assert kept is None or kept in article.text
    assert "Wali Kota mengatakan jembatan dibangun" in article.text
