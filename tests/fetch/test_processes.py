"""Kill-safety and sharing: kill -9 mid-fetch then rerun; two processes on one state file; a torn line."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ringkas.cli import main
from tests.conftest import REPO
from tests.fetch.conftest import feed_reply, page_html, read_lines, rss
from tests.fetch.server import Reply


def _many_pages(news, count: int, hosts: tuple[str, ...] = ("127.0.0.1",), delay: float = 0.0) -> list[str]:
    urls = [news.url(f"/{h}/{n}", h) for h in hosts for n in range(count)]
    news.routes["/rss"] = feed_reply(rss("P", [(f"Berita {n}", url) for n, url in enumerate(urls)]))
    for h in hosts:
        for n in range(count):
            news.routes[f"/{h}/{n}"] = Reply(body=page_html(f"Berita {n}"), delay=delay)
    return urls


def _fetch_process(news, tmp_path: Path, out: str, delay: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    args = [sys.executable, "-m", "ringkas", "-q", "fetch", news.url("/rss"), "-o", str(tmp_path / out),
            "--state", str(tmp_path / "state.sqlite"), "--delay", delay, "--allow-private"]
    return subprocess.Popen(args, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_lines(path: Path, count: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"{path} never reached {count} lines")


@pytest.mark.slow
def test_kill_9_mid_fetch_then_rerun_loses_nothing_and_writes_nothing_twice(news, tmp_path):
    urls = _many_pages(news, 12)
    process = _fetch_process(news, tmp_path, "pages.jsonl", "0.1")
    _wait_for_lines(tmp_path / "pages.jsonl", 4)
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed_with = len(read_lines(tmp_path / "pages.jsonl"))
    assert 4 <= killed_with < 12
    rerun = _fetch_process(news, tmp_path, "pages.jsonl", "0.02")
    assert rerun.wait(timeout=120) == 0, rerun.stderr.read().decode()
    ids = [line["id"] for line in read_lines(tmp_path / "pages.jsonl")]
    assert sorted(ids) == sorted(urls)  # every page, each once
    page_hits = [news.count(f"/127.0.0.1/{n}") for n in range(12)]
    assert min(page_hits) == 1 and sum(page_hits) <= 13  # at most the one in flight at the kill, again
    assert news.count("/rss") == 2 and "if-none-match" in news.headers_of("/rss")[1]


@pytest.mark.slow
def test_two_processes_share_one_state_file(news, tmp_path):
    urls = _many_pages(news, 10, hosts=("127.0.0.1", "localhost"))
    first = _fetch_process(news, tmp_path, "one.jsonl", "0.2")
    _wait_for_lines(tmp_path / "one.jsonl", 2)  # the second starts while the first has ~16 pages to go
    second = _fetch_process(news, tmp_path, "two.jsonl", "0.2")
    assert first.wait(timeout=120) == 0, first.stderr.read().decode()
    assert second.wait(timeout=120) == 0, second.stderr.read().decode()
    one = {line["id"] for line in read_lines(tmp_path / "one.jsonl")}
    two = {line["id"] for line in read_lines(tmp_path / "two.jsonl")}
    assert one | two == set(urls) and not one & two
    assert one and two  # they shared the work
    assert all(news.count(f"/{h}/{n}") == 1 for h in ("127.0.0.1", "localhost") for n in range(10))


def _state_rows(tmp_path: Path) -> dict[str, tuple]:
    with sqlite3.connect(tmp_path / "state.sqlite") as db:
        return {row[0]: row[1:] for row in db.execute("SELECT url, status, attempts, claimed_by FROM pages")}


def test_a_page_written_but_not_marked_before_a_kill_is_not_fetched_again(news, fetch_args, tmp_path):
    urls = _many_pages(news, 3)
    assert main(fetch_args(news.url("/rss"))) == 0
    with sqlite3.connect(tmp_path / "state.sqlite") as db:  # as if killed between the write and the mark
        db.execute("UPDATE pages SET status = 'claimed', claimed_by = 'gone:999999:dead', claimed_at = ? "
                   "WHERE url = ?", (time.time(), urls[1]))
    assert main(fetch_args(news.url("/rss"))) == 0
    assert [line["id"] for line in read_lines(tmp_path / "pages.jsonl")] == urls
    assert news.count("/127.0.0.1/1") == 1
    assert _state_rows(tmp_path)[urls[1]][0] == "done"


def test_a_torn_last_line_is_cut_and_its_page_fetched_again(news, fetch_args, tmp_path):
    urls = _many_pages(news, 3)
    assert main(fetch_args(news.url("/rss"))) == 0
    out = tmp_path / "pages.jsonl"
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:2]) + lines[2][:40])  # killed while writing the third line
    with sqlite3.connect(tmp_path / "state.sqlite") as db:
        db.execute("UPDATE pages SET status = 'claimed', claimed_by = ?, claimed_at = ? WHERE url = ?",
                   (f"{os.uname().nodename}:999999:dead", time.time(), urls[2]))
    assert main(fetch_args(news.url("/rss"))) == 0
    assert [line["id"] for line in read_lines(out)] == urls
    assert news.count("/127.0.0.1/2") == 2


def test_a_live_claim_is_left_to_its_process(news, fetch_args, tmp_path, capsys):
    urls = _many_pages(news, 2)
    assert main(fetch_args(news.url("/rss"), extra=("--max-pages", "1"))) == 0
    with sqlite3.connect(tmp_path / "state.sqlite") as db:  # the parent of this test process is alive
        db.execute("UPDATE pages SET status = 'claimed', claimed_by = ?, claimed_at = ? WHERE url = ?",
                   (f"{os.uname().nodename}:{os.getppid()}:other", time.time(), urls[1]))
    capsys.readouterr()
    assert main(fetch_args(news.url("/rss"), out="again.jsonl")) == 0
    assert read_lines(tmp_path / "again.jsonl") == [] and news.count("/127.0.0.1/1") == 0
    assert "taken by another process 1" in capsys.readouterr().err


def test_a_killed_runs_written_page_is_not_fetched_again_into_another_file(news, fetch_args, tmp_path, capsys):
    """The daily shape: yesterday's run was killed after writing a page to its file but before marking it;
    today's run, into a new file, leaves that page where it is."""
    urls = _many_pages(news, 3)
    assert main(fetch_args(news.url("/rss"), out="yesterday.jsonl")) == 0
    with sqlite3.connect(tmp_path / "state.sqlite") as db:
        db.execute("UPDATE pages SET status = 'claimed', claimed_by = ?, claimed_at = ? WHERE url = ?",
                   (f"{os.uname().nodename}:999999:dead", time.time(), urls[1]))
    capsys.readouterr()
    assert main(fetch_args(news.url("/rss"), out="today.jsonl")) == 0
    assert read_lines(tmp_path / "today.jsonl") == [] and news.count("/127.0.0.1/1") == 1
    assert _state_rows(tmp_path)[urls[1]][0] == "done"
    assert "already fetched 3" in capsys.readouterr().err
