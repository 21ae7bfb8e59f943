"""CTranslate2 backend: the same HF model, converted once (cached), run with token-budget batches.

The engine is opened by :func:`ringkas.models.ct2.open_ct2` from the device, compute type and compute
budget (int8 on CPU with the budget's threads; bfloat16 on CUDA where supported, else float16).
Tokenisation and decoding use the model's own HF tokenizer, so chunking, NLLB language codes and the output
text match the transformers backend.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ringkas.models.ct2 import CT2Model, open_ct2
from ringkas.models.runtime import Budget, Runtime, check_request
from ringkas.registry import require
from ringkas.translate.base import ModelTranslator
from ringkas.translate.settings import TranslationSettings

log = logging.getLogger(__name__)


class CT2Translator(ModelTranslator):
    backend = "ctranslate2"

    def __init__(self, model: str, revision: str | None = None, device: str = "auto",
                 trust_remote_code: bool = False, settings: TranslationSettings | None = None,
                 fields: dict[str, str] | None = None, cache: Any = None, compute_type: str = "auto",
                 ct2_cache: str | Path | None = None, threads: int | None = None, budget: Budget | None = None):
        require("ctranslate2", "the ctranslate2 translation backend", "pip install ctranslate2")
        self.budget = (budget or Budget.machine()).narrowed(threads)
        # an impossible device/precision stops here, before a model is resolved or a record read
        self.device_request, self.compute_request = check_request(device, compute_type, "ctranslate2", self.budget)
        super().__init__(model, revision, trust_remote_code, settings=settings, fields=fields, cache=cache)
        self.ct2_cache = Path(ct2_cache) if ct2_cache else None
        self._model: CT2Model | None = None

    def _loaded(self) -> CT2Model:
        if self._model is None:
            self._model = open_ct2("translator", self.ref, self.tok.revision, device=self.device_request,
                                   compute_type=self.compute_request, budget=self.budget, cache=self.ct2_cache)
        return self._model

    @property
    def runtime(self) -> Runtime:
        return self._loaded().runtime

    def threads(self) -> dict[str, int]:
        """The threads the loaded engine runs with, read back from it."""
        return self._loaded().threads()

    def identity(self) -> dict[str, Any]:
        runtime = self.runtime
        return {**self.tok.identity(), "backend": self.backend, "device": runtime.device_type,
                "compute_type": runtime.precision}

    def provenance(self) -> dict[str, Any]:
        return {**super().provenance(), **self.runtime.provenance()}

    def execution(self) -> dict[str, Any]:
        return {**self.runtime.execution(), **self.threads()}

    def translate_batch(self, texts: list[str], settings: TranslationSettings | None = None) -> list[str]:
        return self._decode([texts], settings or self.settings)[0]

    def translate_batches(self, batches: list[list[str]], settings: TranslationSettings) -> list[list[str]]:
        """Submit every batch at once so ``inter_threads`` workers decode several in parallel."""
        return self._decode(batches, settings)

    def _decode(self, batches: list[list[str]], settings: TranslationSettings) -> list[list[str]]:
        model = self._loaded()
        submitted = [self._submit(model, texts, settings) for texts in batches]
        return [self._collect([r.result() for r in futures], caps) for futures, caps in submitted]

    def _submit(self, model: CT2Model, texts: list[str], settings: TranslationSettings) -> tuple[list, list[int]]:
        sources = self.tok.source_tokens(texts)
        longest = max(len(s) for s in sources)
        if longest > self.window:
            raise ValueError(f"a chunk of {longest} tokens does not fit the model window of {self.window}")
        caps = [settings.new_token_cap(len(s), self.window) for s in sources]
        prefix_token = self.tok.family.tgt_token
        futures = model.engine.translate_batch(
            sources,
            target_prefix=[[prefix_token] for _ in texts] if prefix_token else None,
            beam_size=settings.num_beams,
            max_decoding_length=max(caps) + (1 if prefix_token else 0),
            no_repeat_ngram_size=settings.no_repeat_ngram_size,
            repetition_penalty=settings.repetition_penalty,
            max_input_length=0,  # chunks already fit the window; never let CT2 truncate silently
            max_batch_size=model.worker_batch_size(len(sources)),
            asynchronous=True,
        )
        return futures, caps

    def _collect(self, results: list[Any], caps: list[int]) -> list[str]:
        extra = 1 if self.tok.family.tgt_token else 0  # the forced language code starts each hypothesis
        rows = []
        for result, cap in zip(results, caps):
            tokens = result.hypotheses[0][extra : extra + cap]
            self.stats.output_tokens += len(tokens)
            rows.append(self.tok.tokenizer.convert_tokens_to_ids(tokens))
        return self.tok.decode_ids(rows)
