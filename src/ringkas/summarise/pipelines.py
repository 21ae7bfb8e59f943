"""How translation and summarisation are arranged for a job.

- ``translate-then-summarise`` (default): translate title and text, summarise ``text_en``. Without a
  translator the input must already carry ``text_en`` (e.g. the output of ``ringkas translate``).
- ``summarise-then-translate``: summarise the Indonesian ``text`` with a multilingual summariser, then
  translate only the title, the brief and the headline; far fewer tokens through the translator.
- ``direct``: a cross-lingual summariser writes the English brief from ``text``; a translator, if given,
  only translates the title.
"""

from __future__ import annotations

import copy
from typing import Any

from ringkas.errors import ConfigError
from ringkas.record import Article
from ringkas.step import Step
from ringkas.summarise.base import Brief, Summariser, brief_points

PIPELINES = ("translate-then-summarise", "summarise-then-translate", "direct")
DEFAULT_PIPELINE = PIPELINES[0]
_SOURCE_FIELD = {"translate-then-summarise": "text_en", "summarise-then-translate": "text", "direct": "text"}
BRIEF_FIELDS = {"title": "title_en", "brief": "brief", "headline_en": "headline_en"}
_MARK = "brief_bullets_as_paragraphs"


def source_field_for(pipeline: str) -> str:
    """The field the summariser reads in ``pipeline``."""
    try:
        return _SOURCE_FIELD[pipeline]
    except KeyError:
        raise ConfigError(f"unknown pipeline {pipeline!r} (known: {', '.join(PIPELINES)})") from None


def pipeline_steps(name: str, translator: Any, summariser: Summariser) -> list[Step]:
    """The steps of pipeline ``name``, in order. ``translator`` is a translate step with a ``fields``
    mapping (see :func:`ringkas.translate.build_translator`) or None where the pipeline allows it."""
    wanted = source_field_for(name)
    if summariser.source_field != wanted:
        raise ConfigError(
            f"pipeline {name!r} summarises {wanted!r} but the summariser reads {summariser.source_field!r}; "
            f"build it with source_field={wanted!r}"
        )
    if name == "direct" and summariser.method in ("lead", "textrank"):
        raise ConfigError("pipeline 'direct' needs a cross-lingual model; extractive briefs of the Indonesian "
                          "text suit 'summarise-then-translate'")
    if name == "translate-then-summarise":
        return [translator, summariser] if translator is not None else [summariser]
    if name == "summarise-then-translate":
        if translator is None:
            raise ConfigError("pipeline 'summarise-then-translate' needs a translator for the brief")
        # The English brief is generated text even when the Indonesian one was extracted: always checked.
        return [summariser, BulletsToParagraphs(), with_fields(translator, BRIEF_FIELDS), ParagraphsToBullets(),
                CheckTranslatedBrief()]
    # direct: the title is translated first so the English brief gets an English headline.
    summariser.headline_in_english = True
    return ([with_fields(translator, {"title": "title_en"})] if translator is not None else []) + [summariser]


def with_fields(translator: Any, fields: dict[str, str]) -> Any:
    """A shallow copy of ``translator`` (same loaded model) that translates ``fields``."""
    if not hasattr(translator, "fields"):
        raise ConfigError(f"{type(translator).__name__} has no 'fields' mapping; it cannot translate the brief")
    step = copy.copy(translator)
    step.fields = dict(fields)
    return step


class BulletsToParagraphs(Step):
    """The translator translates paragraph by paragraph and joins lines inside one, so each bullet of a
    brief goes to it as its own paragraph, without the marker; :class:`ParagraphsToBullets` undoes this."""

    name = "summarise"

    def process(self, article: Article) -> Article:
        points = brief_points(article.brief or "")
        if points is not None:
            article.brief = "\n\n".join(points)
            article.metadata[_MARK] = True
        return article


class ParagraphsToBullets(Step):
    name = "summarise"

    def process(self, article: Article) -> Article:
        if article.metadata.pop(_MARK, False) and article.brief:
            paragraphs = [p.strip() for p in article.brief.split("\n\n") if p.strip()]
            article.brief = "\n".join(f"- {p}" for p in paragraphs)
        return article


class CheckTranslatedBrief(Step):
    """summarise-then-translate: the guard checked the Indonesian brief, but the translator can still loop
    or turn "2,1 persen" into "21 percent", so the English brief is checked against the Indonesian source
    too. Flags only: an extractive fallback here would be Indonesian. The report goes into the summarise
    provenance as ``faithfulness_translated``."""

    name = "summarise"

    def __init__(self) -> None:
        from ringkas.summarise.faithfulness import FaithfulnessGuard

        self.guard = FaithfulnessGuard()

    def process(self, article: Article) -> Article:
        if not article.brief and not article.headline_en:
            return article
        _, report = self.guard.check(article.text or "", Brief(text=article.brief, headline=article.headline_en),
                                     title=article.title)
        for code in report["flags"]:
            article.flag(code)
        provenance = article.metadata.setdefault("provenance", {}).setdefault("summarise", {})
        provenance["faithfulness_translated"] = report
        return article
