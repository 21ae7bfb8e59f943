"""Score the cleaner on saved article pages against hand-written expectations, beside plain trafilatura.

    python scripts/score_pages.py PAGES_DIR EXPECTATIONS.json
    python scripts/score_pages.py tests/data/pages tests/data/pages/expectations.json   # the format example

EXPECTATIONS.json maps a page's file name (inside PAGES_DIR) to what a reader of that page would call its
article::

    {"page.html": {"title": "Headline as the page shows it",
                   "must_keep": ["a sentence of the story", ...],
                   "noise": ["a string that is not the story: a teaser, a credit, an embed", ...],
                   "dateline": "Outlet.com, Place" or null}}

Per page and in total it prints, for ringkas's cleaner and for plain ``trafilatura.extract`` side by side:
must-keep sentences kept, noise strings removed, title right, dateline moved (out of the text and, for
ringkas, into ``metadata.dateline``), and duplicated paragraphs. Strings are compared with whitespace
collapsed, case kept. Pages listed but not found are reported and left out of the totals. The pages are
cleaned as one run (each site's template learnt from the pages scored together); ``--pages-alone`` cleans
each on its own.

``--by-portal`` adds the totals per portal (a page's file name up to its first ``_`` or digit:
``kompas_4.html`` is kompas) and, per portal, what each of ringkas's rules took (``metadata.clean.removed``
summed): the leave-portal-out view, which says whether a rule fires on portals it was not written for.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

_DASH_END = re.compile(r"\s*[-–—]+\s*$")


def _norm(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Score:
    kept: int = 0
    must_keep: int = 0
    removed: int = 0
    noise: int = 0
    titles: int = 0
    pages: int = 0
    datelines_moved: int = 0
    datelines: int = 0
    duplicates: int = 0
    missed: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("kept", "must_keep", "removed", "noise", "titles", "pages", "datelines_moved",
                     "datelines", "duplicates"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def cells(self) -> list[str]:
        def share(part: int, whole: int) -> str:
            return f"{part}/{whole} {100 * part / whole:5.1f}%" if whole else "-"

        return [share(self.kept, self.must_keep), share(self.removed, self.noise),
                share(self.titles, self.pages), share(self.datelines_moved, self.datelines), str(self.duplicates)]


def duplicated_paragraphs(text: str, min_chars: int = 40) -> int:
    """Paragraphs (of at least ``min_chars``) that occur more than once: each extra copy counts one."""
    seen: set[str] = set()
    repeats = 0
    for paragraph in re.split(r"\n\s*\n|\n", text):
        key = _norm(paragraph)
        if len(key) < min_chars:
            continue
        repeats += key in seen
        seen.add(key)
    return repeats


def score(expect: dict, title: str, text: str, dateline_found: str | None) -> Score:
    """One page's figures. ``dateline_found``: the dateline the extractor moved out (None: it moves none)."""
    body = _norm(text)
    result = Score(pages=1, must_keep=len(expect.get("must_keep", [])), noise=len(expect.get("noise", [])))
    for sentence in expect.get("must_keep", []):
        if _norm(sentence) in body:
            result.kept += 1
        else:
            result.missed.append(f"lost: {sentence[:90]}")
    for noise in expect.get("noise", []):
        if _norm(noise) in body:
            result.missed.append(f"kept noise: {noise[:90]}")
        else:
            result.removed += 1
    result.titles = int(_norm(title) == _norm(expect.get("title", "")))
    if not result.titles:
        result.missed.append(f"title: {title[:90]!r}")
    if expect.get("dateline"):
        result.datelines = 1
        wanted = _DASH_END.sub("", _norm(expect["dateline"]))
        found = _DASH_END.sub("", _norm(dateline_found or ""))
        result.datelines_moved = int(found == wanted and not body.startswith(wanted))
        if not result.datelines_moved:
            result.missed.append(f"dateline not moved: {wanted!r}")
    result.duplicates = duplicated_paragraphs(text)
    return result


def ringkas_extract(html: str, steps: list, removed: Counter | None = None) -> tuple[str, str, str | None]:
    """Title, text and dateline of one page; what each rule took is added to ``removed``."""
    from ringkas.record import Article

    stream = iter([Article(id="page", html=html)])
    for step in steps:
        stream = step(stream)
    article = next(stream)
    if article.rejected:
        return "", "", None
    if removed is not None:
        removed.update(article.metadata.get("clean", {}).get("removed") or {})
    return article.title or "", article.text, (article.metadata.get("dateline") or {}).get("text")


def portal_of(name: str) -> str:
    """``kompas_4.html`` -> ``kompas``, ``liputan6_covid.html`` -> ``liputan6``, ``detik2.html`` -> ``detik``."""
    match = re.match(r"[a-z]+(?:\d+(?=_))?", name.lower())
    return match.group(0) if match else name


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows if row[i] and not row[i].startswith("  ")) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def print_portals(portals: dict[str, dict[str, Score]], removed: dict[str, Counter]) -> None:
    print("\nper portal")
    rows = [["portal", "extractor", "must-keep kept", "noise removed", "title", "dateline moved", "dup. paras"]]
    for portal, totals in portals.items():
        for extractor, total in totals.items():
            rows.append([f"{portal} ({total.pages})" if extractor == "ringkas" else "", extractor, *total.cells()])
    print_table(rows)
    print("\nwhat each rule took (metadata.clean.removed), per portal")
    kinds = sorted({kind for counts in removed.values() for kind in counts})
    print_table([["rule", *removed], *([kind, *(str(removed[p][kind] or "") for p in removed)] for kind in kinds)])


def trafilatura_extract(html: str) -> tuple[str, str, str | None]:
    import trafilatura

    text = trafilatura.extract(html) or ""
    metadata = trafilatura.extract_metadata(html)
    return (getattr(metadata, "title", None) or ""), text, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages_dir", type=Path)
    parser.add_argument("expectations", type=Path)
    parser.add_argument("--details", action="store_true", help="list each lost sentence and kept noise string")
    parser.add_argument("--by-portal", action="store_true",
                        help="totals per portal, and what each rule took on each portal's pages")
    parser.add_argument("--pages-alone", action="store_true",
                        help="clean each page on its own (default: as one run, learning each site's template "
                             "from the pages scored together, as `ringkas clean` and `ringkas run` do)")
    args = parser.parse_args(argv)
    try:
        expectations = json.loads(args.expectations.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"score_pages: cannot read expectations {args.expectations}: {exc}", file=sys.stderr)
        return 2
    if not args.pages_dir.is_dir():
        print(f"score_pages: {args.pages_dir} is not a folder of pages", file=sys.stderr)
        return 2

    import logging

    from ringkas.clean import build_cleaner, collect_template
    from ringkas.record import Article

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    pages = {name: (args.pages_dir / name).read_text(encoding="utf-8", errors="replace")
             for name in expectations if (args.pages_dir / name).is_file()}
    template = None if args.pages_alone else collect_template(
        Article(id=name, html=html) for name, html in pages.items())
    steps = build_cleaner(dedupe_ids=False, template=template)
    header = ["page", "extractor", "must-keep kept", "noise removed", "title", "dateline moved", "dup. paras"]
    rows = [header]
    totals = {"ringkas": Score(), "trafilatura": Score()}
    portals: dict[str, dict[str, Score]] = {}
    removed: dict[str, Counter] = {}
    for name, expect in expectations.items():
        if name not in pages:
            print(f"score_pages: {name} not found in {args.pages_dir}; left out", file=sys.stderr)
            continue
        html = pages[name]
        portal = portal_of(name)
        taken = removed.setdefault(portal, Counter())
        for extractor, extract in (("ringkas", lambda h: ringkas_extract(h, steps, taken)),
                                   ("trafilatura", trafilatura_extract)):
            page = score(expect, *extract(html))
            totals[extractor].add(page)
            portals.setdefault(portal, {"ringkas": Score(), "trafilatura": Score()})[extractor].add(page)
            rows.append([name if extractor == "ringkas" else "", extractor, *page.cells()])
            if args.details:
                rows.extend(["", "", f"  {line}", "", "", "", ""] for line in page.missed)
    for extractor, total in totals.items():
        rows.append(["TOTAL" if extractor == "ringkas" else "", extractor, *total.cells()])
    print_table(rows)
    if args.by_portal:
        print_portals(portals, removed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
