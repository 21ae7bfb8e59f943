"""Unicode repair: mojibake (ftfy), HTML entities, invisible characters, whitespace and line endings."""

from __future__ import annotations

import html
import re

from ringkas.record import Article
from ringkas.step import Step

# Zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks: invisible, and they break matching.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Every horizontal space (NBSP, thin, ideographic, tab ...) becomes one plain space.
_SPACES = re.compile(r"[^\S\n]+")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]\w{1,30});")


def repair_text(text: str) -> str:
    """Repaired text: paragraphs and line breaks kept, everything else normalised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)  # first, so ftfy also sees mojibake that arrived entity-encoded
    if not text.isascii():
        import ftfy  # imported here: plain ASCII text (most of it) never needs it

        text = ftfy.fix_text(text, unescape_html=False, normalization="NFC")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _MANY_BLANK_LINES.sub("\n\n", text).strip()


class UnicodeRepair(Step):
    """Repair ``text`` and ``title`` (see :func:`repair_text`)."""

    name = "clean"

    def process(self, article: Article) -> Article:
        article.text = repair_text(article.text)
        if article.title:
            article.title = " ".join(repair_text(article.title).split()) or None
        return article
