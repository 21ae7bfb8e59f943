"""Portal noise and SEO spam removal, driven by the patterns data file.

Each line is matched against every family in turn: ``strip`` families cut the matched text out,
``drop_line`` families remove the line, ``drop_block`` families remove a heading and the title-like lines
listed under it; then the SEO-spam rule looks at what is left. Surviving lines are joined back into
paragraphs (hard wraps undone) and written one paragraph per blank-line separated block. What went is
counted per family in ``metadata["clean"]["removed"]``.
"""

from __future__ import annotations

import re
from collections import Counter

from ringkas.clean.lines import blocks_of_lines, join_wrapped
from ringkas.clean.patterns import NoisePatterns, load_patterns
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


def removed_counter(article: Article) -> Counter:
    """The article's running per-family count of removed noise (shared by every cleaning step)."""
    clean = article.metadata.setdefault("clean", {})
    return clean.setdefault("removed", Counter())


def _title_like(line: str) -> bool:
    return len(line) <= _TITLE_LIKE_MAX_CHARS and not _SENTENCE_END.search(line)


def strip_noise(text: str, patterns: NoisePatterns, removed: Counter) -> list[str]:
    """Paragraph units of ``text`` with noise lines and spans removed; counts go into ``removed``."""
    units: list[str] = []
    open_list: str | None = None  # the drop_block family whose list ("Berita Terkait" ...) we are in
    for block in blocks_of_lines(text):
        kept: list[str] = []
        for line in block:
            if open_list and _title_like(line):
                removed[open_list] += 1
                continue
            line, open_list = _clean_line(line, patterns, removed)
            if line:
                kept.append(line)
        units.extend(join_wrapped(kept) if kept else [])
    return units


def _clean_line(line: str, patterns: NoisePatterns, removed: Counter) -> tuple[str, str | None]:
    """The line after every family and the spam rule ("" when it goes), and the name of the drop_block
    family when the line was a list heading."""
    lowered = line.lower()
    for family in patterns.families:
        if family.action == "strip":
            if not family.finds(line):  # the split patterns say "no" faster than subn on the alternation
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
            return "", family.name if family.action == "drop_block" else None
    if len(line) <= NOISE_LINE_MAX_CHARS and is_seo_spam(lowered, patterns.spam):
        removed[patterns.spam.name] += 1
        return "", None
    return line, None


class NoiseFilter(Step):
    """Remove portal noise and SEO spam lines from ``article.text`` (see the module docstring)."""

    name = "clean"

    def __init__(self, patterns: NoisePatterns | None = None):
        self.patterns = patterns or load_patterns()

    def process(self, article: Article) -> Article:
        units = strip_noise(article.text, self.patterns, removed_counter(article))
        article.text = join_paragraphs(units)
        return article
