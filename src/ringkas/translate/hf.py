"""Transformers backend: ``AutoModelForSeq2SeqLM`` + ``generate()`` for Marian, NLLB and M2M100."""

from __future__ import annotations

import logging
from typing import Any

from ringkas.models.runtime import Budget, Runtime, check_request
from ringkas.translate.base import ModelTranslator
from ringkas.translate.settings import TranslationSettings

log = logging.getLogger(__name__)


class HFTranslator(ModelTranslator):
    """Loads the model once, lazily, on the first batch (so building a translator is cheap)."""

    backend = "transformers"

    def __init__(self, model: str, revision: str | None = None, device: str = "auto", dtype: str = "auto",
                 trust_remote_code: bool = False, settings: TranslationSettings | None = None,
                 fields: dict[str, str] | None = None, cache: Any = None, threads: int | None = None,
                 budget: Budget | None = None):
        self.budget = (budget or Budget.machine()).narrowed(threads)
        # an impossible device/dtype stops here, before a model is resolved or a record read
        self.device_request, self.dtype_request = check_request(device, dtype, "torch", self.budget)
        super().__init__(model, revision, trust_remote_code, settings=settings, fields=fields, cache=cache)
        self._model: Any = None
        self._runtime: Runtime | None = None

    def _loaded_model(self) -> Any:
        if self._model is None:
            from ringkas.models import load_seq2seq
            from ringkas.models.runtime import resolve_torch

            self._runtime = resolve_torch(self.device_request, self.dtype_request, self.budget)
            self._model = load_seq2seq(self.ref, self._runtime.device, self._runtime.precision)
            log.debug("translate: %s (%s) on %s in %s, %d threads", self.ref.name, self.tok.family.name,
                      self._runtime.device, self._runtime.precision, self._runtime.intra_threads)
        return self._model

    @property
    def runtime(self) -> Runtime:
        if self._runtime is None:
            self._loaded_model()
        return self._runtime

    def threads(self) -> dict[str, int]:
        """The threads the loaded model runs with (torch's intra-op pool), read back."""
        from ringkas.models.runtime import threads_in_use

        return threads_in_use(self.runtime)

    def identity(self) -> dict[str, Any]:
        runtime = self.runtime
        return {**self.tok.identity(), "backend": self.backend, "device": runtime.device_type, "dtype": runtime.precision}

    def provenance(self) -> dict[str, Any]:
        return {**super().provenance(), **self.runtime.provenance()}

    def execution(self) -> dict[str, Any]:
        return {**self.runtime.execution(), **self.threads()}

    def translate_batch(self, texts: list[str], settings: TranslationSettings | None = None) -> list[str]:
        import torch

        settings = settings or self.settings
        model = self._loaded_model()
        tokenizer = self.tok.tokenizer
        encoded = tokenizer(texts, return_tensors="pt", padding=True)
        lengths = encoded["attention_mask"].sum(dim=1).tolist()
        if max(lengths) > self.window:
            raise ValueError(f"a chunk of {max(lengths)} tokens does not fit the model window of {self.window}")
        caps = [settings.new_token_cap(n, self.window) for n in lengths]
        forced = self.tok.forced_bos_token_id
        extra = 1 if forced is not None else 0  # the forced language code is a generated token too
        # One step past the longest cap: Marian's forced_eos_token_id replaces the token at max length with
        # EOS, which would make a row at its cap differ from the same chunk run alone. Rows are trimmed below.
        with torch.inference_mode():
            generated = model.generate(
                **encoded.to(model.device),
                max_new_tokens=max(caps) + extra + 1,
                num_beams=settings.num_beams,
                do_sample=False,
                no_repeat_ngram_size=settings.no_repeat_ngram_size,
                repetition_penalty=settings.repetition_penalty,
                forced_bos_token_id=forced,
            )
        return self.tok.decode_ids(self._trimmed(generated.tolist(), caps, extra))

    def _trimmed(self, rows: list[list[int]], caps: list[int], extra: int) -> list[list[int]]:
        """Each row cut to its own chunk's cap (the batch ran to the longest cap), up to its first EOS."""
        eos = self.tok.tokenizer.eos_token_id
        out = []
        for row, cap in zip(rows, caps):
            tokens = row[1 + extra : 1 + extra + cap]  # row[0]: decoder start; then the forced language code
            if eos in tokens:
                tokens = tokens[: tokens.index(eos)]
            self.stats.output_tokens += len(tokens)
            out.append(tokens)
        return out
