"""Main-text extraction from HTML with trafilatura: the article's ``h1`` becomes the title; navigation,
related-article boxes, scripts, comments and footers are left behind.

Nothing is fetched: trafilatura gets an already-parsed tree, never a URL. lxml caps nesting depth when it
parses, and a page of more than ``max_tree_size`` elements is rejected (``too_complex``) before
trafilatura walks it, so hostile HTML (a million nested ``div``, 100,000 unclosed cells) costs bounded time
and memory.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ringkas.clean.headline import find_headline
from ringkas.clean.markup import read_structure
from ringkas.clean.noise import heads_a_list, removed_counter
from ringkas.clean.patterns import NoisePatterns, load_patterns
from ringkas.clean.template import SiteTemplate, host_of, prune_template, strip_template_lines
from ringkas.record import Article
from ringkas.registry import require
from ringkas.step import Step

DEFAULT_MAX_TREE_SIZE = 30_000  # elements; a news page has a few thousand, 10,000 with a long comment thread
FRAGMENT_MAX_CHARS = 50_000  # a feed summary or a snippet; a whole page without main text stays rejected
# A photo page's text is its short description and little else; its gallery caption is the story.
CAPTION_STORY_MAX_CHARS = 400
# Scraped datasets often put the raw page into their "text" column; such text is treated as HTML.
_STARTS_WITH_TAG = re.compile(r"\s*<[!a-zA-Z]")
_MARKUP = re.compile(r"</(p|div|html|body|article|span|li|h[1-6])\s*>|<br\s*/?>", re.IGNORECASE)
_DROPPED = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg")
_BLOCKS = ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section")


def looks_like_html(text: str) -> bool:
    """Markup rather than prose: starts with a tag and closes block elements."""
    return bool(_STARTS_WITH_TAG.match(text)) and bool(_MARKUP.search(text, 0, 20_000))


def fragment_text(html: str) -> str:
    """Text of a short HTML fragment (a feed entry's summary), one block element per paragraph.

    trafilatura looks for a page's main content and finds none in a fragment of two paragraphs; this
    keeps every block's text instead, without scripts, styles or navigation.
    """
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises ParserError and friends on junk; the caller rejects the article
        return ""
    for node in list(root.iter(*_DROPPED)):
        if node.getparent() is not None:
            node.drop_tree()
    for node in root.iter(*_BLOCKS):
        node.tail = "\n\n" + (node.tail or "")
    return root.text_content().strip()


class HtmlExtractor(Step):
    """Fill ``text`` (and ``title`` if missing) from ``html``; drop ``html`` afterwards."""

    name = "clean"

    def __init__(self, max_tree_size: int = DEFAULT_MAX_TREE_SIZE, favor_precision: bool = True,
                 patterns: NoisePatterns | None = None, template: SiteTemplate | None = None):
        patterns = patterns or load_patterns()
        self.patterns = patterns
        self.template = template
        self.markup = patterns.markup
        self.function_words = patterns.coherence.function_words
        self.max_tree_size = max_tree_size
        self.favor_precision = favor_precision
        self._trafilatura = require("trafilatura", "HTML extraction", "pip install trafilatura lxml_html_clean")
        # trafilatura logs an ERROR for every fragment it cannot parse as a page; we handle those ourselves
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
        from trafilatura.settings import use_config

        self._config = use_config()  # a fresh ConfigParser: changing it touches no one else's settings
        self._config.set("DEFAULT", "MAX_TREE_SIZE", str(max_tree_size))

    def _caption_is_the_story(self, caption: str, title: str, text: str) -> bool:
        """A photo page: little text, and a gallery caption about the headline's topic (not a carousel of
        other stories' blurbs)."""
        from ringkas.clean.coherence import content_stems

        return (len(text) < CAPTION_STORY_MAX_CHARS and caption not in text
                and bool(content_stems(caption, self.function_words) & content_stems(title, self.function_words)))

    def _strip_template_lines(self, article: Article) -> Article:
        """A text record: the lines its host repeats on other records go (see :mod:`ringkas.clean.template`)."""
        article.text, count = strip_template_lines(article.text, self.template, host_of(article),
                                                   leave=lambda line: heads_a_list(line, self.patterns))
        if count:
            removed_counter(article)["site_template"] += count
        return article

    def process(self, article: Article) -> Article:
        if not article.html and looks_like_html(article.text):
            article.html, article.text = article.text, ""
        if article.text.strip():  # both given: the text is the article, the html only a rendering
            article.html = None
        if not article.html:
            return self._strip_template_lines(article) if self.template is not None else article
        from trafilatura.utils import load_html

        html, article.html = article.html, None
        tree = load_html(html)
        title, text = None, ""
        if tree is not None:
            elements = sum(1 for _ in tree.iter())
            if elements > self.max_tree_size:  # trafilatura would try three extractors before giving up
                return article.reject(self.name, "too_complex",
                                      f"{elements} HTML elements (limit {self.max_tree_size})")
            headline = find_headline(tree)
            title = headline.text
            if headline.site_name:
                article.metadata["site_name"] = headline.site_name
            counter = removed_counter(article)
            counter["site_template"] += prune_template(
                tree, self.template, host_of(article, tree, headline.site_name), headline.element)
            removed, caption = read_structure(tree, self.markup, keep=headline.element)
            counter.update(removed)
            document = self._trafilatura.bare_extraction(
                tree, include_comments=False, include_tables=False, include_images=False,
                favor_precision=self.favor_precision, with_metadata=False, config=self._config,
            )
            # trafilatura puts one paragraph per line; ringkas separates paragraphs by blank lines
            text = re.sub(r"\n+", "\n\n", getattr(document, "text", None) or "")
            if caption and self._caption_is_the_story(caption, article.title or title or "", text):
                text = f"{text}\n\n{caption}".strip()
                article.metadata.setdefault("clean", {})["caption_story"] = True
        if not text.strip() and len(html) <= FRAGMENT_MAX_CHARS:
            text = fragment_text(html)
        if not text.strip():
            return article.reject(self.name, "no_main_text", "no article text found in the HTML")
        article.text = text
        if not article.title and title:
            article.title = title
        article.metadata.setdefault("clean", {})["extracted_from"] = "html"
        return article
