"""Checks that decide whether an article goes on: duplicate ids, size limits, nothing left after cleaning."""

from __future__ import annotations

from ringkas.clean.html import looks_like_html
from ringkas.record import Article
from ringkas.step import Step

# Long-form news runs to ~30k characters; far beyond that is a book, a dump or a scraping accident, and
# cleaning or translating it would cost more than every real article around it.
DEFAULT_MAX_TEXT_CHARS = 100_000
DEFAULT_MAX_HTML_CHARS = 3_000_000
DEFAULT_MIN_TEXT_CHARS = 1
# The longest real headlines run to ~200 characters; a longer "title" is a scraping accident (a whole page in
# the <title>), and it would be translated and shown in the digest whole.
DEFAULT_MAX_TITLE_CHARS = 300


class DuplicateIdFilter(Step):
    """Reject a second article with an id already seen in this run (the first one wins). ``stage`` names the
    stage in the rejection (the runner keeps this check as ``read`` when the cleaner is off)."""

    name = "clean"

    def __init__(self, stage: str = "clean") -> None:
        self.name = stage
        self._seen: dict[str, str] = {}

    def process(self, article: Article) -> Article:
        if article.id in self._seen:
            first = self._seen[article.id]
            return article.reject(self.name, "duplicate_id", f"id {article.id!r} first seen at {first}")
        origin = article.metadata.get("origin") or {}
        self._seen[article.id] = ":".join(str(v) for v in origin.values()) or "an earlier record"
        return article


class SizeLimit(Step):
    """Reject ``too_long`` articles before any expensive work (and again after HTML extraction)."""

    name = "clean"

    def __init__(self, max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
                 max_html_chars: int = DEFAULT_MAX_HTML_CHARS):
        self.max_text_chars = max_text_chars
        self.max_html_chars = max_html_chars

    def process(self, article: Article) -> Article:
        markup = article.html or (article.text if looks_like_html(article.text) else "")
        if markup and len(markup) > self.max_html_chars:
            return article.reject(self.name, "too_long",
                                  f"{len(markup)} characters of HTML (limit {self.max_html_chars})")
        if not markup and len(article.text) > self.max_text_chars:
            return article.reject(self.name, "too_long",
                                  f"{len(article.text)} characters of text (limit {self.max_text_chars})")
        return article


class EmptyAfterCleaning(Step):
    """Reject an article whose body is gone once the noise is out."""

    name = "clean"

    def __init__(self, min_chars: int = DEFAULT_MIN_TEXT_CHARS):
        self.min_chars = min_chars

    def process(self, article: Article) -> Article:
        if len(article.text.strip()) < self.min_chars:
            return article.reject(self.name, "empty_after_cleaning", "nothing but noise in this article")
        return article


class TitleLimit(Step):
    """Cut a title longer than ``max_title_chars`` at the last word boundary before the limit (with "…"),
    and flag the article ``title_cut``: the story stays, its runaway title does not."""

    name = "clean"

    def __init__(self, max_title_chars: int = DEFAULT_MAX_TITLE_CHARS):
        self.max_title_chars = max_title_chars

    def process(self, article: Article) -> Article:
        title = article.title
        if title and len(title) > self.max_title_chars:
            head = title[: self.max_title_chars - 1]
            cut = head.rsplit(" ", 1)[0] if " " in head[self.max_title_chars // 2:] else head
            article.title = cut.rstrip(" ,;:-") + "…"
            article.flag("title_cut")
            article.metadata.setdefault("clean", {})["title_chars"] = len(title)
        return article
