"""SQLite vector cache: (scope, kind, text hash) -> float32 vector, shared safely by concurrent processes.

The scope is the encoder's identity (backend, model, revision, prefix), so another model misses. Vectors
are stored as :meth:`Encoder.embed` returns, unit rows of float32.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ringkas.sqlite import SharedCache

_SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"


def default_vector_cache() -> Path:
    from ringkas.paths import ringkas_cache_root

    return ringkas_cache_root() / "vectors.sqlite"


class VectorCache(SharedCache):
    table = "vectors"
    schema = _SCHEMA
    what = "vector cache"
    remedy = "move it away (a new one is made) or run the encoder without a cache (encoder cache = false)"

    @staticmethod
    def key(scope: str, kind: str, text: str) -> str:
        return SharedCache.hash_key(scope, kind, text)

    def get_many(self, scope: str, kind: str, texts: list[str]) -> dict[str, np.ndarray]:
        keys = {self.key(scope, kind, t): t for t in texts}
        return {keys[key]: np.frombuffer(blob, dtype=np.float32) for key, blob in self.select("vector", list(keys))}

    def put_many(self, scope: str, kind: str, vectors: dict[str, np.ndarray]) -> None:
        self.insert([(self.key(scope, kind, t), np.asarray(v, dtype=np.float32).tobytes())
                     for t, v in vectors.items()])
