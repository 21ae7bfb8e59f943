"""The page's headline by agreement, and the site's name beside it.

A page names its story several times: its ``h1`` (or an ``h2`` when the ``h1`` is a section label such as
"Regional" or the site's own logo), ``og:title``, ``twitter:title``, JSON-LD ``headline`` and ``<title>``;
the meta titles often carry the site's name ("... - Kompas.com", "KapanLagi.com: ...") or a topic label
("Brandon Nicholas Salim | ..."). Each is split at its separators (" - ", " | ", ": ", " :: ", ...) and
every run of its parts is a candidate. The headline is the candidate the most other sources agree with
(nearly the same words, compared case- and punctuation-free); ties go to an element on the page (an ``h1``
inside ``<article>`` first, then an ``h1``, then an ``h2``), so the element the cleaner protects from removal
is the one that holds the headline. What a meta title says beside the agreed headline is the site's name
(``og:site_name`` when the page gives one).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ringkas.clean.lines import normalise_for_match

AGREEMENT = 0.8  # Dice overlap of two titles' words for one to count as saying the other
MAX_HEADLINE_WORDS = 40
SITE_NAME_MAX_WORDS = 4
_SEPARATOR = re.compile(r"\s+(?:[-–—|·•»]|::)\s+|(?<=\w):\s+|\s+:\s+")
_META_XPATHS = (("og:title", "//meta[@property='og:title']/@content"),
                ("twitter:title", "//meta[@name='twitter:title']/@content"),
                ("title", "//head/title/text() | /html/title/text()"))
_LD_HEADLINE = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.){1,400})"')
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|co|id|net|org|tv|news)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Headline:
    """``text``: the headline (None when the page names none); ``element``: the ``h1``/``h2`` that holds it
    (None when only meta titles name it); ``site_name``: what the meta titles say beside it; ``source``: the
    candidate that won ("h1", "h2", "og:title", "json-ld", "title", "twitter:title")."""

    text: str | None
    element: Any | None = None
    site_name: str | None = None
    source: str | None = None


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def _words(text: str) -> frozenset[str]:
    return frozenset(normalise_for_match(text).split())


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _agreement(words: frozenset[str], sources: dict[str, list[tuple[frozenset[str], float]]],
               own: str) -> tuple[float, float]:
    """How closely the other sources say the same (per source, its closest title or run when close enough),
    and how much of their titles those runs are (a site name closing a title is a small part of it)."""
    closeness = share = 0.0
    for name, titles in sources.items():
        if name == own:
            continue
        best = max(((_dice(words, other), part) for other, part in titles), default=(0.0, 0.0))
        if best[0] >= AGREEMENT:
            closeness += best[0]
            share += best[1]
    return round(closeness, 3), round(share, 3)


def _ld_headlines(tree: Any) -> list[str]:
    found = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        for raw in _LD_HEADLINE.findall(script.text or ""):
            try:
                found.append(_clean(json.loads(f'"{raw}"')))
            except ValueError:
                continue
    return found[:1]


def _meta_titles(tree: Any) -> list[tuple[str, str]]:
    titles = [(name, _clean(value)) for name, xpath in _META_XPATHS for value in tree.xpath(xpath)[:1]]
    titles += [("json-ld", text) for text in _ld_headlines(tree)]
    return [(name, text) for name, text in titles if text]


def _element_titles(tree: Any) -> list[tuple[str, Any, str]]:
    """``(kind, element, text)`` of the h1s (inside ``<article>`` first) and h2s, in that order."""
    seen: set[Any] = set()
    found = []
    for kind, xpath in (("h1", "//article//h1"), ("h1", "//h1"), ("h2", "//h2")):
        for node in tree.xpath(xpath):
            text = _clean(node.text_content())
            if node not in seen and text and len(text.split()) <= MAX_HEADLINE_WORDS:
                seen.add(node)
                found.append((kind, node, text))
    return found


def _runs(title: str) -> list[tuple[str, int, int, list[str]]]:
    """Every run of consecutive parts of ``title`` split at its separators: ``(text, start, end, parts)``."""
    parts = [p for p in _SEPARATOR.split(title) if p.strip()]
    runs = []
    for start in range(len(parts)):
        for end in range(start + 1, len(parts) + 1):
            runs.append((" ".join(parts[start:end]), start, end, parts))
    return runs


def _site_name(tree: Any, metas: list[tuple[str, str]], headline: frozenset[str]) -> str | None:
    """``og:site_name``, else the part of a meta title beside the headline that names a domain."""
    for value in tree.xpath("//meta[@property='og:site_name']/@content")[:1]:
        if _clean(value):
            return _clean(value)
    for _name, title in metas:
        for text, start, end, parts in _runs(title):
            if _dice(_words(text), headline) < AGREEMENT:
                continue
            beside = parts[:start][:1] + parts[end:][-1:]
            named = [p for p in beside if _DOMAIN.search(p)]
            if named:
                return _clean(named[-1])
            if parts[end:] and len(parts[-1].split()) <= SITE_NAME_MAX_WORDS:
                return _clean(parts[-1])  # "... - ANTARA News": a short name closing the title
    return None


def find_headline(tree: Any) -> Headline:
    """The headline the page's sources agree on (see the module docstring)."""
    metas = _meta_titles(tree)
    elements = _element_titles(tree)
    sources: dict[str, list[tuple[frozenset[str], float]]] = {}
    for name, title in metas:
        whole = len(normalise_for_match(title).split()) or 1
        sources.setdefault(name, []).extend((_words(text), len(normalise_for_match(text).split()) / whole)
                                            for text, *_ in _runs(title))
    for index, (_kind, _node, text) in enumerate(elements):
        sources[f"element{index}"] = [(_words(text), 1.0)]
    candidates = []  # (closeness, no domain in it, share, on the page, -rank, -order), text, element, kind
    for index, (kind, node, text) in enumerate(elements):
        rank = 0 if index == 0 and kind == "h1" else (1 if kind == "h1" else 2)
        closeness, share = _agreement(_words(text), sources, f"element{index}")
        candidates.append(((closeness, 1, share, 1, -rank, -index), text, node, kind))
    for order, (name, title) in enumerate(metas):
        for text, *_ in _runs(title):
            closeness, share = _agreement(_words(text), sources, name)
            candidates.append(((closeness, int(not _DOMAIN.search(text)), share, 0, -3, -order), _clean(text),
                               None, name))
    if not candidates:
        return Headline(None)
    key, text, node, kind = max(candidates, key=lambda c: c[0])
    if key[0] == 0:
        # nothing agrees with anything: the first h1 (the choice before agreement), else the first meta title
        if elements:
            kind, node, text = next(((k, n, t) for k, n, t in elements if k == "h1"), elements[0])
        else:
            kind, text = metas[0]
    words = _words(text)
    if node is None:  # an element that says the same is the headline as the page prints it, and is kept
        node, text, kind = next(((n, t, k) for k, n, t in elements if _dice(words, _words(t)) >= AGREEMENT),
                                (None, text, kind))
    return Headline(text, node, _site_name(tree, metas, _words(text)), kind)
