"""Fixtures for the fetch tests: a portal on 127.0.0.1 (never any other address) and its feeds and pages."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest

from tests.fetch.server import NewsServer, Reply

PARAGRAPHS = [
    "Pemerintah Provinsi DKI Jakarta menyiapkan 15 pompa air tambahan untuk mengantisipasi banjir rob di "
    "wilayah Jakarta Utara selama puncak musim hujan yang diperkirakan berlangsung hingga Februari.",
    "Kepala Dinas Sumber Daya Air mengatakan pompa-pompa itu akan ditempatkan di sejumlah titik rawan, "
    "termasuk kawasan Muara Angke, Pluit dan Marunda, yang setiap tahun tergenang air laut pasang.",
    "Selain pompa, pemerintah juga memperkuat tanggul laut sepanjang dua kilometer dan menyiagakan petugas "
    "selama 24 jam di posko-posko banjir di tingkat kelurahan.",
]
TEASER = "Pemprov DKI menyiapkan pompa air tambahan."


def page_html(title: str, paragraphs: list[str] = PARAGRAPHS, charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"id\"><head>{meta}<title>{escape(title)}</title></head><body>"
            f"<nav>Beranda | Berita | Olahraga</nav><article><h1>{escape(title)}</h1>{body}</article>"
            f"<footer>Hak cipta 2026 Portal Berita</footer></body></html>")


def rss(title: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>{escape(t)}</title><link>{escape(link)}</link><description>{TEASER}"
                      f"</description><pubDate>Tue, 01 Dec 2026 07:00:00 +0700</pubDate></item>"
                      for t, link in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://example.invalid/</link><description>berita</description>{entries}</channel></rss>")


def atom(title: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<entry><title>{escape(t)}</title><link href=\"{escape(link)}\"/><id>{escape(link)}</id>"
                      f"<updated>2026-12-01T07:00:00+07:00</updated><summary>{TEASER}</summary></entry>"
                      for t, link in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>urn:portal</id><updated>2026-12-01T07:00:00+07:00</updated>"
            f"{entries}</feed>")


def feed_reply(text: str, etag: str = '"v1"', last_modified: str = "Tue, 01 Dec 2026 00:00:00 GMT") -> Reply:
    return Reply(body=text, content_type="application/rss+xml; charset=utf-8", etag=etag,
                 last_modified=last_modified)


def read_lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture()
def news():
    server = NewsServer().start()
    yield server
    server.stop()


@pytest.fixture()
def fetch_args(tmp_path: Path):
    """``fetch_args(*sources, extra...)``: a ``ringkas fetch`` command line with fast test settings."""

    def make(*sources: str, out: str = "pages.jsonl", delay: str = "0.02", private: bool = True,
             extra: tuple[str, ...] = ()) -> list[str]:
        args = ["-q", "fetch", *sources, "-o", str(tmp_path / out), "--state", str(tmp_path / "state.sqlite"),
                "--delay", delay, *extra]
        return args + (["--allow-private"] if private else [])

    return make
