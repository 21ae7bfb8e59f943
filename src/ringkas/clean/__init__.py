"""The Indonesian news cleaner: scraped article in, clean article text out.

``build_cleaner(**options) -> list[Step]`` gives the stages in order; chain them over any stream of
Articles (``clean_articles`` does that). Every stage is a :class:`~ringkas.step.Step`, so rejected records
pass through untouched and one bad article never costs the others. Rejections carry stage ``clean`` and
one of the reasons ``duplicate_id``, ``too_long``, ``too_complex``, ``no_main_text``, ``empty_after_cleaning``,
``not_indonesian``. Stages in order: duplicate ids, size limits, HTML extraction (also for raw HTML
found in ``text``), Unicode repair, noise and spam lines, headline detection, repeated headline and
paragraphs, teasers of other stories at the body's edges, dateline, empty check, language, provenance.

An accepted article has ``title`` (``""`` when none was found), ``text`` (paragraphs separated by a blank
line), ``lang`` and ``metadata``: ``clean.removed`` (noise lines or spans removed, per family),
``dateline`` (place, outlet), and ``provenance.clean`` (patterns file and version, settings, ringkas
signature).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ringkas.clean.coherence import EdgeTeaserFilter
from ringkas.clean.gates import (
    DEFAULT_MAX_HTML_CHARS,
    DEFAULT_MAX_TEXT_CHARS,
    DEFAULT_MAX_TITLE_CHARS,
    DuplicateIdFilter,
    EmptyAfterCleaning,
    SizeLimit,
    TitleLimit,
)
from ringkas.clean.html import HtmlExtractor
from ringkas.clean.language import LanguageFilter
from ringkas.clean.noise import NoiseFilter
from ringkas.clean.patterns import load_patterns
from ringkas.clean.structure import DatelineStripper, HeadlineDetector, RepeatFilter
from ringkas.clean.template import SiteTemplate, collect_template
from ringkas.clean.unicode import UnicodeRepair
from ringkas.record import Article
from ringkas.step import Step

CLEANER_VERSION = "4"  # 3: headline by agreement, host templates, datelines, captions; 4: box leftovers (issue 25)


class CleanProvenance(Step):
    """Finish an accepted article: plain-dict counts, a title field, and the provenance record."""

    name = "clean"

    def __init__(self, info: dict[str, Any]):
        self.info = info

    def process(self, article: Article) -> Article:
        clean = article.metadata.setdefault("clean", {})
        clean["removed"] = {k: v for k, v in sorted(clean.get("removed", {}).items()) if v}
        if article.title is None:
            article.title = ""
            article.flag("no_title")
        article.add_provenance("clean", self.info)
        return article


def build_cleaner(patterns: str | None = None, accept_langs: Iterable[str] = ("id",),
                  max_text_chars: int = DEFAULT_MAX_TEXT_CHARS, max_html_chars: int = DEFAULT_MAX_HTML_CHARS,
                  dedupe_ids: bool = True, max_title_chars: int = DEFAULT_MAX_TITLE_CHARS,
                  template: SiteTemplate | None = None) -> list[Step]:
    """The cleaning stages in order. ``patterns`` is a noise patterns TOML file (default: the packaged
    ``noise_id.toml``); ``accept_langs`` the language codes that pass (see :mod:`ringkas.clean.language`);
    ``template`` each host's recurring blocks and lines, from :func:`collect_template` over the whole input
    (see :mod:`ringkas.clean.template`; without it each page is cleaned on its own)."""
    from ringkas.provenance import ringkas_signature

    noise = load_patterns(patterns)
    size = SizeLimit(max_text_chars, max_html_chars)
    info = {
        "cleaner": CLEANER_VERSION,
        "patterns": noise.provenance(),
        "accept_langs": list(accept_langs),
        "max_text_chars": max_text_chars,
        "max_title_chars": max_title_chars,
        "ringkas": ringkas_signature(),
    }
    if template is not None:
        info["site_template"] = template.summary()
    steps: list[Step] = [DuplicateIdFilter()] if dedupe_ids else []
    steps += [
        size, HtmlExtractor(patterns=noise, template=template), size, UnicodeRepair(), NoiseFilter(noise), HeadlineDetector(noise),
        RepeatFilter(), EdgeTeaserFilter(noise), DatelineStripper(noise), EmptyAfterCleaning(), LanguageFilter(tuple(accept_langs)),
        TitleLimit(max_title_chars), CleanProvenance(info),
    ]
    return steps


def clean_articles(articles: Iterable[Article], **options: Any) -> Iterator[Article]:
    """Run every cleaning stage over ``articles`` (options as :func:`build_cleaner`)."""
    stream: Iterable[Article] = articles
    for step in build_cleaner(**options):
        stream = step(stream)
    return iter(stream)


__all__ = ["build_cleaner", "clean_articles", "collect_template"]
