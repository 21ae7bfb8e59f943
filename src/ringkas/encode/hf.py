"""A Hugging Face sentence encoder through transformers (intfloat/multilingual-e5-small, LaBSE, ...):
mean pooling over the last hidden states, e5 prefixes where the model wants them."""

from __future__ import annotations

from typing import Any

import numpy as np

from ringkas.encode.base import Encoder
from ringkas.encode.settings import DEFAULT_MODEL, EncoderSettings
from ringkas.models.hub import resolve_model


class TransformersEncoder(Encoder):
    backend = "transformers"

    def __init__(self, settings: EncoderSettings | None = None, cache: Any = None):
        settings = settings or EncoderSettings(backend=self.backend)
        super().__init__(settings, cache)
        from ringkas.models.runtime import check_request

        check_request(settings.device, "auto", "torch")
        self.ref = resolve_model(settings.model or DEFAULT_MODEL, revision=settings.revision)
        self._tok: Any = None
        self._model: Any = None
        self._device: Any = None

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

            self._device = resolve_torch(self.settings.device)
            self._model = _load(AutoModel, self.ref, dtype=self._device.torch_dtype()).to(self._device.device).eval()
        return self._model

    def identity(self) -> dict[str, Any]:
        from ringkas.models.hub import model_revision

        return {"backend": self.backend, "model": self.ref.name, "revision": model_revision(self.ref),
                "prefix": self.prefix_scheme, "pooling": "mean"}

    def runtime(self) -> dict[str, Any]:
        import torch

        device = self._device
        return {"device": device.device if device else self.settings.device,
                "dtype": device.precision if device else "auto", "threads": torch.get_num_threads()}

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
                         return_tensors="pt").to(self._device.device)
        with torch.inference_mode():
            hidden = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)
        return pooled.float().cpu().numpy()
