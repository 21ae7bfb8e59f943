import pytest

from ringkas.readers import read_articles

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Berita Contoh</title><link>https://contoh.id</link>
<item><guid>https://contoh.id/1</guid><title>Gempa M 5,2 Guncang Cianjur</title>
<link>https://contoh.id/1</link><pubDate>Mon, 02 Jan 2024 07:00:00 +0700</pubDate>
<description><![CDATA[<p>Gempa bermagnitudo 5,2 mengguncang Cianjur, Jawa Barat.</p>
<script>alert(1)</script>]]></description>
</item>
<item><title>Tanpa Isi</title><link>https://contoh.id/2</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Contoh</title>
<entry><id>tag:contoh.id,2024:3</id><title>Harga Emas Turun</title><link href="https://contoh.id/3"/>
<updated>2024-01-03T08:00:00Z</updated>
<content type="html">&lt;p&gt;Harga emas Antam turun Rp 5.000 per gram.&lt;/p&gt;</content></entry>
</feed>"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss version="2.0"><channel><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>x</title><description>&xxe;</description></item></channel></rss>"""


def test_rss_entries(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    first, second = read_articles(path)
    assert first.id == "https://contoh.id/1" and first.title == "Gempa M 5,2 Guncang Cianjur"
    assert "Cianjur" in first.html and "<script" not in first.html
    assert first.published == "2024-01-02T07:00:00+07:00"  # the feed's RFC 2822 date as ISO 8601, its offset kept
    assert first.metadata["origin"] == {"file": str(path), "entry": 1}
    assert second.rejection.reason == "missing_text"


def test_atom_entries(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    (entry,) = read_articles(path)
    assert entry.id == "tag:contoh.id,2024:3" and entry.url == "https://contoh.id/3"
    assert "Rp 5.000" in entry.html


@pytest.mark.parametrize("document,encoding", [
    (BOMB, "utf-8"), (EXTERNAL, "utf-8"), (BOMB.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>'), "utf-16"),
    (BOMB.replace("<!DOCTYPE", "junk before the doctype <!DOCTYPE"), "utf-8"),
], ids=["billion-laughs", "external-entity", "utf-16-bomb", "malformed-bomb"])
@pytest.mark.timeout(60)  # a guard against a hang; how fast: scripts/bench_hostile.py
def test_entity_declarations_reject_the_file_unexpanded(tmp_path, document, encoding):
    path = tmp_path / "feed.xml"
    path.write_bytes(document.encode(encoding))
    (bad,) = read_articles(path)
    assert bad.rejection.reason == "unsafe_xml" and bad.rejection_dict()["file"] == str(path)


def test_not_a_feed(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text("<html><body>halaman biasa</body></html>")
    (bad,) = read_articles(path)
    assert bad.rejection.reason in {"malformed_feed", "empty_feed"}


def test_feed_is_never_fetched_from_a_url_named_inside(tmp_path, monkeypatch):
    import socket

    attempts = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, *a: attempts.append(a))
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: attempts.append(a))
    path = tmp_path / "feed.xml"
    document = RSS.replace('<?xml version="1.0" encoding="UTF-8"?>',
                           '<?xml version="1.0" encoding="UTF-8"?>\n'
                           '<!DOCTYPE rss SYSTEM "http://my.netscape.com/publish/formats/rss-0.91.dtd">')
    path.write_text(document.replace("<channel>", '<channel><atom:link href="https://contoh.id/feed"/>'))
    assert len([a for a in read_articles(path) if not a.rejected]) == 1
    assert attempts == []
