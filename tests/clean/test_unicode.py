import pytest

from ringkas.clean.unicode import UnicodeRepair, repair_text
from ringkas.record import Article


@pytest.mark.parametrize("raw,expected", [
    ("Kafe itu menyajikan cafÃ© latte.", "Kafe itu menyajikan café latte."),
    ("Harga naik â€œtajamâ€\x9d kata pedagang.", "Harga naik “tajam” kata pedagang."),
    ("“Kami siap,” kata dia — tanpa ragu.", "“Kami siap,” kata dia — tanpa ragu."),
    ("Cafe\u0301 di Bandung", "Café di Bandung"),
    ("PT Kereta Api &amp; KAI Commuter &quot;siap&quot; melayani.", 'PT Kereta Api & KAI Commuter "siap" melayani.'),
    ("Menteri&nbsp;Keuangan &#8211; Sri Mulyani", "Menteri Keuangan – Sri Mulyani"),
    ("Jo\u200bko Wi\u200ddo\ufeffdo hadir.", "Joko Widodo hadir."),
    ("Satu\u00a0dua\t\ttiga   empat", "Satu dua tiga empat"),
    ("Baris satu\r\nBaris dua\rBaris tiga", "Baris satu\nBaris dua\nBaris tiga"),
    ("Paragraf satu.\n\n\n\n   \nParagraf dua.  ", "Paragraf satu.\n\nParagraf dua."),
    ("Ｊａｋａｒｔａ hari ini", "Jakarta hari ini"),
], ids=["mojibake-e-acute", "mojibake-quotes", "curly-quotes-kept", "nfc", "entities", "nbsp-entity-dash",
        "zero-width", "spaces", "line-endings", "blank-lines", "fullwidth"])
def test_repair_text(raw, expected):
    assert repair_text(raw) == expected


def test_step_repairs_title_too():
    article = next(UnicodeRepair()([Article(id="a", text="Isi.", title=" Banjir\u200b di\u00a0Bekasi ")]))
    assert article.title == "Banjir di Bekasi"
