"""SQLite vector cache: (scope, kind, text hash) -> float32 vector, shared safely by concurrent processes.

The scope is the encoder's identity (backend, model, revision, prefix), so another model misses. Vectors
are stored as :meth:`Encoder.embed` returns, unit rows of float32.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np

from ringkas.sqlite import write_transaction

_SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
_MAX_VARS = 500


def default_vector_cache() -> Path:
    from ringkas.paths import ringkas_cache_root

    return ringkas_cache_root() / "vectors.sqlite"


class VectorCache:
    def __init__(self, path: Path, timeout_s: float = 60.0):
        self.path = Path(path)
        self._timeout = timeout_s
        self._conn: sqlite3.Connection | None = None

    def check(self) -> VectorCache:
        """Open, read and try a write now, so a broken cache stops a job before any work (exit 2)."""
        from ringkas.errors import ConfigError

        try:
            if self.path.is_dir():
                raise OSError("it is a folder, not a file")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = self._db()
            db.execute("SELECT key FROM vectors LIMIT 1").fetchall()
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"the vector cache {self.path} cannot be used ({exc}): move it away (a new one "
                              "is made) or run the encoder without a cache (encoder cache = false)") from None
        finally:
            self.close()
        return self

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:  # lazily, so an encoder built in one process can be used in a forked one
            from ringkas.sqlite import open_shared

            self._conn = open_shared(self.path, [_SCHEMA], self._timeout)
        return self._conn

    @staticmethod
    def key(scope: str, kind: str, text: str) -> str:
        return hashlib.sha256(f"{scope}\x00{kind}\x00{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def get_many(self, scope: str, kind: str, texts: list[str]) -> dict[str, np.ndarray]:
        keys = {self.key(scope, kind, t): t for t in texts}
        key_list = list(keys)
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(key_list), _MAX_VARS):
            part = key_list[start : start + _MAX_VARS]
            rows = self._db().execute(f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(part))})",
                                      part)
            for key, blob in rows:
                found[keys[key]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, scope: str, kind: str, vectors: dict[str, np.ndarray]) -> None:
        rows = [(self.key(scope, kind, t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in vectors.items()]
        with write_transaction(self._db()) as db:
            db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)

    def __len__(self) -> int:
        return self._db().execute("SELECT COUNT(*) FROM vectors").fetchone()[0]

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
