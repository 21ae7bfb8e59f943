"""How translation and summarisation are arranged for a job: the roles' order, above the roles.

- ``translate-then-summarise`` (default): translate title and text, summarise ``text_en``. Without a
  translator the input must already carry ``text_en`` (e.g. the output of ``ringkas translate``).
- ``summarise-then-translate``: summarise the Indonesian ``text`` with a multilingual summariser, then
  translate only the title, the brief and the headline; far fewer tokens through the translator.
- ``direct``: a cross-lingual summariser writes the English brief from ``text``; a translator, if given,
  only translates the title, first, so the headline is English.

:data:`PIPELINES` is a registry built from ``ringkas/data/summarise_pipelines.toml``. Each pipeline declares
its stages, and each stage its steps: the translator (with the fields it translates), the summariser, or a
helper step (``module:attr``); each step says whether it carries a model and which fields it writes.
:func:`stage_plans` is the one answer to "which steps does this job have"; the runner builds a stage from
it and the CLI builds them all (:func:`pipeline_steps`). A summariser is given its :class:`Pipeline` when
it is built, to know which field it reads.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ringkas.errors import ConfigError
from ringkas.registry import DataRegistry, RegistryError

TRANSLATOR, SUMMARISER, HELPER = "translator", "summariser", "helper"
ARTICLE_FIELDS = {"title": "title_en", "text": "text_en"}
SUMMARY_FIELDS = ("brief", "headline_en")
DEFAULT_PIPELINE = "translate-then-summarise"


@dataclass(frozen=True)
class StepPlan:
    """One step of a stage: a ``translator`` of ``fields``, the ``summariser``, or a ``helper`` step class."""

    role: str
    writes: tuple[str, ...]
    fields: dict[str, str] | None = None  # translator: source field -> target field
    helper: str | None = None             # helper: "module:attr" of a Step class

    @property
    def carries_model(self) -> bool:
        return self.role in (TRANSLATOR, SUMMARISER)

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> StepPlan:
        if "helper" in table:
            return cls(HELPER, tuple(table.get("writes", ())), helper=table["helper"])
        if table.get("role") == TRANSLATOR:
            fields = dict(table["fields"])
            return cls(TRANSLATOR, tuple(fields.values()), fields=fields)
        if table.get("role") == SUMMARISER:
            return cls(SUMMARISER, SUMMARY_FIELDS)
        raise ValueError(f"a pipeline step is a translator, the summariser or a helper, not {table!r}")

    def build_helper(self) -> Any:
        module_name, _, attr = (self.helper or "").partition(":")
        return getattr(importlib.import_module(module_name), attr)()


@dataclass(frozen=True)
class StagePlan:
    """One model stage of a pipeline: its name and its steps, in order (the model step first)."""

    name: str
    steps: tuple[StepPlan, ...]

    @property
    def model_step(self) -> StepPlan:
        return next(step for step in self.steps if step.carries_model)


@dataclass(frozen=True)
class Pipeline:
    """What a summariser needs to know about its pipeline (which fields it reads, in which language) and
    the stages a job of it runs."""

    name: str
    description: str
    source_field: str
    source_title: str
    headline_title: str
    source_language: str
    brief_language: str
    default_model: str
    needs_translator: bool
    stages: tuple[StagePlan, ...]


def _pipeline(name: str, table: dict[str, Any]) -> Pipeline:
    table = dict(table)
    stages = tuple(StagePlan(stage["name"], tuple(StepPlan.from_table(step) for step in stage["steps"]))
                   for stage in table.pop("stages"))
    return Pipeline(name=name, stages=stages, **table)


PIPELINES = DataRegistry("pipeline", "ringkas.data:summarise_pipelines.toml", _pipeline)
TRANSLATION_ONLY = StagePlan("translate", (StepPlan(TRANSLATOR, tuple(ARTICLE_FIELDS.values()),
                                                    fields=dict(ARTICLE_FIELDS)),))


def get_pipeline(name: str | None = None) -> Pipeline:
    try:
        return PIPELINES.get(name or DEFAULT_PIPELINE)
    except RegistryError as exc:
        raise ConfigError(str(exc)) from None


def source_field_for(pipeline: str) -> str:
    """The field the summariser reads in ``pipeline``."""
    return get_pipeline(pipeline).source_field


def stage_plans(pipeline: str, translate: bool = True, summarise: bool = True) -> list[StagePlan]:
    """The model stages of ``pipeline`` in the order records go through them (only those switched on).
    Without a summariser every pipeline is plain translation of the article."""
    chosen = get_pipeline(pipeline)
    if not summarise:
        return [TRANSLATION_ONLY] if translate else []
    if not translate and chosen.needs_translator:
        raise ConfigError(f"pipeline {chosen.name!r} needs a translator for the brief")
    return [stage for stage in chosen.stages if translate or stage.name != "translate"]


READ_FIELDS = ("title", "text")  # what every record has before the model stages of a job


def check_job_fields(pipeline: str, plans: list[StagePlan]) -> None:
    """In a job the records come from a reader (``title``, ``text``): the summariser's source field must be
    one of those or written by a step before it, else every article would be rejected."""
    chosen = get_pipeline(pipeline)
    available = set(READ_FIELDS)
    for plan in plans:
        for step in plan.steps:
            if step.role == SUMMARISER and chosen.source_field not in available:
                raise ConfigError(
                    f"summarise.pipeline = {chosen.name!r} summarises {chosen.source_field}, which no stage before "
                    "the summariser writes (translate.enabled = false?): every article would be rejected "
                    "(empty_source). Enable [translate], or set summarise.pipeline = 'direct' with a "
                    "cross-lingual model")
            available.update(step.writes)


def build_stage(plan: StagePlan, translator: Callable[[dict[str, str]], Any] | None,
                summariser: Callable[[], Any] | None) -> list[Any]:
    """The steps of one stage: ``translator(fields)`` and ``summariser()`` make the model steps (called
    only for what this stage has, so a translator process never builds the summariser)."""
    steps = []
    for step in plan.steps:
        if step.role == SUMMARISER:
            if summariser is None:
                raise ConfigError("this pipeline needs a summariser")
            steps.append(summariser())
        elif step.role == TRANSLATOR:
            if translator is None:
                raise ConfigError(f"stage {plan.name!r} needs a translator")
            steps.append(translator(dict(step.fields or {})))
        else:
            steps.append(step.build_helper())
    return steps


def pipeline_steps(name: str, translator: Any, summariser: Any) -> list[Any]:
    """Every step of pipeline ``name``, in order, from a built translator (or None) and summariser. The
    translator is a step with a ``fields`` mapping (the translator role's contract): each stage gets a
    shallow copy (the same loaded model) that translates the fields the pipeline declares."""
    pipeline = get_pipeline(name)
    if summariser.pipeline.name != pipeline.name:
        raise ConfigError(f"the summariser was built for pipeline {summariser.pipeline.name!r}, not {name!r}")
    steps: list[Any] = []
    for plan in stage_plans(name, translate=translator is not None):
        steps.extend(build_stage(plan, (lambda fields: with_fields(translator, fields)) if translator else None,
                                 lambda: summariser))
    return steps


def with_fields(translator: Any, fields: dict[str, str]) -> Any:
    """A shallow copy of ``translator`` (same loaded model) that translates ``fields``."""
    step = copy.copy(translator)
    step.fields = dict(fields)
    return step


__all__ = ["DEFAULT_PIPELINE", "PIPELINES", "Pipeline", "StagePlan", "StepPlan", "build_stage", "check_job_fields", "get_pipeline",
           "pipeline_steps", "source_field_for", "stage_plans"]
