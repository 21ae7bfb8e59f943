"""What the network can send that must not break a fetch: links and redirects that do not parse, hosts that do
not answer, drip-fed bodies, lying charsets, encodings that cannot be decoded, a disk that fills up.

Every one is a reject with a reason that says what happened; the exit status says whether anything came."""

from __future__ import annotations

import json
import re
import socket

import pytest

from ringkas.cli import main
from tests.fetch.conftest import feed_reply, page_html, read_lines, rss
from tests.fetch.server import Reply

BAD_URLS = ["http://[zz::1]/", "http://h:-1/", "http://a:b:c/", "http://[::1"]
BAD_IDS = ["bad-ipv6-literal", "negative-port", "two-colons", "unclosed-bracket"]


def _closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("bad", BAD_URLS, ids=BAD_IDS)
def test_a_feed_entry_link_that_does_not_parse_is_a_bad_url_reject(news, fetch_args, tmp_path, bad):
    news.routes["/rss"] = feed_reply(rss("P", [("Rusak", bad), ("Baik", news.url("/berita/1"))]))
    news.routes["/berita/1"] = Reply(body=page_html("Baik"))
    assert main(fetch_args(news.url("/rss"))) == 0
    assert [line["id"] for line in read_lines(tmp_path / "pages.jsonl")] == [news.url("/berita/1")]
    [reject] = read_lines(tmp_path / "pages.rejects.jsonl")
    assert reject["reason"] == "bad_url"


@pytest.mark.parametrize("bad", BAD_URLS, ids=BAD_IDS)
def test_a_redirect_to_a_url_that_does_not_parse_is_a_bad_url_reject(news, fetch_args, tmp_path, bad):
    news.routes["/rss"] = feed_reply(rss("P", [("Pindah", news.url("/pindah")), ("Baik", news.url("/berita/1"))]))
    news.routes["/pindah"] = Reply(302, headers={"Location": bad})
    news.routes["/berita/1"] = Reply(body=page_html("Baik"))
    assert main(fetch_args(news.url("/rss"))) == 0
    assert [line["id"] for line in read_lines(tmp_path / "pages.jsonl")] == [news.url("/berita/1")]
    [reject] = read_lines(tmp_path / "pages.rejects.jsonl")
    assert (reject["id"], reject["reason"]) == (news.url("/pindah"), "bad_url")


def test_a_url_list_whose_every_url_does_not_parse_is_nothing_fetched_and_exit_1(fetch_args, tmp_path, capsys):
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(BAD_URLS) + "\n")
    assert main(fetch_args(str(urls))) == 1
    assert [r["reason"] for r in read_lines(tmp_path / "pages.rejects.jsonl")] == ["bad_url"] * len(BAD_URLS)
    err = capsys.readouterr().err
    assert f"failed: nothing could be fetched: {len(BAD_URLS)} of {len(BAD_URLS)} listed URLs (bad_url 4)" in err


def test_a_url_list_with_one_good_url_among_bad_ones_fetches_it_and_exits_0(news, fetch_args, tmp_path):
    news.routes["/berita/1"] = Reply(body=page_html("Baik"))
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join([*BAD_URLS, news.url("/berita/1")]) + "\n")
    assert main(fetch_args(str(urls))) == 0
    assert [line["id"] for line in read_lines(tmp_path / "pages.jsonl")] == [news.url("/berita/1")]


def test_a_dead_feed_is_a_connection_error_and_exit_1(fetch_args, tmp_path, capsys):
    dead = f"http://127.0.0.1:{_closed_port()}/rss"
    assert main(fetch_args(dead)) == 1
    [reject] = read_lines(tmp_path / "pages.rejects.jsonl")
    assert reject["reason"] == "connection_error" and "robots.txt" in reject["detail"]
    err = capsys.readouterr().err
    assert "failed: nothing could be fetched: 1 of 1 feed (connection_error 1)" in err
    assert "robots_disallowed" not in err


def test_pages_on_a_dead_host_are_connection_errors_and_exit_1(fetch_args, tmp_path, capsys):
    port = _closed_port()
    urls = tmp_path / "urls.txt"
    urls.write_text(f"http://127.0.0.1:{port}/berita/1\nhttp://127.0.0.1:{port}/berita/2\n")
    assert main(fetch_args(str(urls))) == 1
    assert {r["reason"] for r in read_lines(tmp_path / "pages.rejects.jsonl")} == {"connection_error"}
    assert "2 of 2 pages (connection_error 2)" in capsys.readouterr().err


def test_some_feeds_down_is_exit_0_with_one_warning_line(news, fetch_args, tmp_path, capsys):
    news.routes["/rss"] = feed_reply(rss("P", [("Baik", news.url("/berita/1"))]))
    news.routes["/berita/1"] = Reply(body=page_html("Baik"))
    assert main(fetch_args(news.url("/rss"), f"http://127.0.0.1:{_closed_port()}/rss")) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert warnings == ["ringkas fetch: warning: some sources failed: 1 of 2 feeds (connection_error 1) "
                        "(details in the rejects file)"]


def test_robots_txt_answering_5xx_is_robots_unreachable_not_disallowed(news, fetch_args, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(news.url("/berita/1") + "\n")
    news.routes["/robots.txt"] = Reply(503)
    news.routes["/berita/1"] = Reply(body=page_html("Baik"))
    assert main(fetch_args(str(urls))) == 1
    [reject] = read_lines(tmp_path / "pages.rejects.jsonl")
    assert reject["reason"] == "robots_unreachable" and "HTTP 503" in reject["detail"]
    assert news.count("/berita/1") == 0


def test_a_body_dripped_with_a_content_length_is_cut_at_the_whole_body_limit(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("Lambat", news.url("/lambat"))]))
    body = page_html("Lambat")
    news.routes["/lambat"] = Reply(body=body, drip=0.05)
    main(fetch_args(news.url("/rss"), extra=("--timeout", "0.2")))
    [reject] = read_lines(tmp_path / "pages.rejects.jsonl")
    assert reject["reason"] == "timeout"
    seconds = re.search(r"body still arriving after (\d+)s \(limit 4s", reject["detail"])
    assert seconds and int(seconds.group(1)) < 60, reject["detail"]  # seconds elapsed, not a clock reading
    assert news.sent["/lambat"] < len(body)  # each try was cut before the server finished


def test_a_utf8_page_declaring_utf16_in_meta_is_read_as_utf8(news, fetch_args, tmp_path):
    news.routes["/rss"] = feed_reply(rss("P", [("Berita", news.url("/berita/1"))]))
    news.routes["/berita/1"] = Reply(body=page_html("Harga naik", charset="utf-16").encode("utf-8"),
                                     content_type="text/html")
    assert main(fetch_args(news.url("/rss"))) == 0
    [line] = read_lines(tmp_path / "pages.jsonl")
    assert line["metadata"]["fetch"]["charset"] == "utf-8" and "Pemerintah Provinsi DKI" in line["html"]


def test_an_encoding_that_cannot_be_decoded_is_a_reject_tried_again_later(news, fetch_args, tmp_path, monkeypatch):
    from urllib3.response import HTTPResponse

    monkeypatch.setattr(HTTPResponse, "CONTENT_DECODERS", ["gzip", "x-gzip", "deflate"])  # as without brotli
    news.routes["/rss"] = feed_reply(rss("P", [("Berita", news.url("/berita/1"))]))
    news.routes["/berita/1"] = Reply(body=b"\x1b\x00\xf8\xff", headers={"Content-Encoding": "br"})
    main(fetch_args(news.url("/rss")))
    assert read_lines(tmp_path / "pages.jsonl") == []
    [reject] = read_lines(tmp_path / "pages.rejects.jsonl")
    assert reject["reason"] == "unsupported_encoding" and "brotli" in reject["detail"]
    monkeypatch.undo()
    news.routes["/berita/1"] = Reply(body=page_html("Berita"))
    assert main(fetch_args(news.url("/rss"))) == 0  # a later run tries the page again
    assert [line["id"] for line in read_lines(tmp_path / "pages.jsonl")] == [news.url("/berita/1")]


def test_brotli_pages_are_decoded(news, fetch_args, tmp_path):
    brotli = pytest.importorskip("brotli")
    news.routes["/rss"] = feed_reply(rss("P", [("Berita", news.url("/berita/1"))]))
    news.routes["/berita/1"] = Reply(body=brotli.compress(page_html("Berita").encode()),
                                     headers={"Content-Encoding": "br"})
    assert main(fetch_args(news.url("/rss"))) == 0
    [line] = read_lines(tmp_path / "pages.jsonl")
    assert "Pemerintah Provinsi DKI" in line["html"]


def test_a_full_disk_mid_line_leaves_no_torn_line(news, fetch_args, tmp_path, monkeypatch, capsys):
    import ringkas.fetch.output as output

    news.routes["/rss"] = feed_reply(rss("P", [(f"B{n}", news.url(f"/berita/{n}")) for n in range(3)]))
    for n in range(3):
        news.routes[f"/berita/{n}"] = Reply(body=page_html(f"B{n}"))
    real_write, calls = output.os.write, []

    def write(fd, data):
        calls.append(len(data))
        if len(calls) == 2:  # the second page: half of it reaches the disk, then the disk is full
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(output.os, "write", write)
    assert main(fetch_args(news.url("/rss"), extra=("--concurrency", "1"))) == 1
    assert "No space left on device" in capsys.readouterr().err
    raw = (tmp_path / "pages.jsonl").read_bytes()
    assert raw.endswith(b"\n") and [json.loads(line)["title"] for line in raw.splitlines()] == ["B0"]
