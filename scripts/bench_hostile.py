#!/usr/bin/env python
"""Hostile inputs, timed: the figures the tests used to assert as time limits (tests now check only the
outcome, with pytest-timeout as the guard against a hang).

usage: python scripts/bench_hostile.py

Run from the repository root (``src/`` and the tests' inputs are put on the path). Prints, in seconds:
each feed bomb's rejection (tests/readers/test_feed.py), each hostile HTML page through the whole cleaner
(tests/clean/test_html.py), the slowest noise pattern on each adversarial line and the whole cleaner on
the adversarial articles (tests/clean/test_hostile.py). State the machine and its load with the figures.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def timed(run) -> tuple[float, object]:
    start = time.perf_counter()
    out = run()
    return time.perf_counter() - start, out


def feed_bombs() -> None:
    from ringkas.readers import read_articles
    from tests.readers.test_feed import BOMB, EXTERNAL

    cases = {"billion-laughs": (BOMB, "utf-8"), "external-entity": (EXTERNAL, "utf-8"),
             "utf-16-bomb": (BOMB.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>'), "utf-16")}
    with tempfile.TemporaryDirectory() as folder:
        for name, (document, encoding) in cases.items():
            path = Path(folder) / "feed.xml"
            path.write_bytes(document.encode(encoding))
            seconds, out = timed(lambda: list(read_articles(path)))
            print(f"feed {name:22} {seconds:8.3f} s  ({out[0].rejection.reason})")


def hostile_html() -> None:
    from ringkas.clean import clean_articles
    from ringkas.record import Article
    from tests.clean.test_html import HOSTILE_HTML

    for case in HOSTILE_HTML:
        (html, _), name = case.values, case.id
        seconds, out = timed(lambda: list(clean_articles([Article(id="a", html=html)])))
        print(f"html {name:22} {seconds:8.3f} s  ({out[0].rejection.reason if out[0].rejected else 'kept'})")


def adversarial() -> None:
    from ringkas.clean import clean_articles
    from ringkas.record import Article
    from tests.clean.test_hostile import ADVERSARIAL, adversarial_articles, every_regex

    for name, line in sorted(ADVERSARIAL.items()):
        worst = max((timed(lambda: find(variant))[0], regex) for regex, find in every_regex()
                    for variant in (line, line.lower()))
        print(f"line {name:22} {worst[0]:8.4f} s  slowest pattern: {worst[1]}")
    articles = adversarial_articles()
    list(clean_articles(articles[:1]))  # the language model loads outside the timed part
    seconds, out = timed(lambda: list(clean_articles(articles)))
    print(f"cleaner on {len(out)} adversarial articles: {seconds:.2f} s")


if __name__ == "__main__":
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs")
    feed_bombs()
    hostile_html()
    adversarial()
