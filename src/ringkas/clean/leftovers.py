"""What a page's boxes leave behind, found by structure and form rather than by class names.

- ``box_titles``: a box whose list or cards the structural rules took keeps only its title ("Foto Terkait",
  "Twitter Recommendation" above a list that went); a title alone says nothing, so it goes with what it
  headed. Only a box that lost most of its text to the rules, and whose rest is one short label (no
  sentence), goes: a story's subhead stands in the story's container (never dropped) or above paragraphs.
- ``contact_boxes``: the outlet's contact block ("Redaksi: redaksi[at]contoh.com", "hubungi :
  iklan@contoh.com"): a short block that holds an e-mail address, written out or obfuscated ("[at]",
  "(at)"), and no sentence. A story sentence that gives an address ("Warga dapat melapor ke
  lapor@contoh.go.id.") ends like a sentence and stays.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

BOX_TITLE_MAX_CHARS = 40
BOX_TITLE_MAX_WORDS = 4
BOX_LEVELS = 3  # how far above a dropped element its box may be (a title row, the list, the item)
CONTACT_BOX_MAX_CHARS = 300
EMAIL = re.compile(r"[\w.+-]+(?:@|\s?[\[(]\s?at\s?[\])]\s?)[\w-]+(?:(?:\.|\s?[\[(]\s?dot\s?[\])]\s?)[\w-]+)+",
                   re.IGNORECASE)
# a sentence ends somewhere in the text (a stop, closing quotes or brackets, then a space or the end)
SENTENCE_STOP = re.compile(r"[.!?…][\"'”’)]*(\s|$)")
# text nodes of the body that hint at an address, short enough to sit in a contact box, outside scripts and
# styles ("@media", a script's "a@b.c"); compiled once ("[at]", "(at)": obfuscated, EMAIL then decides)
_EMAIL_HINTS = etree.XPath(
    "//body//text()[contains(., '@') or contains(., 'at]') or contains(., 'at)') or contains(., 'AT]') "
    f"or contains(., 'AT)')][string-length(.) <= {CONTACT_BOX_MAX_CHARS}][not(parent::script or parent::style)]")


def _text(node: Any) -> str:
    return " ".join(node.text_content().split())


def is_label(text: str) -> bool:
    """A box's title: a few words, no sentence stop."""
    return (0 < len(text) <= BOX_TITLE_MAX_CHARS and len(text.split()) <= BOX_TITLE_MAX_WORDS
            and not SENTENCE_STOP.search(text))


def _short_text(node: Any, limit: int) -> str | None:
    """The element's text, spacing collapsed, or None as soon as it is longer than ``limit`` (a big box is not
    read to its end)."""
    parts, size = [], 0
    for piece in node.itertext():
        size += len(piece.strip())
        if size > limit:
            return None
        parts.append(piece)
    return " ".join(" ".join(parts).split())


def box_chains(dropped: set[Any], protected: set[Any]) -> dict[Any, list[Any]]:
    """Before the dropped elements go: the boxes above each, nearest first (up to :data:`BOX_LEVELS`, never
    the story's container, its wrappers or the page itself)."""
    chains: dict[Any, list[Any]] = {}
    for node in dropped:
        chain: list[Any] = []
        for box in node.iterancestors():
            if len(chain) == BOX_LEVELS or box in protected or box.tag in ("html", "body", "main"):
                break
            chain.append(box)
        chains[node] = chain
    return chains


def orphan_box_titles(chains: dict[Any, list[Any]], dropped_chars: dict[Any, int]) -> list[Any]:
    """After the dropped elements went: the boxes left holding only a title. For each dropped element, the
    nearest box above it that still has text is judged: it goes when that text is a label and the rules took
    at least as much text from under it (``dropped_chars``: each dropped element's text length)."""
    taken: dict[Any, int] = {}
    for node, chain in chains.items():
        for box in chain:
            taken[box] = taken.get(box, 0) + dropped_chars.get(node, 0)
    rests: dict[Any, str | None] = {}
    found: list[Any] = []
    for chain in chains.values():
        for box in chain:
            if box not in rests:
                rests[box] = _short_text(box, 2 * BOX_TITLE_MAX_CHARS)
            rest = rests[box]
            if rest == "":
                continue  # emptied: the box that held it is further up
            if rest is not None and is_label(rest) and taken[box] >= len(rest) and box not in found:
                found.append(box)
            break
    return [box for box in found if not any(a in found for a in box.iterancestors())]


def contact_boxes(tree: Any, inline_tags: frozenset[str]) -> list[Any]:
    """The short blocks that hold an e-mail address and no sentence, in document order."""
    found: list[Any] = []
    for text in _EMAIL_HINTS(tree):
        if not EMAIL.search(text):
            continue
        block = text.getparent()
        while block is not None and block.tag in inline_tags:
            block = block.getparent()
        if block is None or block in found or block.tag in ("html", "body"):
            continue
        content = _text(block)
        if len(content) <= CONTACT_BOX_MAX_CHARS and not SENTENCE_STOP.search(EMAIL.sub("", content)):
            found.append(block)
    return found
