"""Abstractive summarisation with encoder-decoder models: BART/DistilBART-CNN, PEGASUS, T5/flan-T5, mT5.

Family conventions (T5's task prefix, the input window, length penalty, ``no_repeat_ngram_size``) come from
:mod:`ringkas.summarise.families`; the model runs on either backend (:mod:`ringkas.summarise.generator`).
Inputs over the window go through map-reduce (:mod:`ringkas.summarise.longinput`); nothing is truncated.
In the direct pipeline (method ``direct``) a many-to-English model such as
``csebuetnlp/mT5_m2o_english_crossSum`` reads the Indonesian ``text``.
"""

from __future__ import annotations

from typing import Any

from ringkas.errors import ConfigError
from ringkas.models.runtime import Budget
from ringkas.summarise.base import Brief, ModelSummariser, format_brief
from ringkas.summarise.families import Conventions, conventions
from ringkas.summarise.longinput import map_reduce
from ringkas.text import split_sentences


class Seq2SeqSummariser(ModelSummariser):
    """Generated briefs from an encoder-decoder model; ``sentences`` keeps at most that many sentences."""

    method = "seq2seq"

    def __init__(self, settings: Any, budget: Budget | None = None):
        super().__init__(settings, budget)
        if self.generator.causal:
            raise ConfigError(f"model {settings.model!r} is a causal language model: use method 'instruct' "
                              "with a prompt")
        self._conventions: Conventions | None = None

    @property
    def conventions(self) -> Conventions:
        if self._conventions is None:
            self._conventions = conventions(self.generator.config, self.generator.tokenizer, self.settings.generation,
                                            self.settings.prefix, self.settings.max_input_tokens)
        return self._conventions

    @property
    def generation(self) -> Any:
        return self.conventions.generation

    @property
    def window(self) -> int:
        return self.conventions.max_input_tokens

    def model_input(self, text: str) -> str:
        # Summarisers were trained on single-line articles (the crossSum card collapses newlines too);
        # paragraphs matter only to the map-reduce split, which has happened by now.
        return self.conventions.prefix + " ".join(text.split())

    def count_tokens(self, text: str) -> int:
        return self.generator.count_tokens(self.model_input(text))

    def generate(self, texts: list[str], caps: list[int | None]) -> list[str]:
        return self.generate_capped([self.model_input(t) for t in texts], caps)

    def summarise_batch(self, texts: list[str], titles: list[str | None]) -> list[Brief]:
        results = map_reduce(texts, self.generate, self.count_tokens, self.window, self.settings.max_depth)
        return [Brief.failed(summary, map_reduce_depth=depth) if isinstance(summary, Exception)
                else Brief(text=self.shape(summary), metadata={"map_reduce_depth": depth}) for summary, depth in results]

    def shape(self, summary: str) -> str:
        if self.settings.sentences:
            summary = " ".join(split_sentences(summary)[: self.settings.sentences])
        return format_brief(summary, self.settings.style or "bullets")

    def provenance(self) -> dict[str, Any]:
        return {
            **super().provenance(),
            "family": self.conventions.family,
            "prefix": self.conventions.prefix,
            "max_input_tokens": self.window,
            "style": self.settings.style or "bullets",
            "sentences": self.settings.sentences,
        }
