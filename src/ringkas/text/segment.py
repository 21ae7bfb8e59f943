"""Paragraph and sentence segmentation for Indonesian news text.

The translator packs sentences into its window and the summariser scores them, so a wrong split costs a
translation: "Rp. 150.000", "No. 5", "dr. Siti", "H. Agus", "S.H." and single initials do not end a
sentence; decimal commas ("2,1"), thousands dots ("15.720") and times ("06.00 WIB") never contain a break
because no space follows the dot. A break needs terminal punctuation, optional closing quotes or brackets,
whitespace, and then something that can start a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from importlib import resources

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Terminal punctuation, then closing quotes/brackets, then the whitespace we may split at.
# The lookbehind starts a match only at the start of a punctuation run: without it a long run of dots
# ("......" x 20,000) is rescanned from every position, which is quadratic.
_CANDIDATE = re.compile(r"(?<![.!?…])([.!?…]+)([\"'”’»)\]]*)(\s+)")
# What may start a sentence: an upper-case letter, a digit, or an opening quote/bracket.
_SENTENCE_START = re.compile(r"[\"'“‘«(\[]?[A-Z0-9\u00C0-\u00DE]")
# A quotation of a few sentences is one sentence to the translator ("Kami tegas. Tidak ada toleransi," kata
# Kapolda.): no break inside a quote that closes within this many characters. Longer quoted passages split.
MAX_QUOTE_CHARS = 300
_DOTTED_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Lower-cased abbreviations (without the final full stop) read from the package data file."""
    text = resources.files("ringkas.data").joinpath("abbreviations_id.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; inner line breaks become spaces."""
    paragraphs = (" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text))
    return [p for p in paragraphs if p]


def join_paragraphs(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def _is_abbreviation(text: str, start: int, end: int) -> bool:
    """True when the token of ``text[start:end]`` that ends at ``end`` (a full stop) is an abbreviation or an
    initial. Looks back only to the last space (paragraphs are whitespace-normalised), so a long run of
    abbreviations costs linear time."""
    space = max(text.rfind(" ", start, end), text.rfind("\t", start, end), text.rfind("\n", start, end))
    token = text[max(space + 1, start) : end].lstrip("\"'“‘«([")
    if not token:
        return False
    # A single letter ("B." in "Susilo B. Yudhoyono") is an initial; "A.S" or "U.S" are dotted initials.
    if len(token) == 1 and token.isalpha() or _DOTTED_INITIALS.match(token):
        return True
    # Dotted forms such as "S.H" or "a.n": compare the whole token and its last dotted part.
    lowered = token.lower()
    return lowered in abbreviations() or lowered.rsplit(".", 1)[-1] in abbreviations() and "." in lowered


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph (or a whole text: paragraph breaks also end sentences) into sentences."""
    sentences: list[str] = []
    for para in split_paragraphs(paragraph):
        sentences.extend(_split_one(para))
    return sentences


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) positions of short double-quoted passages, in order: straight quotes paired in turn,
    curly quotes by nesting. Single quotes are left alone (they are apostrophes as often as quotes)."""
    spans = []
    straight = [i for i, char in enumerate(text) if char == '"']
    spans += [(a, b) for a, b in zip(straight[::2], straight[1::2]) if b - a <= MAX_QUOTE_CHARS]
    opened: list[int] = []
    for i, char in enumerate(text):
        if char == "“":
            opened.append(i)
        elif char == "”" and opened:
            a = opened.pop()
            if i - a <= MAX_QUOTE_CHARS:
                spans.append((a, i))
    return sorted(spans)


def _inside(spans: list[tuple[int, int]], opens: list[int], position: int) -> bool:
    """True when ``position`` falls inside one of ``spans`` (sorted by opening position)."""
    k = bisect_right(opens, position) - 1
    # Spans do not overlap much (quotes rarely nest), so looking back a few is enough.
    return any(spans[j][0] < position <= spans[j][1] for j in range(k, max(k - 3, -1), -1))


def _split_one(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    spans = _quote_spans(text) if '"' in text or "“" in text else []
    opens = [a for a, _ in spans]
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if end >= len(text) or not _SENTENCE_START.match(text, end):
            continue
        if spans and _inside(spans, opens, match.end(2)):
            continue
        punct = match.group(1)
        if punct == "." and not match.group(2) and _is_abbreviation(text, start, match.start(1)):
            continue
        sentence = text[start : match.start(3)].strip()
        if sentence:
            out.append(sentence)
        start = end
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out
