#!/usr/bin/env python
"""Fetch speed and politeness on this machine, against portals served on loopback addresses.

usage: python scripts/bench_fetch.py [--hosts 4] [--pages 40] [--delay 0.1] [--page-kb 60] [--quick]

Run from the repository root (it runs ``python -m ringkas`` with ``src/`` on PYTHONPATH). Nothing leaves the
machine: one threaded http.server per host, on 127.0.0.1, 127.0.0.2, ... (Linux routes all of 127/8 to the
loopback device), each with an RSS feed of ``--pages`` Indonesian article pages of ``--page-kb`` KB.

It prints, side by side, for the same pages:

- ``ringkas fetch`` with ``--delay`` over all hosts: wall time against the politeness floor (pages per host x
  delay: hosts in parallel, each spaced), and the smallest gap the servers saw between two requests to one
  host;
- ``ringkas fetch --delay 0`` (whole command: start-up, robots.txt, feeds, state, fsync per page);
- a plain loop of urllib3 GETs over the same page URLs, one at a time, no state (the raw client);
- the same loop with trafilatura's ``fetch_url`` (what a trafilatura script would do);
- the start-up of ``python -m ringkas`` alone, which the two ``ringkas fetch`` rows include.

Timings on a shared machine are noisy: compare the rows of one run, as ratios.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SENTENCE = ("Pemerintah Provinsi DKI Jakarta menyiapkan pompa air tambahan untuk mengantisipasi banjir rob di "
            "wilayah Jakarta Utara selama puncak musim hujan. ")


class Portal:
    """One host: robots.txt, /rss and its pages; remembers when each request came."""

    def __init__(self, address: str, pages: int, page_kb: int):
        self.hits: list[float] = []
        body = ("<html><head><meta charset='utf-8'><title>Berita</title></head><body><article>"
                + "<p>" + SENTENCE * max(1, page_kb * 1024 // len(SENTENCE)) + "</p></article></body></html>")
        self.page = body.encode("utf-8")
        portal = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                portal.hits.append(time.monotonic())
                if self.path == "/robots.txt":
                    body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
                elif self.path == "/rss":
                    body, kind = portal.feed, "application/rss+xml"
                else:
                    body, kind = portal.page, "text/html; charset=utf-8"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer((address, 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://{address}:{self.server.server_address[1]}"
        self.urls = [f"{self.base}/berita/{n}" for n in range(pages)]
        items = "".join(f"<item><title>Berita {n}</title><link>{url}</link></item>" for n, url in enumerate(self.urls))
        self.feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>P</title>{items}</channel></rss>".encode()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def ringkas_fetch(portals: list[Portal], delay: float, work: Path, name: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "ringkas", "-q", "fetch", *(p.base + "/rss" for p in portals),
               "-o", str(work / f"{name}.jsonl"), "--state", str(work / f"{name}.sqlite"),
               "--delay", str(delay), "--allow-private"]
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def plain_loop(urls: list[str], get: object) -> float:
    start = time.perf_counter()
    for url in urls:
        get(url)
    return time.perf_counter() - start


def smallest_gap(portals: list[Portal]) -> float:
    gaps = [b - a for p in portals for a, b in zip(p.hits, p.hits[1:])]
    return min(gaps) if gaps else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--pages", type=int, default=40, help="pages per host")
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--page-kb", type=int, default=60)
    parser.add_argument("--quick", action="store_true", help="2 hosts x 10 pages")
    args = parser.parse_args()
    if args.quick:
        args.hosts, args.pages = 2, 10
    portals = [Portal(f"127.0.0.{n + 1}", args.pages, args.page_kb) for n in range(args.hosts)]
    urls = [url for p in portals for url in p.urls]
    total = len(urls)
    rows: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for p in portals:
            p.hits.clear()
        rows[f"ringkas fetch --delay {args.delay}"] = ringkas_fetch(portals, args.delay, work, "polite")
        gap = smallest_gap(portals)
        rows["ringkas fetch --delay 0"] = ringkas_fetch(portals, 0.0, work, "eager")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ringkas", "--version"], env=env, check=True, capture_output=True)
    startup = time.perf_counter() - start
    import urllib3

    pool = urllib3.PoolManager()
    rows["urllib3 GET loop (no state, no robots)"] = plain_loop(urls, lambda u: pool.request("GET", u).data)
    try:
        from trafilatura.downloads import fetch_url

        rows["trafilatura fetch_url loop"] = plain_loop(urls, fetch_url)
    except ImportError:
        pass
    floor = args.pages * args.delay
    print(f"{args.hosts} hosts x {args.pages} pages of {args.page_kb} KB = {total} pages (+ robots.txt and a feed "
          f"per host); politeness floor at --delay {args.delay}: {floor:.2f}s")
    reference = rows["urllib3 GET loop (no state, no robots)"]
    for name, seconds in rows.items():
        print(f"  {name:<42} {seconds:7.2f}s  {total / seconds:7.1f} pages/s  x{seconds / reference:5.2f} of urllib3")
    print(f"  {'python -m ringkas --version (start-up alone)':<42} {startup:7.2f}s")
    print(f"  smallest gap the servers saw between two requests to one host at --delay {args.delay}: {gap:.3f}s")


if __name__ == "__main__":
    main()
