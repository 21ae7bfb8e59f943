"""The encoder role: texts in, unit vectors out, for checks that compare meaning across languages.

An implementation fills :meth:`Encoder.encode_batch` (one model batch of texts, already prefixed, in; one
row per text out) and :meth:`Encoder.count_tokens`. This base does the rest once for every backend: the
e5 ``query: ``/``passage: `` prefixes, duplicates embedded once, a per-process memory of recent vectors and
an on-disk cache per text hash, batches grouped under a token budget (longest first, input order restored),
and rows scaled to unit length, so a dot product is the cosine.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from typing import Any

import numpy as np

from ringkas.encode.settings import EncoderSettings

KINDS = ("passage", "query")
# Vectors kept in memory per encoder (384 float32 each: about 30 MB), most recent first out last.
MEMORY_VECTORS = 20_000


def _token_batches(lengths: list[int], budget: int) -> list[list[int]]:
    """Indices grouped longest first so ``len(batch) * longest <= budget``."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    for index in order:
        if batches and lengths[batches[-1][0]] * (len(batches[-1]) + 1) <= budget:
            batches[-1].append(index)
        else:
            batches.append([index])
    return batches


class Encoder:
    """Base for encoder backends (see the module docstring)."""

    backend = "base"

    def __init__(self, settings: EncoderSettings | None = None, cache: Any = None, budget: Any = None):
        from ringkas.models.runtime import Budget

        self.settings = settings or EncoderSettings(backend=self.backend)
        self.cache = cache
        # The compute this encoder may use (a CLI: the machine; a Ray actor: its share), narrowed by threads.
        self.budget = (budget or Budget.machine()).narrowed(self.settings.threads or None)
        self._memory: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self.seconds = 0.0  # time spent embedding (cache lookups included): benchmarks report it apart
        self.encoded = 0  # texts the model ran on (cache misses)

    # --- what an implementation fills ----------------------------------------------------------------
    def encode_batch(self, texts: list[str], kind: str) -> np.ndarray:
        """One row per text (prefixed already, where :meth:`prefixed` does it), float32; rows need not be
        unit length. ``kind`` is for engines that add their own prefix."""
        raise NotImplementedError

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Model tokens per text, specials included. The default is a rough word-based estimate."""
        return [len(t.split()) + 2 for t in texts]

    def identity(self) -> dict[str, Any]:
        """What a vector depends on: backend, model, revision, prefixes (the cache scope)."""
        return {"backend": self.backend, "model": self.settings.model, "prefix": self.prefix_scheme}

    def runtime(self) -> dict[str, Any]:
        """Where it runs: device, threads, budget (provenance only: never changes a vector's meaning)."""
        return {"device": "cpu", "threads": self.settings.threads}

    # --- written once ---------------------------------------------------------------------------------
    @property
    def prefix_scheme(self) -> str:
        if self.settings.prefix != "auto":
            return self.settings.prefix
        return "e5" if "e5" in (self.settings.model or "e5").lower() else "none"

    def provenance(self) -> dict[str, Any]:
        from ringkas.provenance import ringkas_signature

        return {**self.identity(), **self.runtime(), "ringkas": ringkas_signature()}

    def _scope(self) -> str:
        return json.dumps(self.identity(), sort_keys=True)

    def prefixed(self, texts: list[str], kind: str) -> list[str]:
        return [f"{kind}: {t}" for t in texts] if self.prefix_scheme == "e5" else list(texts)

    def embed(self, texts: list[str], kind: str = "passage", *, remember: bool = True) -> np.ndarray:
        """Unit vectors, float32, shape (len(texts), dim), in input order; ``kind`` "passage" or "query".
        ``remember=False``: the vectors are not kept in this process's memory (a caller that embeds each text
        once, such as story clustering, would only fill it)."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
        started = time.monotonic()
        unique = list(dict.fromkeys(texts))
        found = {t: v for t in unique if (v := self._remember(kind, t)) is not None}
        todo = [t for t in unique if t not in found]
        if todo and self.cache is not None:
            found.update(self.cache.get_many(self._scope(), kind, todo))
            todo = [t for t in unique if t not in found]
        if todo:
            fresh = self._encode(todo, kind)
            found.update(fresh)
            if self.cache is not None:
                self.cache.put_many(self._scope(), kind, fresh)
        for text in unique if remember else ():
            self._keep(kind, text, found[text])
        self.seconds += time.monotonic() - started
        if not texts:
            return np.zeros((0, self.dim if found else 0), dtype=np.float32)
        return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)

    def _encode(self, texts: list[str], kind: str) -> dict[str, np.ndarray]:
        inputs = self.prefixed(texts, kind)
        lengths = [min(n, self.settings.max_tokens) for n in self.count_tokens(inputs)]
        out: dict[str, np.ndarray] = {}
        for batch in _token_batches(lengths, self.settings.batch_tokens):
            rows = np.asarray(self.encode_batch([inputs[i] for i in batch], kind), dtype=np.float32)
            if rows.shape[0] != len(batch):
                raise RuntimeError(f"{self.backend} returned {rows.shape[0]} vectors for {len(batch)} texts")
            norms = np.linalg.norm(rows, axis=1, keepdims=True)
            rows = rows / np.where(norms > 0, norms, 1.0)
            out.update((texts[i], row) for i, row in zip(batch, rows))
        self.encoded += len(texts)
        return out

    def _remember(self, kind: str, text: str) -> np.ndarray | None:
        vector = self._memory.get((kind, text))
        if vector is not None:
            self._memory.move_to_end((kind, text))
        return vector

    def _keep(self, kind: str, text: str, vector: np.ndarray) -> None:
        self._memory[(kind, text)] = vector
        self._memory.move_to_end((kind, text))
        while len(self._memory) > MEMORY_VECTORS:
            self._memory.popitem(last=False)

    @property
    def dim(self) -> int:
        return int(self.embed(["dim"]).shape[1])

    def similarity(self, left: list[str], right: list[str]) -> np.ndarray:
        """Cosine of every text of ``left`` with every text of ``right``, shape (len(left), len(right))."""
        if not left or not right:
            return np.zeros((len(left), len(right)), dtype=np.float32)
        vectors = self.embed(list(left) + list(right))
        return vectors[: len(left)] @ vectors[len(left) :].T
