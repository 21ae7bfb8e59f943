"""How translation and summarisation are arranged for a job.

- ``translate-then-summarise`` (default): translate title and text, summarise ``text_en``. Without a
  translator the input must already carry ``text_en`` (e.g. the output of ``ringkas translate``).
- ``summarise-then-translate``: summarise the Indonesian ``text`` with a multilingual summariser, then
  translate only the title, the brief and the headline; far fewer tokens through the translator.
- ``direct``: a cross-lingual summariser writes the English brief from ``text``; a translator, if given,
  only translates the title, first, so the headline is English.

A :class:`Pipeline` (read from ``ringkas/data/summarise_pipelines.toml``) is given to a summariser when it
is built. :func:`stage_plans` is the one declaration of which steps each model stage of a pipeline has; the
runner builds a stage from it and the CLI builds them all (:func:`pipeline_steps`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ringkas._toml import tomllib
from ringkas.errors import ConfigError
from ringkas.record import Article
from ringkas.step import Step
from ringkas.summarise.base import Brief, brief_points

ARTICLE_FIELDS = {"title": "title_en", "text": "text_en"}
TITLE_FIELDS = {"title": "title_en"}
BRIEF_FIELDS = {"title": "title_en", "brief": "brief", "headline_en": "headline_en"}
_MARK = "brief_bullets_as_paragraphs"


@dataclass(frozen=True)
class Pipeline:
    """What a summariser needs to know about its pipeline: which fields it reads, in which language."""

    name: str
    description: str
    source_field: str
    source_title: str
    headline_title: str
    source_language: str
    brief_language: str
    default_model: str


@lru_cache(maxsize=1)
def _table() -> dict[str, Pipeline]:
    text = resources.files("ringkas.data").joinpath("summarise_pipelines.toml").read_text("utf-8")
    return {name: Pipeline(name=name, **entry) for name, entry in tomllib.loads(text).items()}


def pipeline_names() -> list[str]:
    """Every pipeline name, the default first (argparse and the job schema take their choices from here)."""
    return list(_table())


class _Names:
    """``PIPELINES``: the names, read on first use (``in``, iteration, ``names()`` like a registry)."""

    def names(self) -> list[str]:
        return pipeline_names()

    def __iter__(self):
        return iter(pipeline_names())

    def __contains__(self, name: object) -> bool:
        return name in _table()

    def __getitem__(self, index: int) -> str:
        return pipeline_names()[index]


PIPELINES = _Names()
DEFAULT_PIPELINE = "translate-then-summarise"


def get_pipeline(name: str | None = None) -> Pipeline:
    try:
        return _table()[name or DEFAULT_PIPELINE]
    except KeyError:
        raise ConfigError(f"unknown pipeline {name!r} (known: {', '.join(pipeline_names())})") from None


def source_field_for(pipeline: str) -> str:
    """The field the summariser reads in ``pipeline``."""
    return get_pipeline(pipeline).source_field


# --- which steps each stage has ----------------------------------------------------------------------------
SUMMARISER = "summariser"


@dataclass(frozen=True)
class StagePlan:
    """One model stage of a pipeline: its name and its steps, in order. A step is :data:`SUMMARISER`, a
    translator given as the field mapping it translates (a dict), or a helper :class:`Step` class."""

    name: str
    steps: tuple[Any, ...]


def stage_plans(pipeline: str, translate: bool = True, summarise: bool = True) -> list[StagePlan]:
    """The model stages of ``pipeline`` in the order records go through them (only those switched on)."""
    name = get_pipeline(pipeline).name
    if name == "summarise-then-translate" and summarise:
        if not translate:
            raise ConfigError("pipeline 'summarise-then-translate' needs a translator for the brief")
        return [StagePlan("summarise", (SUMMARISER, BulletsToParagraphs)),
                StagePlan("translate", (BRIEF_FIELDS, ParagraphsToBullets, CheckTranslatedBrief))]
    plans = []
    if translate:
        plans.append(StagePlan("translate", (TITLE_FIELDS if name == "direct" and summarise else ARTICLE_FIELDS,)))
    if summarise:
        plans.append(StagePlan("summarise", (SUMMARISER,)))
    return plans


def build_stage(plan: StagePlan, translator: Callable[[dict[str, str]], Any] | None,
                summariser: Callable[[], Any] | None) -> list[Any]:
    """The steps of one stage: ``translator(fields)`` and ``summariser()`` make the model steps (called
    only for what this stage has, so a translator process never builds the summariser)."""
    steps = []
    for part in plan.steps:
        if part == SUMMARISER:
            if summariser is None:
                raise ConfigError("this pipeline needs a summariser")
            steps.append(summariser())
        elif isinstance(part, dict):
            if translator is None:
                raise ConfigError(f"stage {plan.name!r} needs a translator")
            steps.append(translator(dict(part)))
        else:
            steps.append(part())
    return steps


def pipeline_steps(name: str, translator: Any, summariser: Any) -> list[Step]:
    """Every step of pipeline ``name``, in order, from a built translator (or None) and summariser."""
    pipeline = get_pipeline(name)
    if summariser.pipeline.name != pipeline.name:
        raise ConfigError(f"the summariser was built for pipeline {summariser.pipeline.name!r}, not {name!r}")
    steps: list[Step] = []
    for plan in stage_plans(name, translate=translator is not None):
        steps.extend(build_stage(plan, (lambda fields: with_fields(translator, fields)) if translator else None,
                                 lambda: summariser))
    return steps


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
