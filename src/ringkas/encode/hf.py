"""A Hugging Face sentence encoder through transformers (intfloat/multilingual-e5-small, LaBSE, ...):
mean pooling over the last hidden states, e5 prefixes where the model wants them. Device, precision and
threads come from the model runtime (:mod:`ringkas.models.runtime`) and the encoder's budget."""

from __future__ import annotations

from typing import Any

import numpy as np

from ringkas.encode.base import Encoder
from ringkas.encode.settings import DEFAULT_MODEL, EncoderSettings
from ringkas.models.hub import resolve_model


def mean_pool(hidden: np.ndarray, lengths: list[int]) -> np.ndarray:
    """The mean of each row's first ``lengths[i]`` token states (padding left out)."""
    return np.stack([hidden[i, :n].mean(axis=0) for i, n in enumerate(lengths)])


class TransformersEncoder(Encoder):
    backend = "transformers"

    def __init__(self, settings: EncoderSettings | None = None, cache: Any = None, budget: Any = None):
        settings = settings or EncoderSettings(backend=self.backend)
        super().__init__(settings, cache, budget)
        from ringkas.models.runtime import check_request

        check_request(settings.device, "auto", "torch", self.budget)
        self.ref = resolve_model(settings.model or DEFAULT_MODEL, revision=settings.revision)
        self._tok: Any = None
        self._model: Any = None
        self._runtime: Any = None

    @property
    def tok(self) -> Any:
        if self._tok is None:
            from ringkas.models.hub import load_tokenizer

            self._tok = load_tokenizer(self.ref)
        return self._tok

    @property
    def model(self) -> Any:
        if self._model is None:
            from transformers import AutoModel

            from ringkas.models.hub import _load
            from ringkas.models.runtime import resolve_torch

            self._runtime = resolve_torch(self.settings.device, "auto", self.budget)
            model = _load(AutoModel, self.ref, dtype=self._runtime.torch_dtype())
            self._model = model.to(self._runtime.device).eval()
        return self._model

    def identity(self) -> dict[str, Any]:
        from ringkas.models.hub import model_revision

        return {"backend": self.backend, "model": self.ref.name, "revision": model_revision(self.ref),
                "prefix": self.prefix_scheme, "pooling": "mean"}

    def runtime(self) -> dict[str, Any]:
        if self._runtime is None:
            return {"device": self.settings.device, "budget": self.budget.as_dict()}
        return {**self._runtime.provenance(), **self._runtime.execution()}  # where it ran: the exact device

    @property
    def prefix_scheme(self) -> str:
        if self.settings.prefix != "auto":
            return self.settings.prefix
        return "e5" if "e5" in self.ref.name.lower() else "none"

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self.tok(texts, truncation=True, max_length=self.settings.max_tokens)["input_ids"]]

    def encode_batch(self, texts: list[str], kind: str) -> np.ndarray:
        import torch

        model = self.model
        batch = self.tok(texts, padding=True, truncation=True, max_length=self.settings.max_tokens,
                         return_tensors="pt").to(self._runtime.device)
        with torch.inference_mode():
            hidden = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)
        return pooled.float().cpu().numpy()
