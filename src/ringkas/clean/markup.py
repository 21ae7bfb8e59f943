"""Structure-aware removal: the page's markup says which blocks are not the story, before trafilatura reads it.

Real portal pages put related-article teasers, share bars, tag lists, bylines and embedded posts inside or
right beside the article body, where they read like news sentences. Their markup gives them away, so before
extraction this drops:

- ``page_boxes``: elements whose class or id has a word of the ``[markup] class_words`` vocabulary
  ("related", "terkait", "baca-juga", "share", "tag", "caption", ...; words split at spaces, ``-`` and ``_``);
- ``page_embeds``: embedded posts (``blockquote.twitter-tweet``, ``instagram-media``, ...);
- ``teaser_cards``: a list item or small block around a heading that links elsewhere (a teaser of another
  story: its headline is a link, the article's own subheads are not);
- ``link_lists``: lists that are mostly links.

Lists without any link are the story's own enumerations: their items become paragraphs
(:func:`lists_as_paragraphs`), and text loose after a block in a ``<br>``-separated body becomes a paragraph
(:func:`loose_text_as_paragraphs`), so trafilatura keeps both.

Precision first: the element holding the page's ``h1`` (and everything above it) and any element holding
most of the page's text are never dropped, so a ``tag-jokowi`` class on a WordPress ``<article>`` costs
nothing. A photo page whose story is its gallery caption gets that caption back (:func:`gallery_caption`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ringkas.clean.leftovers import SENTENCE_STOP, box_chains, contact_boxes, orphan_box_titles
from ringkas.clean.patterns import MarkupRules

# An element with more than this share of the page's text is the story's container, whatever its class says.
MAX_DROPPED_SHARE = 0.5
TEASER_CARD_MAX_CHARS = 600
CAPTION_MAX_CHARS = 300
LINK_LIST_MIN_LINKS = 3
_HEADINGS_WITH_LINKS = ("//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
                        "[.//a[@href and not(starts-with(@href, '#'))]]")


def _words(node: Any) -> str:
    return f"{node.get('class') or ''} {node.get('id') or ''}".lower()


def _text_length(node: Any) -> int:
    return len(" ".join(node.text_content().split()))


def _teaser_card(heading: Any) -> Any | None:
    """The list item or small block that a linked heading heads, or None."""
    node = heading
    for _ in range(4):
        parent = node.getparent()
        if parent is None:
            return None
        node = parent
        if node.tag in ("li", "article"):
            return node if _text_length(node) <= TEASER_CARD_MAX_CHARS else None
    parent = heading.getparent()
    return parent if parent is not None and _text_length(parent) <= TEASER_CARD_MAX_CHARS else None


def _link_list(node: Any, max_link_density: float) -> bool:
    links = node.findall(".//a")
    if len(links) < LINK_LIST_MIN_LINKS:
        return False
    text = _text_length(node)
    return text > 0 and sum(_text_length(a) for a in links) / text >= max_link_density


def _candidates(tree: Any, rules: MarkupRules) -> list[tuple[Any, str]]:
    """``(element, kind)`` for everything the markup marks as not the story, in document order."""
    found: list[tuple[Any, str]] = []
    for node in tree.xpath("//*[@class or @id]"):
        words = _words(node)
        if rules.embeds.search(words):
            found.append((node, "page_embeds"))
        elif rules.class_words.search(words):
            found.append((node, "page_boxes"))
    for heading in tree.xpath(_HEADINGS_WITH_LINKS):
        card = _teaser_card(heading)
        if card is not None:
            found.append((card, "teaser_cards"))
    found.extend((node, "link_lists") for node in tree.iter("ul", "ol") if _link_list(node, rules.max_link_density))
    found.extend((node, "captions") for node in tree.iter("figcaption", "div", "span", "figure", "table")
                 if _caption_box(node))
    found.extend((node, "contact_boxes") for node in contact_boxes(tree, INLINE_TAGS))
    return found


def _caption_box(node: Any) -> bool:
    """A photo with its caption and credit: a ``figcaption``, or a box whose own child is an image and whose
    text is a caption's length, with no paragraph inside (a paragraph holding an emoji image is the story's)."""
    if node.tag == "figcaption":
        return True
    if not any(child.tag in ("img", "picture") or (child.tag == "a" and child.find("img") is not None)
               for child in node):
        return False
    return node.find(".//p") is None and 0 < _text_length(node) <= CAPTION_MAX_CHARS


def prune_page(tree: Any, rules: MarkupRules, keep: Any | None = None) -> Counter:
    """Drop the blocks the markup marks as not the story from ``tree`` (in place); counts per kind.

    ``keep``: the headline element; it and its ancestors stay whatever their class says.
    """
    removed: Counter = Counter()
    body = tree.find(".//body")
    total = _text_length(body if body is not None else tree) or 1
    protected = {keep, *keep.iterancestors(), *keep.iterdescendants()} if keep is not None else set()
    story = story_element(tree)
    if story is not None:  # the story's own container and every wrapper around it, whatever their class says
        protected |= {story, *story.iterancestors()}
        _neutralise_class_words(story, rules)
    dropped: dict[Any, int] = {}  # each dropped element, with its text's length
    for node, kind in _candidates(tree, rules):
        if node in protected or node.tag in ("html", "body", "main") or node in dropped:
            continue
        if in_running_text(node):
            continue  # a link or a bold name inside a sentence is the sentence's words
        if any(ancestor in dropped for ancestor in node.iterancestors()):
            continue
        length = _text_length(node)
        if length > MAX_DROPPED_SHARE * total:
            continue
        dropped[node] = length
        removed[kind] += 1
    chains = box_chains(set(dropped), protected)
    for node in dropped:
        remove_keeping_tail(node)
    for node in orphan_box_titles(chains, dropped):  # "Foto Terkait" above a list that went
        if not in_running_text(node):
            remove_keeping_tail(node)
            removed["box_titles"] += 1
    return removed


def remove_keeping_tail(node: Any) -> None:
    """Remove ``node`` from its tree, keeping the text that follows it (lxml keeps a tail with its element)."""
    parent = node.getparent()
    if parent is None:
        return
    tail, previous = node.tail, node.getprevious()
    parent.remove(node)
    if tail and tail.strip():  # where the element stood, so the words around it stay in order
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _neutralise_class_words(story: Any, rules: MarkupRules) -> None:
    """The story's container and its wrappers lose a class or id that names a box ("share-wrapper",
    "author-box"): trafilatura discards such elements by their class too, and would take the story with them."""
    for node in (story, *story.iterancestors()):
        words = _words(node)
        if rules.class_words.search(words) or rules.extractor_words.search(words):
            for attribute in ("class", "id"):
                if attribute in node.attrib:
                    del node.attrib[attribute]


def lists_as_paragraphs(tree: Any) -> None:
    """A list with no links inside the story ("Kopi robusta menyumbang 70 persen ...") is the story's own
    enumeration: its items become paragraphs, which trafilatura keeps (it drops short lists it cannot place)."""
    for node in list(tree.iter("ul", "ol")):
        if node.find(".//a") is not None or any(child.tag != "li" for child in node):
            continue
        node.tag = "div"
        for item in node:
            item.tag = "p"


_BLOCK_TAGS = ("div", "table", "figure", "section", "ul", "ol", "blockquote", "aside", "iframe")
INLINE_TAGS = frozenset(("a", "b", "strong", "i", "em", "u", "span", "small", "font", "abbr", "mark", "sup",
                         "sub", "time", "cite", "q", "label", "code", "s", "big"))
STORY_MIN_CHARS = 200  # a story's container holds a few sentences at least
LOOSE_TEXT_MIN_CHARS = 80  # an element with this much text outside its paragraphs holds part of the story


def in_running_text(node: Any) -> bool:
    """An inline element (a link, a bold name) inside a paragraph or between words of loose text."""
    if node.tag not in INLINE_TAGS:
        return False
    parent = node.getparent()
    if parent is None:
        return False
    if parent.tag in ("p", "li", "td", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption"):
        return True
    around = (parent.text or "") + "".join(child.tail or "" for child in parent)
    return any(ch.isalpha() for ch in around)


def story_element(tree: Any) -> Any | None:
    """The element that holds the story's paragraphs: the one whose own paragraphs (``p`` children and text
    loose between its children) hold the most text, at least :data:`STORY_MIN_CHARS` (None otherwise)."""
    best, best_length = None, STORY_MIN_CHARS - 1
    parents = {node.getparent(): None for node in tree.iter("p", "br")}  # document order: the first of equals
    for node in parents:
        if node is None:
            continue
        length = len(_loose_text(node)) + sum(_text_length(child) for child in node if child.tag == "p")
        if length > best_length:
            best, best_length = node, length
    return best


def _loose_text(node: Any) -> str:
    """The text of ``node`` outside its block children: its own text, its inline children, block tails."""
    parts = [node.text or ""]
    for child in node:
        if child.tag in INLINE_TAGS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join(" ".join(parts).split())


def loose_text_as_paragraphs(tree: Any) -> None:
    """Text loose in a story body becomes paragraphs of its own, which trafilatura keeps:

    - in a body that also has paragraphs, each run of text and inline elements up to a block or a ``<br>``
      ("<b>Contoh.com</b> - Lede ...<br><br>Second ...<p>...") becomes a ``<p>`` (trafilatura drops text
      outside the paragraphs of such a body: the lede);
    - text right after a block ("...</div> Setiap bus berkapasitas ...<br>", "</aside> Lede ...") becomes a
      ``<p>`` (trafilatura drops such a tail together with the block before it).
    """
    from lxml.html import Element

    for node in list(tree.iter("div", "td", "section", "article", "main", "span", "font", "center")):
        if node.getparent() is None or not any(child.tag == "p" for child in node):
            continue
        loose = _loose_text(node)
        if len(loose) >= LOOSE_TEXT_MIN_CHARS and SENTENCE_STOP.search(loose):
            _wrap_runs(node)
    for node in list(tree.iter(*_BLOCK_TAGS)):
        if node.tail and node.tail.strip() and node.getparent() is not None:
            paragraph = Element("p")
            paragraph.text, node.tail = node.tail, None
            node.addnext(paragraph)


def _wrap_runs(node: Any) -> None:
    """Wrap each run of text and inline elements of ``node`` (up to a block or a ``<br>``) in a ``<p>``."""
    from lxml.html import Element

    run = None
    if node.text and node.text.strip():
        run = Element("p")
        run.text, node.text = node.text, None
        node.insert(0, run)
    for child in list(node):
        if child is run:
            continue
        if isinstance(child.tag, str) and child.tag in INLINE_TAGS:
            if run is None:
                run = Element("p")
                child.addprevious(run)
            run.append(child)  # moves the element with its tail
            continue
        run = None
        if child.tail and child.tail.strip():
            run = Element("p")
            run.text, child.tail = child.tail, None
            child.addnext(run)


def headline_element(tree: Any) -> Any | None:
    """The page's ``h1`` (inside ``<article>`` first): it and the elements holding it always stay."""
    for xpath in ("//article//h1", "//h1"):
        for node in tree.xpath(xpath):
            if node.text_content().strip():
                return node
    return None


def read_structure(tree: Any, rules: MarkupRules, keep: Any | None = None) -> tuple[Counter, str | None]:
    """Everything the markup says before extraction, applied to ``tree`` in place: the blocks that are not
    the story dropped (counts per kind), lists and loose text made paragraphs; and the gallery caption, for
    a photo page whose story it is. ``keep``: the headline's element (default: the first ``h1``)."""
    caption = gallery_caption(tree, rules)
    removed = prune_page(tree, rules, keep=keep if keep is not None else headline_element(tree))
    lists_as_paragraphs(tree)
    loose_text_as_paragraphs(tree)
    return removed, caption


def gallery_caption(tree: Any, rules: MarkupRules, min_chars: int = 60) -> str | None:
    """The first caption of a photo gallery, for a photo page whose story is that caption."""
    for node in tree.xpath("//*[@class]"):
        if not rules.caption_words.search(_words(node)):
            continue
        if not any(rules.gallery_words.search(_words(a)) for a in [node, *node.iterancestors()][:6]):
            continue
        text = " ".join(node.text_content().split())
        if len(text) >= min_chars:
            return text
    return None
