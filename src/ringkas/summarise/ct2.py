"""CTranslate2 backend: the same HF model, converted once into the shared cache (int8 on CPU, bf16 or
fp16 on CUDA), opened by :func:`ringkas.models.ct2.open_ct2` with the compute budget's threads.
Encoder-decoder summarisers run on ``ctranslate2.Translator``, causal chat models on
``ctranslate2.Generator``. Every batch is submitted at once, so on CPU ``inter_threads`` workers decode
several in parallel. Tokenising and decoding use the model's own HF tokenizer, so inputs and outputs match
the transformers backend.
"""

from __future__ import annotations

import logging
from typing import Any

from ringkas.models.ct2 import CT2Model, open_ct2
from ringkas.models.runtime import Budget
from ringkas.registry import require
from ringkas.summarise.generator import TextGenerator
from ringkas.summarise.settings import Generation

log = logging.getLogger(__name__)


class CT2Generator(TextGenerator):
    backend = "ctranslate2"

    def __init__(self, ref: Any, config: Any, settings: Any, budget: Budget | None = None):
        require("ctranslate2", "the ctranslate2 summariser backend", "pip install ctranslate2")
        super().__init__(ref, config, settings, budget)
        self._model: CT2Model | None = None

    def loaded(self) -> CT2Model:
        if self._model is None:
            self._model = open_ct2("generator" if self.causal else "translator", self.ref,
                                   self.provenance_revision(), device=self.settings.device,
                                   compute_type=self.settings.compute_type, budget=self.budget,
                                   cache=self.settings.ct2_cache)
            runtime = self._model.runtime
            log.info("summarise: %s with CTranslate2 on %s, %s, %d x %d threads", self.ref.name, runtime.device,
                     runtime.precision, runtime.inter_threads, runtime.intra_threads)
        return self._model

    def provenance_revision(self) -> str:
        from ringkas.models.hub import model_revision

        return model_revision(self.ref, self.config)

    def runtime(self) -> dict[str, Any]:
        return self.loaded().provenance()

    def execution(self) -> dict[str, Any]:
        return {**self.loaded().runtime.execution(), **self.threads()}

    def threads(self) -> dict[str, int]:
        """The threads the loaded engine runs with, read back from it."""
        return self.loaded().threads()

    def generate_batches(self, batches: list[list[list[int]]], generation: Generation) -> list[list[list[int]]]:
        model = self.loaded()
        tokens = [[self.tokenizer.convert_ids_to_tokens(row) for row in batch] for batch in batches]
        submitted = [self._submit(model.engine, batch, generation, model.worker_batch_size(len(batch)))
                     for batch in tokens]
        return [[self._new_ids(result.result()) for result in futures] for futures in submitted]

    def _submit(self, engine: Any, batch: list[list[str]], generation: Generation, max_batch: int) -> list[Any]:
        shared = {
            "beam_size": generation.num_beams,
            "length_penalty": generation.length_penalty if generation.num_beams > 1 else 1.0,
            "no_repeat_ngram_size": generation.no_repeat_ngram_size,
            "repetition_penalty": generation.repetition_penalty,
            "end_token": self.eos_token_ids,
            "max_batch_size": max_batch,
            "asynchronous": True,
        }
        if self.causal:
            return engine.generate_batch(batch, max_length=generation.max_new_tokens,
                                         min_length=generation.min_new_tokens, include_prompt_in_result=False,
                                         **shared)
        forced = self.forced_bos_token_id
        extra = 0 if forced is None else 1
        prefix = [[self.tokenizer.convert_ids_to_tokens(forced)] for _ in batch] if forced is not None else None
        return engine.translate_batch(batch, target_prefix=prefix,
                                      max_decoding_length=generation.max_new_tokens + extra,
                                      min_decoding_length=generation.min_new_tokens + extra,
                                      max_input_length=0,  # inputs already fit the window: never truncate
                                      **shared)

    def _new_ids(self, result: Any) -> list[int]:
        if self.causal:
            return self.cut(list(result.sequences_ids[0]))
        extra = 0 if self.forced_bos_token_id is None else 1
        return self.cut(self.tokenizer.convert_tokens_to_ids(result.hypotheses[0][extra:]))
