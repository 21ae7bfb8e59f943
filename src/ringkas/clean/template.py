"""Each site's template, learnt from the run itself.

A daily job fetches many pages of each host. Blocks and lines that recur across pages of one host (menus,
promos, sidebars, footers, "related" lists, pop-ups, a desk's sign-off) are that host's boilerplate, whatever
their class names say; text on one page only is content. This generalises to portals nobody has written a
rule for.

Two passes make it the same whatever the order of the input, per shard and on Ray:
:func:`collect_template` reads the whole input once and counts, per host, on how many pages each block's text
(HTML) or each line (text records) occurs; those counts are a sum, so order does not matter. A crawl's WARC
archives are counted one by one (:func:`count_template`, on the node that reads the archive) and the counts
summed (:func:`sum_templates`). The cleaner then
runs with the counts (``build_cleaner(template=...)``): :func:`prune_template` drops the recurring blocks of a
page before extraction, :func:`strip_template_lines` the recurring lines of a text record. A page alone (or the
only page of its host) cleans exactly as without a template.

What recurs is boilerplate when it is on at least :data:`MIN_PAGES` pages and :data:`MIN_SHARE` of its host's
pages; a paragraph that reads as a sentence needs :data:`MIN_PAGES_SENTENCE` pages (two follow-up stories may
share a background paragraph). The precision rules of :mod:`ringkas.clean.markup` hold here too: the headline,
the story's container and its wrappers, and a link inside a sentence never go; and when the template would
take more than :data:`MAX_STORY_SHARE` of the story (the same story published twice on one host), the story's
own paragraphs are left alone.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ringkas.record import Article

MIN_PAGES = 2
MIN_SHARE = 0.2
MIN_PAGES_SENTENCE = 3
SENTENCE_MIN_CHARS = 150
BLOCK_MAX_CHARS = 600  # longer blocks are the story's or hold several others: their parts are counted instead
MAX_BLOCKS_PER_PAGE = 5000
MAX_STORY_SHARE = 0.5
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
_BLOCK_TAGS = frozenset((
    "div", "section", "aside", "nav", "header", "footer", "form", "ul", "ol", "li", "p", "h1", "h2", "h3", "h4",
    "h5", "h6", "table", "tr", "td", "th", "dl", "dt", "dd", "figure", "figcaption", "blockquote", "center",
    "span", "a", "b", "strong", "font", "small", "em", "i", "label", "button",
))


def fingerprint(text: str) -> int | None:
    """A stable key for a block's or a line's text: case, spacing and digits ("998 Views") ignored."""
    key = _DIGITS.sub("0", " ".join(text.casefold().split()))
    if len(key) < 2:
        return None
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def _sentence_like(text: str) -> bool:
    text = " ".join(text.split())
    return len(text) >= SENTENCE_MIN_CHARS and bool(_SENTENCE_END.search(text))


_SECOND_LEVEL = frozenset(("co", "or", "go", "ac", "web", "my", "sch", "net", "com", "org"))


def site_of(host: str) -> str:
    """A host's site: its registrable domain ("regional.kompas.com" -> "kompas.com", "www.ihram.co.id" ->
    "ihram.co.id"): a portal's desks share one template."""
    labels = host.lower().strip(".").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def host_of(article: Article, tree: Any = None, site_name: str | None = None) -> str | None:
    """The site an article comes from: its URL's domain, else the page's canonical or ``og:url``, else the
    site's name (``og:site_name`` or what the title says beside the headline), else ``source``."""
    urls = [article.url or ""]
    if tree is not None and not article.url:
        urls += tree.xpath("//link[@rel='canonical']/@href")[:1] + tree.xpath("//meta[@property='og:url']/@content")[:1]
    for url in urls:
        try:
            host = urlsplit(url.strip()).hostname if "//" in url else None
        except ValueError:  # a URL that does not parse (an unclosed IPv6 bracket) names no site
            host = None
        if host:
            return site_of(host)
    for name in (site_name, article.source):
        if isinstance(name, str) and name.strip():
            return " ".join(name.lower().split())
    return None


def page_blocks(tree: Any) -> list[tuple[Any, str]]:
    """``(element, text)`` of the page's blocks of up to :data:`BLOCK_MAX_CHARS` characters, document order."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    lengths: dict[Any, int] = {}
    for node in reversed(list(root.iter())):  # children before parents: each length is computed once
        if not isinstance(node.tag, str):
            lengths[node] = len(node.tail or "")
            continue
        lengths[node] = len(node.text or "") + sum(lengths.get(c, 0) + len(c.tail or "") for c in node)
    blocks = []
    for node in root.iter(*_BLOCK_TAGS):
        if 2 <= lengths.get(node, 0) <= BLOCK_MAX_CHARS * 2:  # raw length: spacing not yet collapsed
            text = " ".join(node.text_content().split())
            if 2 <= len(text) <= BLOCK_MAX_CHARS:
                blocks.append((node, text))
                if len(blocks) >= MAX_BLOCKS_PER_PAGE:
                    break
    return blocks


def record_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


@dataclass
class SiteTemplate:
    """Per host: how many pages were seen, and on how many of them each fingerprint occurs (only those on
    two pages or more are kept once :meth:`finish` has run)."""

    pages: Counter = field(default_factory=Counter)
    counts: dict[str, Counter] = field(default_factory=dict)

    def add_page(self, host: str, fingerprints: Iterable[int | None]) -> None:
        self.pages[host] += 1
        self.counts.setdefault(host, Counter()).update({fp for fp in fingerprints if fp is not None})

    def merge(self, other: SiteTemplate) -> SiteTemplate:
        """Add ``other``'s counts (both not yet finished: one archive's first pass each); a sum, so the
        order of the parts does not matter."""
        self.pages.update(other.pages)
        for host, counts in other.counts.items():
            self.counts.setdefault(host, Counter()).update(counts)
        return self

    def finish(self) -> SiteTemplate:
        """Drop what occurs on one page only: it can never be boilerplate, and it is most of the counts."""
        self.counts = {host: Counter({fp: n for fp, n in counts.items() if n >= MIN_PAGES})
                       for host, counts in self.counts.items()}
        return self

    def recurs(self, host: str | None, text: str) -> bool:
        """Whether ``text`` is part of ``host``'s template (see the module docstring for the thresholds)."""
        if host is None or self.pages[host] < MIN_PAGES:
            return False
        found = self.counts.get(host, {}).get(fingerprint(text), 0)
        need = max(MIN_PAGES, math.ceil(MIN_SHARE * self.pages[host]))
        if _sentence_like(text):
            need = max(need, MIN_PAGES_SENTENCE)
        return found >= need

    def summary(self) -> dict[str, int]:
        return {"hosts": len(self.pages), "pages": sum(self.pages.values()),
                "recurring": sum(len(c) for c in self.counts.values())}


def collect_template(articles: Iterable[Article]) -> SiteTemplate:
    """The first pass: per host, on how many pages each block (HTML) or line (text) occurs. Exact copies of
    one page count once."""
    return count_template(articles).finish()


def sum_templates(parts: Iterable[SiteTemplate]) -> SiteTemplate:
    """One template from the first passes of several inputs (each archive of a crawl counted on its own, on
    whichever node read it): their counts summed, then finished. Exact copies count once per archive."""
    total = SiteTemplate()
    for part in parts:
        total.merge(part)
    return total.finish()


def count_template(articles: Iterable[Article]) -> SiteTemplate:
    """:func:`collect_template`'s counts, not yet finished (for :func:`sum_templates`)."""
    from ringkas.clean.gates import DEFAULT_MAX_HTML_CHARS
    from ringkas.clean.headline import find_headline
    from ringkas.clean.html import DEFAULT_MAX_TREE_SIZE, looks_like_html

    template = SiteTemplate()
    seen: set[tuple[str, int]] = set()
    for article in articles:
        if article.rejected:
            continue
        html = article.html if article.html and not (article.text or "").strip() else None
        if html is None and looks_like_html(article.text or ""):
            html = article.text
        if html:
            tree = _parse(html) if len(html) <= DEFAULT_MAX_HTML_CHARS else None
            if tree is None or sum(1 for _ in tree.iter()) > DEFAULT_MAX_TREE_SIZE:
                continue  # the cleaner rejects such a page: it teaches nothing about its host
            host = host_of(article, tree, find_headline(tree).site_name)
            prints = {fingerprint(text) for _node, text in page_blocks(tree)}
        else:
            host = host_of(article)
            prints = {fingerprint(line) for line in record_lines(article.text or "")}
        if host is None:
            continue
        page_key = (host, hash(frozenset(prints)))  # in-process only: decides nothing beyond this pass
        if page_key in seen:
            continue
        seen.add(page_key)
        template.add_page(host, prints)
    return template


def _parse(html: str) -> Any:
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except Exception:  # a page lxml cannot parse is the cleaner's to reject, not the template's
        return None


def prune_template(tree: Any, template: SiteTemplate | None, host: str | None, keep: Any | None = None) -> int:
    """Drop the blocks of ``tree`` (in place) that are part of ``host``'s template; how many went.
    ``keep``: the headline's element, which stays with its ancestors and its words."""
    from ringkas.clean.markup import in_running_text, remove_keeping_tail, story_element

    if template is None or host is None or template.pages[host] < MIN_PAGES:
        return 0
    recurring = [(node, text) for node, text in page_blocks(tree) if template.recurs(host, text)]
    if not recurring:
        return 0
    protected: set[Any] = {keep, *keep.iterancestors(), *keep.iterdescendants()} if keep is not None else set()
    story = story_element(tree)
    if story is not None:
        protected |= {story, *story.iterancestors()}
        story_chars = len(" ".join(story.text_content().split())) or 1
        inside = sum(len(text) for node, text in recurring if story in node.iterancestors())
        if inside > MAX_STORY_SHARE * story_chars:  # the same story twice on one host: its paragraphs stay
            recurring = [(node, text) for node, text in recurring if story not in node.iterancestors()]
    dropped: set[Any] = set()
    for node, _text in recurring:
        if node in protected or node.tag in ("html", "body") or in_running_text(node):
            continue
        if any(ancestor in dropped for ancestor in node.iterancestors()):
            continue
        dropped.add(node)
    for node in dropped:
        remove_keeping_tail(node)
    return len(dropped)


def strip_template_lines(text: str, template: SiteTemplate | None, host: str | None,
                         leave: Callable[[str], bool] | None = None) -> tuple[str, int]:
    """``text`` without the lines that are part of ``host``'s template, and how many went; the text as it
    was when they would be most of it. ``leave``: lines the template leaves to the line rules (a heading
    whose titles follow it: taken alone, its titles would stay)."""
    if template is None or host is None or template.pages[host] < MIN_PAGES:
        return text, 0
    lines = text.split("\n")
    drop = [bool(line.strip()) and template.recurs(host, line.strip()) and not (leave and leave(line))
            for line in lines]
    if not any(drop):
        return text, 0
    dropped_chars = sum(len(line) for line, d in zip(lines, drop) if d)
    if dropped_chars > MAX_STORY_SHARE * len(text):
        return text, 0
    return "\n".join(line for line, d in zip(lines, drop) if not d), sum(drop)
