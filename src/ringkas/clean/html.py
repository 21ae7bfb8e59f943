"""Main-text extraction from HTML with trafilatura: the article's ``h1`` becomes the title; navigation,
related-article boxes, scripts, comments and footers are left behind.

Nothing is fetched: trafilatura gets an already-parsed tree, never a URL. lxml caps nesting depth when it
parses, and ``max_tree_size`` caps how many elements trafilatura will walk, so hostile HTML (a million
nested ``div``) costs bounded time and memory.
"""

from __future__ import annotations

import re
from typing import Any

from ringkas.record import Article
from ringkas.registry import require
from ringkas.step import Step

DEFAULT_MAX_TREE_SIZE = 200_000


def _first_text(tree: Any, xpath: str) -> str | None:
    for node in tree.xpath(xpath):
        text = node if isinstance(node, str) else node.text_content()
        text = " ".join(str(text).split())
        if text:
            return text
    return None


def page_title(tree: Any) -> str | None:
    """The article's own headline: its ``h1`` (inside ``<article>`` first), else ``og:title``."""
    return (_first_text(tree, "//article//h1")
            or _first_text(tree, "//h1")
            or _first_text(tree, "//meta[@property='og:title']/@content"))


class HtmlExtractor(Step):
    """Fill ``text`` (and ``title`` if missing) from ``html``; drop ``html`` afterwards."""

    name = "clean"

    def __init__(self, max_tree_size: int = DEFAULT_MAX_TREE_SIZE, favor_precision: bool = True):
        self.max_tree_size = max_tree_size
        self.favor_precision = favor_precision
        self._trafilatura = require("trafilatura", "HTML extraction", "pip install trafilatura lxml_html_clean")

    def process(self, article: Article) -> Article:
        if not article.html:
            return article
        if article.text.strip():  # both given: the text is the article, the html only a rendering
            article.html = None
            return article
        from trafilatura.utils import load_html

        tree = load_html(article.html)
        article.html = None
        if tree is None:
            return article.reject(self.name, "no_main_text", "the HTML could not be parsed")
        title = page_title(tree)
        document = self._trafilatura.bare_extraction(
            tree, include_comments=False, include_tables=False, include_images=False,
            favor_precision=self.favor_precision, max_tree_size=self.max_tree_size, with_metadata=False,
        )
        text = getattr(document, "text", None) or ""
        if not text.strip():
            return article.reject(self.name, "no_main_text", "no article text found in the HTML")
        # trafilatura puts one paragraph per line; the rest of ringkas separates paragraphs by blank lines
        article.text = re.sub(r"\n+", "\n\n", text)
        if not article.title and title:
            article.title = title
        article.metadata.setdefault("clean", {})["extracted_from"] = "html"
        return article
