"""Transformers backend: ``generate()`` on ``AutoModelForSeq2SeqLM`` or ``AutoModelForCausalLM``.

The generation config is built from :class:`~ringkas.summarise.settings.Generation` and the model's stop
and forced tokens alone, so nothing else in the model's generation_config.json (a ``min_length``, a forced
EOS at the cap) changes the output behind the settings' back: the CTranslate2 backend gets the same.
On CUDA the weights are bf16 (fp16 where bf16 is unsupported); attention is SDPA where the model has it.
"""

from __future__ import annotations

import logging
from typing import Any

from ringkas.models.runtime import Budget, Runtime
from ringkas.summarise.generator import TextGenerator
from ringkas.summarise.settings import Generation

log = logging.getLogger(__name__)


class HFGenerator(TextGenerator):
    backend = "transformers"

    def __init__(self, ref: Any, config: Any, settings: Any, budget: Budget | None = None):
        super().__init__(ref, config, settings, budget)
        self._model: Any = None
        self._runtime: Runtime | None = None

    def model(self) -> Any:
        if self._model is None:
            from ringkas.models.hub import load_causal_lm, load_seq2seq
            from ringkas.models.runtime import resolve_torch

            self._runtime = resolve_torch(self.settings.device, self.settings.dtype, self.budget)
            loader = load_causal_lm if self.causal else load_seq2seq
            self._model = loader(self.ref, device=self._runtime.device, dtype=self._runtime.precision)
            # generate() fills what a passed config leaves unset from the model's own generation_config
            # (a min_length, a forced EOS at the cap): blank it, so only the settings below decide.
            from transformers import GenerationConfig

            self._model.generation_config = GenerationConfig()
            log.info("summarise: %s with transformers on %s in %s, %d threads", self.ref.name,
                     self._runtime.device, self._runtime.precision, self._runtime.intra_threads)
        return self._model

    def runtime(self) -> dict[str, Any]:
        model = self.model()
        return {**self._runtime.provenance(), "attention": getattr(model.config, "_attn_implementation", None)}

    def execution(self) -> dict[str, Any]:
        threads = self.threads()  # loads the model, and with it the runtime
        return {**self._runtime.execution(), **threads}

    def threads(self) -> dict[str, int]:
        """The threads the loaded model runs with (torch's intra-op pool), read back."""
        from ringkas.models.runtime import threads_in_use

        self.model()
        return threads_in_use(self._runtime)

    def generation_settings(self, generation: Generation) -> Any:
        from transformers import GenerationConfig

        extra = 0 if self.forced_bos_token_id is None else 1  # the forced token is a generated one here
        beams = generation.num_beams > 1
        return GenerationConfig(
            num_beams=generation.num_beams,
            do_sample=False,
            max_new_tokens=generation.max_new_tokens + extra,
            min_new_tokens=generation.min_new_tokens + extra if generation.min_new_tokens else None,
            length_penalty=generation.length_penalty if beams else 1.0,
            early_stopping=generation.early_stopping if beams else False,
            no_repeat_ngram_size=generation.no_repeat_ngram_size,
            repetition_penalty=generation.repetition_penalty,
            eos_token_id=self.eos_token_ids,
            pad_token_id=self.tokenizer.pad_token_id,
            bos_token_id=getattr(self.config, "bos_token_id", None),
            decoder_start_token_id=None if self.causal else self.config.decoder_start_token_id,
            forced_bos_token_id=self.forced_bos_token_id,
        )

    def generate_batches(self, batches: list[list[list[int]]], generation: Generation) -> list[list[list[int]]]:
        import torch

        model = self.model()
        config = self.generation_settings(generation)
        skip = 1 + (0 if self.forced_bos_token_id is None else 1)  # decoder start, then the forced token
        out = []
        for batch in batches:
            encoded = self.tokenizer.pad({"input_ids": batch}, return_tensors="pt").to(model.device)
            with torch.inference_mode():
                generated = model.generate(**encoded, generation_config=config)
            start = encoded["input_ids"].shape[1] if self.causal else skip
            out.append([self.cut(row[start:]) for row in generated.tolist()])
        return out
