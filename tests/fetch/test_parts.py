"""The fetcher's parts on their own: canonical URLs, address checks, charsets, Retry-After, robots, settings."""

from __future__ import annotations

import builtins

import pytest

from ringkas.text.charset import decode_page
from ringkas.fetch.client import retry_after_seconds
from ringkas.fetch.polite import HostClock
from ringkas.fetch.robots import parse_robots
from ringkas.errors import ConfigError
from ringkas.fetch.settings import FetchSettings
from ringkas.fetch.urls import BadURL, canonical_url, check_address


@pytest.mark.parametrize("url, canonical", [
    ("HTTPS://Www.Kompas.COM/read/2026/12/01/berita?utm_source=twitter&utm_medium=social",
     "https://www.kompas.com/read/2026/12/01/berita"),
    ("https://news.detik.com/berita/d-123/judul?fbclid=IwAR0abc#komentar", "https://news.detik.com/berita/d-123/judul"),
    ("https://www.antaranews.com:443/berita/1?page=2&id=7", "https://www.antaranews.com/berita/1?id=7&page=2"),
    ("http://Tempo.co/a/b/", "http://tempo.co/a/b/"),
], ids=["utm-and-host-case", "fbclid-and-fragment", "default-port-and-query-order", "host-case"])
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


@pytest.mark.parametrize("url", ["ftp://example.org/a", "javascript:alert(1)", "/relative/path", "", "mailto:a@b.c",
                                 "http://[zz::1]/berita", "http://portal.example:99999/x"],
                         ids=["ftp", "javascript", "relative", "empty", "mailto", "bad-ipv6", "bad-port"])
def test_only_absolute_http_urls(url):
    with pytest.raises(BadURL) as caught:
        canonical_url(url)
    assert caught.value.reason == "bad_url"


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://10.1.2.3/", "http://192.168.0.1/", "http://[::1]/",
                                 "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/", "http://localhost/",
                                 "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/"],
                         ids=["loopback", "10/8", "192.168/16", "ipv6-loopback", "link-local-metadata", "unspecified",
                              "localhost", "v4-mapped", "shared-cgnat"])
def test_private_addresses_are_refused(url):
    with pytest.raises(BadURL) as caught:
        check_address(url, allow_private=False)
    assert caught.value.reason == "private_address"
    check_address(url, allow_private=True)  # the flag lets it through


def test_public_address_passes():
    check_address("http://93.184.216.34/berita", allow_private=False)


TEXT = "<p>Menteri “Keuangan” menyatakan – ekonomi tumbuh 5% … di kafé. Harga beras naik lagi pekan ini.</p>"


@pytest.mark.parametrize("data, content_type, charset, how", [
    (TEXT.encode("cp1252"), "text/html; charset=windows-1252", "cp1252", "header"),
    (TEXT.encode("cp1252"), "text/html; charset=ISO-8859-1", "cp1252", "header"),
    (b'<meta charset="windows-1252">' + TEXT.encode("cp1252"), "text/html", "cp1252", "meta"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">' + TEXT.encode("cp1252"),
     "text/html", "cp1252", "meta"),
    (TEXT.encode("cp1252"), "text/html", "cp1252", "detected"),
    (TEXT.encode("utf-8"), "text/html", "utf-8", "detected"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "text/html; charset=windows-1252", "utf-8", "bom"),
    (TEXT.encode("cp1252"), "text/html; charset=utf-8", "cp1252", "detected"),
    (b'<meta charset="utf-16">' + TEXT.encode("utf-8"), "text/html", "utf-8", "meta"),
    (b'<meta charset="UTF-16LE">' + TEXT.encode("utf-8"), "text/html", "utf-8", "meta"),
    (b'<meta charset="x-user-defined">' + TEXT.encode("cp1252"), "text/html", "cp1252", "meta"),
], ids=["header", "latin1-label-is-1252", "meta-charset", "meta-http-equiv", "detected-1252", "detected-utf8",
        "bom-wins", "header-lies", "meta-utf16-means-utf8", "meta-utf16le-means-utf8", "meta-x-user-defined"])
def test_decode_page(data, content_type, charset, how):
    text, got_charset, got_how = decode_page(data, content_type)
    assert "“Keuangan” menyatakan – ekonomi tumbuh 5% … di kafé" in text
    assert (got_charset, got_how) == (charset, how)


@pytest.mark.parametrize("value, seconds", [("3", 3.0), ("0.5", 0.5), (None, None), ("soon", None), ("-4", 0.0)],
                         ids=["seconds", "fraction", "absent", "garbage", "negative"])
def test_retry_after(value, seconds):
    assert retry_after_seconds(value) == seconds


def test_retry_after_http_date():
    from datetime import datetime, timedelta, timezone
    from email.utils import format_datetime

    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    assert 25 <= retry_after_seconds(when) <= 31


ROBOTS = "User-agent: *\nDisallow: /search\nCrawl-delay: 2\n\nUser-agent: ringkas\nDisallow: /rahasia/\nCrawl-delay: 3\n"


@pytest.mark.parametrize("parser", ["protego", "urllib.robotparser"])
def test_robots_parsers_agree(parser, monkeypatch):
    if parser != "protego":
        real_import = builtins.__import__

        def no_protego(name, *args, **kwargs):
            if name == "protego":
                raise ImportError("no protego")
            return real_import(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", no_protego)
    rules = parse_robots(ROBOTS, "ringkas/0.1.0 (test)")
    assert type(rules.parser).__module__.startswith(parser.split(".")[0])
    assert not rules.allowed("https://portal.example/rahasia/1")
    assert rules.allowed("https://portal.example/search?q=banjir")  # only the * group says /search
    assert rules.crawl_delay() == 3.0
    other = parse_robots(ROBOTS, "OtherBot/1.0")
    assert not other.allowed("https://portal.example/search?q=banjir") and other.crawl_delay() == 2.0


def test_host_clock_spaces_and_reserves():
    now = [100.0]
    slept = []

    def sleep(seconds):
        slept.append(round(seconds, 3))
        now[0] += seconds

    clock = HostClock(clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        clock.wait_turn("a", 1.0)
    clock.wait_turn("b", 1.0)  # another host does not wait for a
    clock.set_interval("a", 2.5)  # a Crawl-delay learnt from robots.txt: from the next reservation on
    clock.wait_turn("a", 1.0)
    clock.wait_turn("a", 1.0)
    clock.push_back("b", 10.0)  # Retry-After
    clock.wait_turn("b", 1.0)
    assert slept == [1.0, 1.0, 1.0, 2.5, 10.0]


@pytest.mark.parametrize("table, message", [
    ({"delay": -1}, "delay"), ({"max_pages": "ten"}, "max_pages"), ({"speed": 3}, "unknown fetch setting"),
    ({"user_agent": "a\r\nX-Evil: 1"}, "user_agent"), ({"concurrency": 0}, "concurrency"),
], ids=["negative-delay", "pages-not-a-number", "unknown-key", "header-injection", "no-concurrency"])
def test_bad_settings(table, message):
    with pytest.raises(ConfigError, match=message):
        FetchSettings.from_table(table)


def test_default_user_agent_names_ringkas_and_its_version():
    from ringkas import __version__

    assert FetchSettings().agent.startswith(f"ringkas/{__version__} ")
    assert FetchSettings(user_agent="Koran/1").agent == "Koran/1"


def test_progress_names_hosts_rates_failures_and_eta(caplog):
    import logging

    from ringkas.fetch.progress import FetchProgress

    progress = FetchProgress(total=10, log_every_s=0.0)
    with caplog.at_level(logging.INFO, logger="ringkas.fetch"):
        for host, failed in [("kompas.com", False), ("kompas.com", True), ("detik.com", False)]:
            progress.page_done(host, failed)
    progress.close()
    line = caplog.records[-1].getMessage()
    assert line.startswith("fetch: 3/10 pages, ETA ") and "failed 1" in line
    assert "kompas.com " in line and "detik.com " in line and "/s" in line


@pytest.mark.parametrize("url, reason", [
    ("http://a..b/x", "bad_url"),
    ("http://127.0.0.1:9/nothing-listens", "connection_error"),
], ids=["empty-label", "refused"])
def test_client_failures_are_reasons(url, reason):
    from ringkas.fetch.client import FetchFailure, HttpClient

    client = HttpClient(FetchSettings(allow_private=True, connect_timeout=1, read_timeout=1))
    with pytest.raises(FetchFailure) as caught:
        client.get(url)
    assert caught.value.reason == reason
