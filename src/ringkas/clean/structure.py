"""The article's shape: its headline, its dateline, and paragraphs that appear more than once.

Runs after noise removal, on blank-line separated paragraphs. A plain-text article without a title gets
its first paragraph as headline when that is short and not a sentence. The dateline that opens the first
body paragraph ("JAKARTA, KOMPAS.com -") moves into ``metadata["dateline"]``. Body paragraphs equal to the
headline (scraped pages repeat it) and verbatim repeats (republished or paginated pages) are dropped, the
first occurrence kept.
"""

from __future__ import annotations

import re

from ringkas.clean.leftovers import is_label
from ringkas.clean.lines import normalise_for_match
from ringkas.clean.noise import removed_counter
from ringkas.clean.patterns import NoisePatterns, load_patterns
from ringkas.record import Article
from ringkas.step import Step
from ringkas.text import join_paragraphs, split_paragraphs, split_sentences

HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 25
_NOT_A_HEADLINE_END = re.compile(r"[.,;:][\"'”’)]*$")


def looks_like_headline(paragraph: str) -> bool:
    """Short, no sentence-final full stop, comma or colon, and not several sentences."""
    if len(paragraph) > HEADLINE_MAX_CHARS or len(paragraph.split()) > HEADLINE_MAX_WORDS:
        return False
    if _NOT_A_HEADLINE_END.search(paragraph):
        return False
    # The segmenter knows "Dr.", "H.", "No." and "Rp": "Kunjungan Dr. Siti ke Jakarta" is one sentence.
    return len(split_sentences(paragraph)) <= 1


class HeadlineDetector(Step):
    """For an article without a title, take its first paragraph as the title when it looks like one; drop
    an outlet suffix from any title ("Harga Beras Naik - Kompas.com")."""

    name = "clean"

    def __init__(self, patterns: NoisePatterns | None = None):
        self.patterns = patterns or load_patterns()

    def process(self, article: Article) -> Article:
        if not article.title:
            paragraphs = split_paragraphs(article.text)
            if len(paragraphs) >= 2 and looks_like_headline(paragraphs[0]):
                article.title = paragraphs[0]
                article.text = join_paragraphs(paragraphs[1:])
                article.metadata.setdefault("clean", {})["title_from"] = "first_line"
        if article.title:
            title = self.patterns.title_suffix.sub("", article.title)
            if title and title != article.title:
                article.metadata.setdefault("clean", {})["title_suffix"] = article.title[len(title):].strip()
                article.title = title
        return article


DATELINE_SEARCH_PARAGRAPHS = 3  # a dateline after a photo caption, a repeated headline or a summary
LEAD_IN_MAX_CHARS = 400  # what stands before a dateline is a caption or a summary, never a story paragraph


def find_dateline(paragraph: str, patterns: NoisePatterns, alone: bool = False) -> tuple[dict[str, str], str] | None:
    """``(dateline, rest_of_paragraph)`` when ``paragraph`` opens with a dateline; with ``alone``, also when
    the dateline is the whole paragraph (its sentence is the next one)."""
    for pattern in patterns.datelines:
        match = pattern.match(paragraph)
        if not match or (match.end() >= len(paragraph) and not alone):
            continue
        found = {"text": match.group(0).strip()}
        groups = match.groupdict()
        if groups.get("place"):
            place = groups["place"].strip()
            found["place"] = place.title() if place.isupper() else place
        if groups.get("outlet"):
            found["outlet"] = groups["outlet"].strip()
        return found, paragraph[match.end():].lstrip()
    return None


class DatelineStripper(Step):
    """Move the dateline that opens the body into ``metadata["dateline"]``. It may stand after a photo
    caption, a repeated headline or a summary (within the first :data:`DATELINE_SEARCH_PARAGRAPHS`
    paragraphs): what stands before it then goes too (counted as ``before_dateline``), but only when the
    dateline names its outlet ("KUTA, KOMPAS.com -") and each of those paragraphs is short; a bare "Bandung -"
    further down is a sentence of the story."""

    name = "clean"

    def __init__(self, patterns: NoisePatterns | None = None):
        self.patterns = patterns or load_patterns()

    def process(self, article: Article) -> Article:
        paragraphs = split_paragraphs(article.text)
        for index, paragraph in enumerate(paragraphs[:DATELINE_SEARCH_PARAGRAPHS]):
            if index and len(paragraphs[index - 1]) > LEAD_IN_MAX_CHARS:
                return article
            found = find_dateline(paragraph, self.patterns, alone=index + 1 < len(paragraphs))
            if found is None or (index and "outlet" not in found[0]):
                continue
            article.metadata["dateline"], rest = found
            if index:
                removed_counter(article)["before_dateline"] += index
            paragraphs = ([rest] if rest else []) + paragraphs[index + 1:]
            article.text = join_paragraphs(paragraphs)
            return article
        return article


LABELS_BEFORE_HEADLINE = 2  # a channel label and a breadcrumb, at most, stand above a repeated headline


def labels_before_headline(paragraphs: list[str], keys: list[str], headline: str) -> int:
    """How many paragraphs open the body above its repeated headline when each is a label ("FotoBisnis",
    "Nasional", "Home Berita"): the page's chrome, not the story. 0 when a sentence stands there.
    ``keys``: the paragraphs as :func:`normalise_for_match` gives them."""
    for index, (paragraph, key) in enumerate(zip(paragraphs[:LABELS_BEFORE_HEADLINE + 1], keys)):
        if key == headline:
            return index
        if not is_label(paragraph):
            return 0
    return 0


class RepeatFilter(Step):
    """Drop body paragraphs that repeat the headline or an earlier paragraph (first one kept), and the labels
    that open the body above a repeated headline (``before_headline``)."""

    name = "clean"

    def process(self, article: Article) -> Article:
        removed = removed_counter(article)
        seen: set[str] = set()
        headline = normalise_for_match(article.title or "")
        kept = []
        paragraphs = split_paragraphs(article.text)
        keys = [normalise_for_match(paragraph) for paragraph in paragraphs]
        labels = labels_before_headline(paragraphs, keys, headline) if headline else 0
        if labels:
            removed["before_headline"] += labels
        for paragraph, key in zip(paragraphs[labels:], keys[labels:]):
            if headline and key == headline:
                removed["repeated_headline"] += 1
            elif key in seen:
                removed["repeated_paragraph"] += 1
            else:
                seen.add(key)
                kept.append(paragraph)
        article.text = join_paragraphs(kept)
        return article
