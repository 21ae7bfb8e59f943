"""The topical-coherence guard: teasers of other stories left at the edges of the body.

Related-article teasers without a heading ("PEMERINTAH mencabut 4 dari 5 izin usaha ... Berikut 5 poin
penting yang perlu diketahui") read as news sentences, so no line pattern can tell them from the story. What
gives them away is their topic and their shape: a paragraph at the start or the end of the body that shares
no content word with the headline and the lead, and reads like a headline plus a teaser, is dropped and
counted as ``edge_teasers`` in ``metadata.clean.removed``.

Precision first. Only the edges are looked at (a background paragraph inside the story is never touched),
the two conditions must both hold, and "reads like a teaser" needs a sign beyond being short: a title line
above it, no sentence-final stop, a portal's upper-case lead word, or a teaser's own call ("Berikut ...
yang perlu diketahui", "Cek ... di sini"). Words are compared on a rough stem (common prefixes and suffixes
taken off), so "pencabutan" in the headline and "dicabut" in the lead count as the same word; the function
words and teaser cues come from ``[coherence]`` in the patterns file.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ringkas.clean.noise import removed_counter
from ringkas.clean.patterns import NoisePatterns, load_patterns
from ringkas.clean.structure import looks_like_headline
from ringkas.record import Article
from ringkas.step import Step
from ringkas.text import join_paragraphs, split_paragraphs, split_sentences

TEASER_MAX_CHARS = 320
TEASER_MAX_SENTENCES = 2
MIN_STEM_CHARS = 4
_WORD = re.compile(r"[^\W\d_]+")
_PREFIX = re.compile(r"^(meng|meny|mem|men|me|peng|peny|pem|pen|per|pe|ber|be|ter|di|ke|se)(?=\w{4})")
_SUFFIX = re.compile(r"(?<=\w{4})(kannya|annya|nya|kan|an|lah|kah|i)$")
_SENTENCE_STOP = re.compile(r"[.!?…][\"'”’)]*$")
_QUOTE = re.compile(r"[\"“”]")
_UPPER_LEAD = re.compile(r"^[A-Z]{4,}\s+[a-zA-Z]")
_LIST_ITEM = re.compile(r"^\s*(?:[•\-–*·]|\d{1,2}[.)])\s")


@lru_cache(maxsize=65_536)  # news vocabulary repeats: most words are stemmed once per run
def stem(word: str) -> str:
    """A rough Indonesian stem: up to two common prefixes ("di-per-baiki") and one suffix off (enough to
    compare topics, not a morphological analysis)."""
    return _SUFFIX.sub("", _PREFIX.sub("", _PREFIX.sub("", word)))


def content_stems(text: str, function_words: frozenset[str]) -> set[str]:
    stems = set()
    for word in _WORD.findall(text.lower()):
        if word in function_words:
            continue
        root = stem(word)
        if len(root) >= MIN_STEM_CHARS:
            stems.add(root)
    return stems


class EdgeTeaserFilter(Step):
    """Drop teasers of other stories at the start and end of the body (see the module docstring)."""

    name = "clean"

    def __init__(self, patterns: NoisePatterns | None = None):
        rules = (patterns or load_patterns()).coherence
        self.function_words = rules.function_words
        self.teaser_cues = rules.teaser_cues
        self.continuations = rules.continuations

    def process(self, article: Article) -> Article:
        paragraphs = split_paragraphs(article.text)
        title = content_stems(article.title or "", self.function_words)
        if not title or len(paragraphs) < 3:
            return article
        lead = next((i for i, p in enumerate(paragraphs) if title & self._stems(p)), None)
        if lead is None:
            return article
        topic = title | self._stems(paragraphs[lead])
        keep = [True] * len(paragraphs)
        for index in self._teasers(paragraphs, range(lead - 1, -1, -1), topic):
            keep[index] = False
        for index in self._teasers(paragraphs, range(len(paragraphs) - 1, lead, -1), topic):
            keep[index] = False
        dropped = keep.count(False)
        if dropped and len(paragraphs) - dropped >= 2:
            removed_counter(article)["edge_teasers"] += dropped
            article.text = join_paragraphs([p for p, k in zip(paragraphs, keep) if k])
        return article

    def _stems(self, paragraph: str) -> set[str]:
        return content_stems(paragraph, self.function_words)

    def _teasers(self, paragraphs: list[str], order: range, topic: set[str]) -> list[int]:
        """Indexes of the teaser run at one edge: walk inward (``order``) while paragraphs are teasers."""
        found: list[int] = []
        for index in order:
            paragraph = paragraphs[index]
            if topic & self._stems(paragraph) or _LIST_ITEM.match(paragraph):
                break  # on the story's topic, or an item of the story's own list
            title_above = index > 0 and index - 1 not in found and looks_like_headline(paragraphs[index - 1])
            if looks_like_headline(paragraph) and found:
                found.append(index)  # the title line of a teaser already found below it
            elif self._reads_like_teaser(paragraph, title_above):
                found.append(index)
            else:
                break
        return found

    def _reads_like_teaser(self, paragraph: str, title_above: bool) -> bool:
        if len(paragraph) > TEASER_MAX_CHARS or _QUOTE.search(paragraph):
            return False
        if self.continuations.match(paragraph.lower()):
            return False  # "Mereka terancam ...": it refers back to the story
        if len(split_sentences(paragraph)) > TEASER_MAX_SENTENCES:
            return False
        return (title_above or not _SENTENCE_STOP.search(paragraph) or bool(_UPPER_LEAD.match(paragraph))
                or bool(self.teaser_cues.search(paragraph.lower())))
