"""``ringkas fetch`` against a portal on 127.0.0.1: what it writes, and what the server saw."""

from __future__ import annotations

import gzip

import pytest

from ringkas.cli import main
from tests.fetch.conftest import PARAGRAPHS, TEASER, atom, feed_reply, page_html, read_lines, rss
from tests.fetch.server import Reply


def _portal(news, pages: int = 3) -> list[str]:
    paths = [f"/berita/{n}" for n in range(1, pages + 1)]
    news.routes["/rss"] = feed_reply(rss("Portal Berita", [(f"Berita {n}", news.url(p)) for n, p in
                                                            enumerate(paths, 1)]))
    for n, path in enumerate(paths, 1):
        news.routes[path] = Reply(body=page_html(f"Berita {n}"))
    return paths


def test_rss_and_atom_entries_become_full_pages_that_clean_reads(news, fetch_args, tmp_path):
    _portal(news, 2)
    news.routes["/atom"] = Reply(body=atom("Portal Atom", [("Berita Atom", news.url("/atom/1"))]),
                                 content_type="application/atom+xml")
    news.routes["/atom/1"] = Reply(body=page_html("Berita Atom"))
    assert main(fetch_args(news.url("/rss"), news.url("/atom"))) == 0
    lines = read_lines(tmp_path / "pages.jsonl")
    assert sorted(line["id"] for line in lines) == sorted(news.url(p) for p in ("/berita/1", "/berita/2", "/atom/1"))
    first = next(line for line in lines if line["id"].endswith("/berita/1"))
    assert first["title"] == "Berita 1" and first["source"] == "Portal Berita"
    assert first["published"] == "2026-12-01T07:00:00+07:00"  # ISO 8601 in the data, the feed's offset kept
    assert PARAGRAPHS[1] in first["html"] and TEASER not in first["html"]
    meta = first["metadata"]["fetch"]
    assert meta["feed"] == news.url("/rss") and meta["status"] == 200 and meta["charset"] == "utf-8"
    assert meta["final_url"] == news.url("/berita/1") and meta["content_type"].startswith("text/html")
    assert next(line for line in lines if line["id"].endswith("/atom/1"))["source"] == "Portal Atom"
    # ringkas clean reads the file as it is: the full article text, not the feed's teaser
    assert main(["-q", "clean", str(tmp_path / "pages.jsonl"), "-o", str(tmp_path / "clean.jsonl")]) == 0
    cleaned = read_lines(tmp_path / "clean.jsonl")
    assert len(cleaned) == 3 and all(PARAGRAPHS[2] in row["text"] for row in cleaned)
    assert cleaned[0]["metadata"]["fetch"]["feed"].startswith(news.url("/"))


def test_what_the_server_is_sent(news, fetch_args):
    _portal(news, 1)
    assert main(fetch_args(news.url("/rss"))) == 0
    assert [hit.path for hit in news.hits] == ["/robots.txt", "/rss", "/berita/1"]
    for hit in news.hits:
        assert hit.headers["user-agent"].startswith("ringkas/0.1.0 ")
        assert "gzip" in hit.headers["accept-encoding"]
    assert "text/html" in news.headers_of("/berita/1")[0]["accept"]
    assert "application/rss+xml" in news.headers_of("/rss")[0]["accept"]
    assert "if-none-match" not in news.headers_of("/rss")[0]


def test_custom_user_agent(news, fetch_args):
    _portal(news, 1)
    assert main(fetch_args(news.url("/rss"), extra=("--user-agent", "KoranBot/2 (+mailto:redaksi@example.org)"))) == 0
    assert {hit.headers["user-agent"] for hit in news.hits} == {"KoranBot/2 (+mailto:redaksi@example.org)"}


def test_rerun_gets_304_writes_nothing_and_exits_0(news, fetch_args, tmp_path, capsys):
    _portal(news, 2)
    assert main(fetch_args(news.url("/rss"))) == 0
    assert len(read_lines(tmp_path / "pages.jsonl")) == 2
    capsys.readouterr()
    assert main(fetch_args(news.url("/rss"), out="second.jsonl")) == 0
    assert read_lines(tmp_path / "second.jsonl") == []
    sent = news.headers_of("/rss")[1]
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == "Tue, 01 Dec 2026 00:00:00 GMT"
    assert news.count("/berita/1") == 1 and news.count("/berita/2") == 1
    assert "not modified 1" in capsys.readouterr().err


def test_a_changed_feed_yields_only_its_new_entries(news, fetch_args, tmp_path):
    _portal(news, 2)
    assert main(fetch_args(news.url("/rss"))) == 0
    news.routes["/rss"] = feed_reply(rss("Portal Berita", [("Baru", news.url("/berita/3")),
                                                           ("Berita 1", news.url("/berita/1"))]), etag='"v2"')
    news.routes["/berita/3"] = Reply(body=page_html("Baru"))
    assert main(fetch_args(news.url("/rss"), out="second.jsonl")) == 0
    assert [line["id"] for line in read_lines(tmp_path / "second.jsonl")] == [news.url("/berita/3")]
    assert news.count("/berita/1") == 1


def test_one_story_reached_two_ways_is_fetched_once(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("A", news.url("/berita/1?utm_source=twitter&fbclid=abc")),
                                               ("A lagi", news.url("/berita/1#komentar"))]))
    news.routes["/berita/1"] = Reply(body=page_html("A"))
    assert main(fetch_args(news.url("/rss"))) == 0
    assert [line["id"] for line in read_lines(tmp_path / "pages.jsonl")] == [news.url("/berita/1")]
    assert [hit.path for hit in news.hits if hit.path.startswith("/berita")] == ["/berita/1"]


def test_opml_and_url_list_sources(news, fetch_args, tmp_path):
    _portal(news, 1)
    news.routes["/atom"] = Reply(body=atom("A", [("Atom", news.url("/atom/1"))]))
    news.routes["/atom/1"] = Reply(body=page_html("Atom"))
    news.routes["/lain"] = Reply(body=page_html("Lain"))
    opml = tmp_path / "feeds.opml"
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><head><title>Feeds</title></head><body>'
                    f'<outline text="Nasional"><outline type="rss" text="RSS" xmlUrl="{news.url("/rss")}"/>'
                    f'<outline type="rss" text="Atom" xmlUrl="{news.url("/atom")}"/></outline></body></opml>')
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# dibaca manual\n{news.url('/lain')}\n\nftp://example.org/x\n")
    assert main(fetch_args(str(opml), str(urls))) == 0
    ids = sorted(line["id"] for line in read_lines(tmp_path / "pages.jsonl"))
    assert ids == sorted(news.url(p) for p in ("/berita/1", "/atom/1", "/lain"))
    rejects = read_lines(tmp_path / "pages.rejects.jsonl")
    assert [(r["url"], r["reason"]) for r in rejects] == [("ftp://example.org/x", "bad_url")]


def test_robots_disallow_and_crawl_delay(news, fetch_args, tmp_path):
    news.routes["/robots.txt"] = Reply(body="User-agent: *\nDisallow: /rahasia/\nCrawl-delay: 0.25\n",
                                       content_type="text/plain")
    news.routes["/rss"] = feed_reply(rss("P", [(f"B{n}", news.url(f"/berita/{n}")) for n in range(3)]
                                         + [("R", news.url("/rahasia/1"))]))
    for n in range(3):
        news.routes[f"/berita/{n}"] = Reply(body=page_html(f"B{n}"))
    assert main(fetch_args(news.url("/rss"), delay="0.05")) == 0
    assert news.count("/rahasia/1") == 0
    rejects = read_lines(tmp_path / "pages.rejects.jsonl")
    assert [(r["id"], r["reason"]) for r in rejects] == [(news.url("/rahasia/1"), "robots_disallowed")]
    times = news.times()
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(times) == 5 and min(gaps[1:]) >= 0.24  # the Crawl-delay (0.25 s), not --delay (0.05 s)


def test_robots_for_our_agent_only(news, fetch_args, tmp_path):
    news.routes["/robots.txt"] = Reply(body="User-agent: ringkas\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
                                       content_type="text/plain")
    _portal(news, 1)
    assert main(fetch_args(news.url("/rss"))) == 1  # the only feed is refused: nothing could be fetched
    assert [hit.path for hit in news.hits] == ["/robots.txt"]
    assert {r["reason"] for r in read_lines(tmp_path / "pages.rejects.jsonl")} == {"robots_disallowed"}


def test_requests_to_one_host_are_spaced_by_delay(news, fetch_args):
    _portal(news, 4)
    assert main(fetch_args(news.url("/rss"), delay="0.15")) == 0
    times = news.times()
    assert len(times) == 6
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.14


def test_hosts_proceed_in_parallel_each_spaced(news, fetch_args, tmp_path):
    """127.0.0.1 and localhost are two hosts to the fetcher: each keeps its spacing, and together they take
    about as long as one of them alone."""
    items = [(f"A{n}", news.url(f"/a/{n}")) for n in range(4)] + [(f"B{n}", news.url(f"/b/{n}", "localhost"))
                                                                   for n in range(4)]
    news.routes["/rss"] = feed_reply(rss("P", items))
    for n in range(4):
        news.routes[f"/a/{n}"] = Reply(body=page_html(f"A{n}"))
        news.routes[f"/b/{n}"] = Reply(body=page_html(f"B{n}"))
    assert main(fetch_args(news.url("/rss"), delay="0.2")) == 0
    assert len(read_lines(tmp_path / "pages.jsonl")) == 8
    hosts = {"a": [h for h in news.hits if h.path.startswith("/a/")],
             "b": [h for h in news.hits if h.path.startswith("/b/")]}
    for hits in hosts.values():
        assert min(y.at - x.at for x, y in zip(hits, hits[1:])) >= 0.19
    # interleaved: the second host's first page comes before the first host's last
    assert hosts["b"][0].at < hosts["a"][-1].at
    assert {h.headers["host"].split(":")[0] for h in hosts["b"]} == {"localhost"}


def test_429_retry_after_is_honoured(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("A", news.url("/sibuk"))]))
    news.routes["/sibuk"] = [Reply(429, "pelan-pelan", headers={"Retry-After": "1"}), Reply(body=page_html("A"))]
    assert main(fetch_args(news.url("/rss"))) == 0
    first, second = news.times("/sibuk")
    assert second - first >= 0.99
    assert len(read_lines(tmp_path / "pages.jsonl")) == 1


def test_500_then_200_is_retried_with_backoff(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("A", news.url("/goyah"))]))
    news.routes["/goyah"] = [Reply(500, "error"), Reply(503, "error"), Reply(body=page_html("A"))]
    assert main(fetch_args(news.url("/rss"), delay="0.05")) == 0
    times = news.times("/goyah")
    assert len(times) == 3
    assert times[1] - times[0] >= 0.099 and times[2] - times[1] >= 0.199  # 2 x delay, then doubled
    assert len(read_lines(tmp_path / "pages.jsonl")) == 1


def test_persistent_5xx_is_one_reject_after_the_retries(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("A", news.url("/rusak")), ("B", news.url("/baik"))]))
    news.routes["/rusak"] = Reply(502, "bad gateway")
    news.routes["/baik"] = Reply(body=page_html("B"))
    assert main(fetch_args(news.url("/rss"))) == 0
    assert news.count("/rusak") == 3  # one try and two retries
    [reject] = read_lines(tmp_path / "pages.rejects.jsonl")
    assert reject["reason"] == "http_error" and reject["status"] == 502 and reject["feed"] == news.url("/rss")
    assert len(read_lines(tmp_path / "pages.jsonl")) == 1


def test_timeout(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("A", news.url("/lambat"))]))
    news.routes["/lambat"] = Reply(body=page_html("A"), delay=1.0)
    assert main(fetch_args(news.url("/rss"), extra=("--timeout", "0.2"))) == 1  # its only page: nothing fetched
    [reject] = read_lines(tmp_path / "pages.rejects.jsonl")
    assert reject["reason"] == "timeout"
    assert news.count("/lambat") == 3


def test_redirect_chain_is_followed_and_a_loop_refused(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("A", news.url("/r1")), ("L", news.url("/loop1"))]))
    news.routes["/r1"] = Reply(301, headers={"Location": "/r2"})
    news.routes["/r2"] = Reply(302, headers={"Location": news.url("/r3")})
    news.routes["/r3"] = Reply(307, headers={"Location": "/akhir"})
    news.routes["/akhir"] = Reply(body=page_html("A"))
    news.routes["/loop1"] = Reply(302, headers={"Location": "/loop2"})
    news.routes["/loop2"] = Reply(302, headers={"Location": "/loop1"})
    assert main(fetch_args(news.url("/rss"))) == 0
    [page] = read_lines(tmp_path / "pages.jsonl")
    assert page["id"] == news.url("/r1") and page["metadata"]["fetch"]["final_url"] == news.url("/akhir")
    assert page["metadata"]["fetch"]["redirects"] == [news.url(p) for p in ("/r1", "/r2", "/r3")]
    [reject] = read_lines(tmp_path / "pages.rejects.jsonl")
    assert reject["reason"] == "too_many_redirects" and "loop" in reject["detail"]
    assert news.count("/loop1") == 1 and news.count("/loop2") == 1


def test_too_many_redirects(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("A", news.url("/hop/0"))]))
    for n in range(10):
        news.routes[f"/hop/{n}"] = Reply(302, headers={"Location": f"/hop/{n + 1}"})
    assert main(fetch_args(news.url("/rss"))) == 0
    assert read_lines(tmp_path / "pages.rejects.jsonl")[0]["reason"] == "too_many_redirects"
    assert sum(news.count(f"/hop/{n}") for n in range(10)) == 6  # the first request and 5 redirects


def test_oversized_page_is_cut_off_while_reading(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("Besar", news.url("/besar")), ("Panjang", news.url("/panjang"))]))
    news.routes["/besar"] = Reply(stream_bytes=200 * 1024 * 1024)  # no Content-Length: only reading tells
    news.routes["/panjang"] = Reply(body="x" * 300_000)  # Content-Length says it: refused unread
    assert main(fetch_args(news.url("/rss"), extra=("--max-bytes", "100000"))) == 0
    assert {r["reason"] for r in read_lines(tmp_path / "pages.rejects.jsonl")} == {"too_large"}
    assert news.sent["/besar"] < 50 * 1024 * 1024  # the client hung up long before the 200 MB were sent


def test_non_html_link(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("PDF", news.url("/laporan.pdf"))]))
    news.routes["/laporan.pdf"] = Reply(body=b"%PDF-1.7 ...", content_type="application/pdf")
    assert main(fetch_args(news.url("/rss"))) == 0
    [reject] = read_lines(tmp_path / "pages.rejects.jsonl")
    assert reject["reason"] == "not_html" and "application/pdf" in reject["detail"]


def test_a_page_answering_304_unasked_is_an_error_not_an_empty_page(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("A", news.url("/aneh"))]))
    news.routes["/aneh"] = Reply(304)
    assert main(fetch_args(news.url("/rss"))) == 0
    assert read_lines(tmp_path / "pages.jsonl") == []
    [reject] = read_lines(tmp_path / "pages.rejects.jsonl")
    assert (reject["reason"], reject["status"]) == ("http_error", 304)


def test_xhtml_is_a_page(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("X", news.url("/x"))]))
    news.routes["/x"] = Reply(body=page_html("X"), content_type="application/xhtml+xml")
    assert main(fetch_args(news.url("/rss"))) == 0
    assert len(read_lines(tmp_path / "pages.jsonl")) == 1


def test_gzip_page_is_decoded(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("G", news.url("/gz"))]))
    news.routes["/gz"] = Reply(body=page_html("G"), gzip=True)
    assert main(fetch_args(news.url("/rss"))) == 0
    [page] = read_lines(tmp_path / "pages.jsonl")
    assert PARAGRAPHS[0] in page["html"]


def test_gzip_bomb_stops_at_the_cap(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("Bom", news.url("/bom"))]))
    news.routes["/bom"] = Reply(body=gzip.compress(b"<p>" + b"a" * 10_000_000, compresslevel=1),
                                headers={"Content-Encoding": "gzip"})  # 10 MB that travel as ~45 KB
    assert main(fetch_args(news.url("/rss"), extra=("--max-bytes", "200000"))) == 0
    assert read_lines(tmp_path / "pages.rejects.jsonl")[0]["reason"] == "too_large"


@pytest.mark.parametrize("content_type, meta", [
    ("text/html; charset=windows-1252", None),
    ("text/html", "windows-1252"),
    ("text/html", None),
], ids=["header", "meta", "detected"])
def test_windows_1252_page_reads_correctly(news, fetch_args, tmp_path, content_type, meta):
    words = ["Menteri “Keuangan” menyatakan – ekonomi tumbuh 5% … kata dia di kafé.", *PARAGRAPHS]
    news.routes["/rss"] = feed_reply(rss("P", [("W", news.url("/w"))]))
    news.routes["/w"] = Reply(body=page_html("W", words, charset=meta).encode("cp1252"), content_type=content_type)
    assert main(fetch_args(news.url("/rss"))) == 0
    [page] = read_lines(tmp_path / "pages.jsonl")
    assert words[0] in page["html"]
    assert page["metadata"]["fetch"]["charset"] == "cp1252"


def test_private_address_is_refused_without_allow_private(news, fetch_args, tmp_path):
    _portal(news, 1)
    assert main(fetch_args(news.url("/rss"), private=False)) == 1  # the only feed refused: nothing fetched
    assert news.hits == []
    [reject] = read_lines(tmp_path / "pages.rejects.jsonl")
    assert reject["reason"] == "private_address" and reject["id"] == news.url("/rss")


def test_a_redirect_to_a_private_address_is_refused_at_the_hop(news, fetch_args, tmp_path, monkeypatch):
    """A public page that redirects into the intranet: the hop is checked, not only the first URL."""
    from ringkas.fetch import urls

    public = "http://berita.example:%d" % news.port
    monkeypatch.setattr(urls, "_resolve", lambda host, port: ("93.184.216.34",) if host == "berita.example"
                        else ("127.0.0.1",))
    monkeypatch.setattr("ringkas.fetch.client.HttpClient._request", _rewrite_to_loopback(news))
    monkeypatch.setattr("ringkas.fetch.client._public_peer", lambda address: True)  # as if it were public
    lines = tmp_path / "urls.txt"
    lines.write_text(public + "/pindah\n")
    news.routes["/robots.txt"] = Reply(404)
    news.routes["/pindah"] = Reply(302, headers={"Location": news.url("/admin")})
    assert main(fetch_args(str(lines), private=False)) == 0
    assert news.count("/admin") == 0 and news.count("/pindah") == 1
    assert read_lines(tmp_path / "pages.rejects.jsonl")[0]["reason"] == "private_address"


def _rewrite_to_loopback(news):
    """Stand-in for DNS: berita.example is served by the test server (the address check saw it as public)."""
    from ringkas.fetch.client import HttpClient

    original = HttpClient._request

    def request(self, url, headers):
        return original(self, url.replace("berita.example", "127.0.0.1"), headers)

    return request


def test_a_failing_feed_is_one_reject_and_the_others_go_on(news, fetch_args, tmp_path):
    _portal(news, 1)
    news.routes["/mati"] = Reply(404, "tidak ada")
    news.routes["/bom"] = Reply(body='<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss>&a;</rss>')
    assert main(fetch_args(news.url("/mati"), news.url("/bom"), news.url("/rss"))) == 0
    rejects = {r["id"]: r for r in read_lines(tmp_path / "pages.rejects.jsonl")}
    assert rejects[news.url("/mati")]["reason"] == "http_error" and rejects[news.url("/mati")]["status"] == 404
    assert rejects[news.url("/bom")]["reason"] == "unsafe_xml"
    assert len(read_lines(tmp_path / "pages.jsonl")) == 1


def test_a_feed_entry_with_a_bad_link(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("J", "javascript:alert(1)"), ("F", "file:///etc/passwd")]))
    assert main(fetch_args(news.url("/rss"))) == 0
    assert [r["reason"] for r in read_lines(tmp_path / "pages.rejects.jsonl")] == ["bad_url", "bad_url"]
    assert [hit.path for hit in news.hits] == ["/robots.txt", "/rss"]


def test_a_failed_page_is_tried_again_on_later_runs_up_to_a_limit(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("A", news.url("/hilang"))]))
    news.routes["/hilang"] = Reply(404)
    for run in range(5):
        assert main(fetch_args(news.url("/rss"), out=f"run{run}.jsonl")) == 0
    assert news.count("/hilang") == 3  # --max-attempts default: three runs try it, then it is given up
    news.routes["/hilang"] = Reply(body=page_html("A"))
    assert main(fetch_args(news.url("/rss"), out="later.jsonl")) == 0
    assert read_lines(tmp_path / "later.jsonl") == []


def test_max_pages(news, fetch_args, tmp_path):
    _portal(news, 5)
    assert main(fetch_args(news.url("/rss"), extra=("--max-pages", "2"))) == 0
    assert len(read_lines(tmp_path / "pages.jsonl")) == 2
    assert main(fetch_args(news.url("/rss"), out="rest.jsonl")) == 0  # the rest next time (feed: 304)
    assert len(read_lines(tmp_path / "rest.jsonl")) == 3
    assert all(news.count(f"/berita/{n}") == 1 for n in range(1, 6))


def test_output_not_written_by_fetch_is_not_touched(news, fetch_args, tmp_path, capsys):
    _portal(news, 1)
    precious = tmp_path / "pages.jsonl"
    precious.write_text('{"id": "a", "text": "milik orang lain"}\n')
    assert main(fetch_args(news.url("/rss"))) == 2
    assert precious.read_text() == '{"id": "a", "text": "milik orang lain"}\n'
    assert "not written by ringkas fetch" in capsys.readouterr().err
    assert news.hits == []
    assert main(fetch_args(news.url("/rss"), extra=("--force",))) == 0
    assert [line["id"] for line in read_lines(precious)] == [news.url("/berita/1")]


@pytest.mark.parametrize("sources, message", [
    (["missing.opml"], "no such file"),
    ([], "required"),
], ids=["missing-file", "no-source"])
def test_could_not_start(tmp_path, sources, message, capsys):
    args = ["fetch", *sources, "-o", str(tmp_path / "p.jsonl"), "--state", str(tmp_path / "s.sqlite")]
    with pytest.raises(SystemExit) if not sources else _nothing():
        assert main(args) == 2
    assert message in capsys.readouterr().err


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_state_that_cannot_be_used_is_exit_2(tmp_path, capsys, news):
    _portal(news, 1)
    state = tmp_path / "state.sqlite"
    state.write_bytes(b"this is not a database" * 100)
    args = ["fetch", news.url("/rss"), "-o", str(tmp_path / "p.jsonl"), "--state", str(state), "--allow-private"]
    assert main(args) == 2
    assert "fetch state" in capsys.readouterr().err and news.hits == []


def test_summary_line(news, fetch_args, capsys):
    _portal(news, 2)
    news.routes["/berita/2"] = Reply(404)
    assert main(fetch_args(news.url("/rss"))) == 0
    err = capsys.readouterr().err
    assert "pages fetched 1" in err and "rejected 1 (http_error 1)" in err



def test_a_local_feed_file_is_a_source(news, fetch_args, tmp_path):
    feed = tmp_path / "simpan.xml"
    feed.write_text(rss("Arsip", [("A", news.url("/a")), ("Relatif", "/relatif")]))
    news.routes["/a"] = Reply(body=page_html("A"))
    assert main(fetch_args(str(feed))) == 0
    [page] = read_lines(tmp_path / "pages.jsonl")
    assert page["source"] == "Arsip" and page["metadata"]["fetch"]["feed"] == str(feed)
    assert [r["reason"] for r in read_lines(tmp_path / "pages.rejects.jsonl")] == ["bad_url"]  # nothing to resolve against


def test_a_host_whose_address_changes_after_the_check_is_refused_at_connect(news, fetch_args, tmp_path, monkeypatch):
    """DNS rebinding: the name looked public when checked, the connection reached loopback. Nothing is sent."""
    from ringkas.fetch import urls

    monkeypatch.setattr(urls, "_resolve", lambda host, port: ("93.184.216.34",))
    _portal(news, 1)
    assert main(fetch_args(news.url("/rss", "localhost"), private=False)) == 1  # the only feed refused
    assert news.hits == []
    [reject] = read_lines(tmp_path / "pages.rejects.jsonl")
    assert reject["reason"] == "private_address" and "connected to 127.0.0.1" in reject["detail"]


@pytest.mark.parametrize("link", ["hard-link", "symlink"])
def test_a_source_file_linked_as_the_output_is_refused(fetch_args, tmp_path, capsys, link):
    import os

    sources = tmp_path / "urls.txt"
    sources.write_text("http://127.0.0.1:9/berita/1\n", "utf-8")
    output = tmp_path / "pages.jsonl"
    os.link(sources, output) if link == "hard-link" else output.symlink_to(sources)
    assert main(fetch_args(str(sources))) == 2
    assert sources.read_text("utf-8") == "http://127.0.0.1:9/berita/1\n"
    assert "a SOURCE file is also the output" in capsys.readouterr().err


def test_a_full_disk_part_way_is_exit_1_and_what_was_written_is_kept(news, fetch_args, tmp_path, monkeypatch, capsys):
    from ringkas.fetch.output import PagesFile

    _portal(news, 3)
    real_write, written = PagesFile.write, []

    def write(self, line):
        if written:
            raise OSError(28, "No space left on device")
        written.append(line["id"])
        real_write(self, line)

    monkeypatch.setattr(PagesFile, "write", write)
    assert main(fetch_args(news.url("/rss"), extra=("--concurrency", "1"))) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert [line["id"] for line in read_lines(tmp_path / "pages.jsonl")] == written
    monkeypatch.setattr(PagesFile, "write", real_write)
    assert main(fetch_args(news.url("/rss"))) == 0  # the rerun fetches the rest, nothing twice
    assert len({line["id"] for line in read_lines(tmp_path / "pages.jsonl")}) == 3
