"""The same Hugging Face encoder run by CTranslate2's ``Encoder`` (converted once into the shared cache, opened
through :func:`ringkas.models.ct2.open_ct2`): the tokenizer is the model's own, the pooling the same mean."""

from __future__ import annotations

from typing import Any

import numpy as np

from ringkas.encode.hf import TransformersEncoder, mean_pool


class CT2Encoder(TransformersEncoder):
    backend = "ctranslate2"

    @property
    def model(self) -> Any:
        if self._model is None:
            from ringkas.models.ct2 import open_ct2
            from ringkas.models.hub import model_revision

            self._model = open_ct2("encoder", self.ref, model_revision(self.ref), device=self.settings.device,
                                   budget=self.budget)
            self._runtime = self._model.runtime
        return self._model

    def encode_batch(self, texts: list[str], kind: str) -> np.ndarray:
        ids = self.tok(texts, truncation=True, max_length=self.settings.max_tokens)["input_ids"]
        tokens = [self.tok.convert_ids_to_tokens(row) for row in ids]
        output = self.model.engine.forward_batch(tokens)
        return mean_pool(np.asarray(output.last_hidden_state, dtype=np.float32), [len(row) for row in ids])
