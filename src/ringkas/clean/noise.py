"""Portal noise and SEO spam removal, driven by the patterns data file.

Each line is matched against every family in turn: ``strip`` families cut the matched text out,
``drop_line`` families remove the line, ``drop_block`` families remove a heading and the title-like lines
listed under it, ``drop_post`` families remove an embedded post's attribution line ("— Name (@handle) May 2,
2024") and the post above it (the line just before, when it was kept and is no longer than a post:
:data:`POST_MAX_CHARS`); then the SEO-spam rule looks at what is left. Surviving lines are joined back into
paragraphs (hard wraps undone) and written one paragraph per blank-line separated block. What went is
counted per family in ``metadata["clean"]["removed"]``.
"""

from __future__ import annotations

import re
from collections import Counter

from ringkas.clean.lines import blocks_of_lines, join_wrapped
from ringkas.clean.patterns import Family, NoisePatterns, load_patterns
from ringkas.clean.spam import is_seo_spam
from ringkas.record import Article
from ringkas.step import Step
from ringkas.text import join_paragraphs

_ONLY_PUNCTUATION = re.compile(r"^[\W_]*$")
_TITLE_LIKE_MAX_CHARS = 150
# Noise lines are short; paragraphs longer than this are only searched by strip families. This also bounds
# what a badly written pattern can cost on a hostile 100,000-character line.
NOISE_LINE_MAX_CHARS = 1000
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
# four or more lower-case words, no punctuation or digits: only ever the last unit (hard wraps already joined)
_KEYWORD_LINE = re.compile(r"^[a-z]{2,}(?:\s+[a-z]{2,}){3,20}$")
_NAME_IN_CAPITALS = re.compile(r"^\(?[A-Z][A-Z.'’]*(?:\s+[A-Z][A-Z.'’]*){1,3}\)?$")
# a label that ends in its separator with nothing after it: its item (a linked title) is on the next line
_BARE_LABEL = re.compile(r"^\W*\w+(?:\s+\w+){0,2}\s*[:»>|]\s*$")
POST_MAX_CHARS = 280  # a tweet's limit; the line above an attribution that is longer is the article's


def removed_counter(article: Article) -> Counter:
    """The article's running per-family count of removed noise (shared by every cleaning step)."""
    clean = article.metadata.setdefault("clean", {})
    return clean.setdefault("removed", Counter())


def _title_like(line: str) -> bool:
    """A linked title in a related list: short, no sentence end, and not a line that introduces what follows
    ("Berdasarkan data Johns Hopkins, lima negara dengan kasus tertinggi adalah:" ends the list)."""
    return len(line) <= _TITLE_LIKE_MAX_CHARS and not _SENTENCE_END.search(line) and not line.endswith(":")


def strip_noise(text: str, patterns: NoisePatterns, removed: Counter,
                memo: dict[str, tuple[str, Family | None, Counter]] | None = None) -> list[str]:
    """Paragraph units of ``text`` with noise lines and spans removed; counts go into ``removed``.
    ``memo``: short lines already judged (a portal's boilerplate repeats on every page of a run)."""
    units: list[str] = []
    open_list: str | None = None  # the drop_block family whose list ("Berita Terkait" ...) we are in
    one_item = False  # the list is the one title a bare label left on the next line
    previous_kept = False  # whether the line before this one stayed (a post above an attribution)
    for block in blocks_of_lines(text):
        kept: list[str] = []
        for line in block:
            if open_list and _title_like(line):
                removed[open_list] += 1
                previous_kept = False
                open_list = None if one_item else open_list
                continue
            original = line
            line, family = _judge_line(line, patterns, removed, memo)
            # a heading's list, or the one item a bare label ("Baca juga:", "Lihat Juga :") left on the next line
            one_item = family is not None and family.action == "drop_line" and bool(_BARE_LABEL.match(original))
            open_list = family.name if family is not None and (family.action == "drop_block" or one_item) else None
            if family is not None and family.action == "drop_post" and previous_kept:
                _drop_post_above(kept or units, family.name, removed)
            if line:
                kept.append(line)
            previous_kept = bool(line)
        units.extend(join_wrapped(kept) if kept else [])
    if len(units) >= 2 and _KEYWORD_LINE.match(units[-1]):
        units.pop()  # a scraper's tag list without its label closing the text ("izin tambang raja ampat")
        removed["keyword_lines"] += 1
    if len(units) >= 2 and _NAME_IN_CAPITALS.match(units[-1]):
        units.pop()  # the reporter's name alone in capitals on the last line ("RINA AYU", "(BUDI S)")
        removed["closing_credits"] += 1
    return units


def heads_a_list(line: str, patterns: NoisePatterns) -> bool:
    """Whether the line rules take ``line`` together with the titles under it ("Berita Terkait", a bare
    "Baca juga:"): the site template leaves such a line to them, or its titles would stay behind alone."""
    _cleaned, family = _clean_line(line.strip(), patterns, Counter())
    return family is not None and (family.action == "drop_block" or
                                   (family.action == "drop_line" and bool(_BARE_LABEL.match(line))))


def _drop_post_above(lines: list[str], family: str, removed: Counter) -> None:
    if lines and len(lines[-1]) <= POST_MAX_CHARS:
        lines.pop()
        removed[family] += 1


MEMO_LINE_MAX_CHARS = 200  # boilerplate lines are short; a story's lines are long and occur once
MEMO_MAX_LINES = 20_000  # a few MB at most


def _judge_line(line: str, patterns: NoisePatterns, removed: Counter,
                memo: dict[str, tuple[str, Family | None, Counter]] | None) -> tuple[str, Family | None]:
    """:func:`_clean_line`, remembered for short lines (the same answer and counts: it is a pure function)."""
    if memo is None or len(line) > MEMO_LINE_MAX_CHARS:
        return _clean_line(line, patterns, removed)
    known = memo.get(line)
    if known is None:
        counts: Counter = Counter()
        cleaned, family = _clean_line(line, patterns, counts)
        if len(memo) >= MEMO_MAX_LINES:
            memo.clear()
        known = memo[line] = (cleaned, family, counts)
    removed.update(known[2])
    return known[0], known[1]


def _clean_line(line: str, patterns: NoisePatterns, removed: Counter) -> tuple[str, Family | None]:
    """The line after every family and the spam rule ("" when it goes), and the family that dropped it
    (None when it stays, or when it went as spam or for being only punctuation)."""
    lowered = line.lower()
    for family in patterns.families:
        if family.action == "strip":
            # the split patterns say "no" faster than subn on the alternation (on the lower-cased copy, faster
            # than a case-insensitive search, when the family's patterns are written in lower case)
            if not family.finds(lowered if family.lowercase else line):
                continue
            line, count = family.regex.subn("", line)
            if count:
                removed[family.name] += count
                line = " ".join(line.split())
                if _ONLY_PUNCTUATION.match(line):
                    return "", None
                lowered = line.lower()
        elif len(line) > NOISE_LINE_MAX_CHARS:
            continue
        elif family.finds(lowered if family.lowercase else line):
            removed[family.name] += 1
            return "", family
    if len(line) <= NOISE_LINE_MAX_CHARS and is_seo_spam(lowered, patterns.spam):
        removed[patterns.spam.name] += 1
        return "", None
    return line, None


class NoiseFilter(Step):
    """Remove portal noise and SEO spam lines from ``article.text`` (see the module docstring)."""

    name = "clean"

    def __init__(self, patterns: NoisePatterns | None = None):
        self.patterns = patterns or load_patterns()
        self._memo: dict[str, tuple[str, Family | None, Counter]] = {}

    def process(self, article: Article) -> Article:
        units = strip_noise(article.text, self.patterns, removed_counter(article), self._memo)
        article.text = join_paragraphs(units)
        return article
