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

BOX_TITLE_MAX_CHARS = 40
BOX_TITLE_MAX_WORDS = 4
BOX_LEVELS = 3  # how far above a dropped element its box may be (a title row, the list, the item)
CONTACT_BOX_MAX_CHARS = 300
EMAIL = re.compile(r"[\w.+-]+(?:@|\s?[\[(]\s?at\s?[\])]\s?)[\w-]+(?:(?:\.|\s?[\[(]\s?dot\s?[\])]\s?)[\w-]+)+",
                   re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"[.!?…][\"'”’)]*(\s|$)")
_EMAIL_HINTS = ("//text()[contains(., '@') or contains(., '[at]') or contains(., '(at)') "
                "or contains(., '[AT]') or contains(., '(AT)')]")


def _text(node: Any) -> str:
    return " ".join(node.text_content().split())


def is_label(text: str) -> bool:
    """A box's title: a few words, no sentence stop."""
    return (0 < len(text) <= BOX_TITLE_MAX_CHARS and len(text.split()) <= BOX_TITLE_MAX_WORDS
            and not _SENTENCE_STOP.search(text))


def box_sizes(dropped: set[Any], protected: set[Any]) -> dict[Any, int]:
    """Before the dropped elements go: the text length of each box that holds one of them (up to
    :data:`BOX_LEVELS` above it, not the story's container or the page itself)."""
    sizes: dict[Any, int] = {}
    for node in dropped:
        for box in list(node.iterancestors())[:BOX_LEVELS]:
            if box in protected or box.tag in ("html", "body", "main"):
                break
            if box not in sizes:
                sizes[box] = len(_text(box))
    return sizes


def orphan_box_titles(sizes: dict[Any, int], dropped: set[Any]) -> list[Any]:
    """After the dropped elements went: the boxes (from :func:`box_sizes`) left holding only a title, the
    highest one of each chain. A box that kept most of its text, or more than a label, stays."""
    found: list[Any] = []
    for box, before in sizes.items():
        if box.getparent() is None:
            continue
        rest = _text(box)
        if not rest or not is_label(rest) or before < 2 * len(rest):
            continue
        parent = box.getparent()
        if parent in sizes and _text(parent) == rest:
            continue  # the box above holds the same title: that one goes
        found.append(box)
    return [box for box in found if not any(a in found for a in box.iterancestors())]


def contact_boxes(tree: Any, inline_tags: frozenset[str]) -> list[Any]:
    """The short blocks that hold an e-mail address and no sentence, in document order."""
    found: list[Any] = []
    for text in tree.xpath(_EMAIL_HINTS):
        if not EMAIL.search(text):
            continue
        block = text.getparent()
        while block is not None and block.tag in inline_tags:
            block = block.getparent()
        if block is None or block in found or block.tag in ("html", "body"):
            continue
        content = _text(block)
        if len(content) <= CONTACT_BOX_MAX_CHARS and not _SENTENCE_STOP.search(EMAIL.sub("", content)):
            found.append(block)
    return found
