"""Unicode repair: mojibake (ftfy), HTML entities, invisible characters, whitespace and line endings."""

from __future__ import annotations

import html
import re
import unicodedata

from ringkas.record import Article
from ringkas.step import Step

# Zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks: invisible, and they break matching.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Every horizontal space (NBSP, thin, ideographic, tab ...) becomes one plain space.
_SPACES = re.compile(r"[^\S\n]+")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# Terminal escape sequences (CSI such as "\x1b[2J", OSC such as a window title, two-byte ESC forms) go whole,
# so no "[2J" is left behind; then every other C0/C1 control but tab and newline. A feed's text printed on
# a terminal, or shown in a digest, cannot clear the screen or recolour it.
_TERMINAL_ESCAPE = re.compile(r"(\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(\x1b\]|\x9d)[^\x07\x1b\x9c]*(\x07|\x1b\\|\x9c)?"
                              r"|\x1b[@-Z\\-_]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]\w{1,30});")
# What ftfy is for, found cheaply (ftfy itself costs ~0.5 ms per 2 KB, more than the rest of cleaning):
# UTF-8 read as cp1252/latin-1 ("Ã©", "â€œ"), C1 controls, fullwidth forms and ligatures.
_NEEDS_FTFY = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[\u0080-\u009f\uff01-\uff5e\ufb00-\ufb06]"
)


def repair_text(text: str) -> str:
    """Repaired text: paragraphs and line breaks kept, everything else normalised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)  # first, so ftfy also sees mojibake that arrived entity-encoded
    if not text.isascii():
        if _NEEDS_FTFY.search(text):
            import ftfy  # imported here: most text never needs it

            # curly quotes stay: they are the article's, and the segmenter knows them
            text = ftfy.fix_text(text, unescape_html=False, uncurl_quotes=False, normalization="NFC")
        else:
            text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    if _CONTROLS.search(text):  # most text has none (ESC is one of them)
        text = _CONTROLS.sub("", _TERMINAL_ESCAPE.sub("", text))
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
