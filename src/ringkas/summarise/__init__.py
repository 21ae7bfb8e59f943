"""Summarisers: English briefs (bullets or a paragraph) and headlines, with provenance and guards.

``build_summariser`` is the public entry the CLI and the batch runner call: options become one
:class:`~ringkas.summarise.settings.SummariserSettings` (a mistake is a ``ConfigError`` here), and the
summariser is built from it without loading weights, so building is the whole pre-flight check.
:mod:`ringkas.pipelines` arranges the translator and the summariser for each pipeline.
"""

from __future__ import annotations

from typing import Any

from ringkas.models.runtime import Budget
from ringkas.summarise.base import Brief, Summariser
from ringkas.summarise.methods import METHODS


def build_summariser(method: str | None = None, model: str | None = None, prompt: str | None = None,
                     budget: Budget | None = None, **options: Any) -> Summariser:
    """A summariser step; weights load on its first batch.

    ``method`` is lead | textrank | seq2seq | instruct | direct. Without it, a named ``prompt`` or a causal
    model means ``instruct``, another model ``seq2seq`` (``direct`` in the direct pipeline); with no model
    either, the pipeline's default model. ``options`` are :class:`SummariserSettings` fields (``pipeline``,
    ``backend``, ``device``, ``compute_type``, ``sentences``, ``style``, ``headline_prompt``,
    ``fallback_extractive`` ...) and generation settings (``num_beams``, ``max_new_tokens`` ...). A missing
    model, an unknown option or one the method does not take fails here, before any work. ``budget``: the
    CPUs and GPUs the model may use (default: the whole machine).
    """
    from ringkas.summarise.settings import SummariserSettings

    settings = SummariserSettings.from_options(method=method, model=model, prompt=prompt, **options)
    return summariser_from(settings, budget)


def summariser_from(settings: Any, budget: Budget | None = None) -> Summariser:
    """The summariser for already validated settings."""
    return METHODS.get(settings.method)(settings, budget)


__all__ = ["Brief", "METHODS", "Summariser", "build_summariser", "summariser_from"]
