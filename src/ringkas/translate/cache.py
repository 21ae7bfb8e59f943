"""SQLite translation cache: (scope, source chunk) -> translation, shared safely by concurrent processes.

The scope is the JSON of model id, revision, backend, numeric precision and output settings, so a change
to any of them misses. WAL mode lets readers run beside one writer; writes are short transactions with a
busy timeout, and ``INSERT OR REPLACE`` makes two processes writing the same chunk harmless.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    source TEXT NOT NULL,
    translation TEXT NOT NULL
)
"""
_MAX_VARS = 500  # SQLite's host-parameter limit is 999 on older builds


def ringkas_cache_root() -> Path:
    """``$RINGKAS_CACHE``, else ``$XDG_CACHE_HOME/ringkas``, else ``~/.cache/ringkas`` (read at call time)."""
    root = os.environ.get("RINGKAS_CACHE")
    if root:
        return Path(root)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ringkas"


def default_translation_cache() -> Path:
    return ringkas_cache_root() / "translations.sqlite"


class TranslationCache:
    def __init__(self, path: Path, timeout_s: float = 60.0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._timeout = timeout_s
        self._conn: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection:
        # Opened lazily so a translator object can be built in one process and used in a forked one.
        if self._conn is None:
            conn = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(_SCHEMA)
            self._conn = conn
        return self._conn

    @staticmethod
    def key(scope: str, source: str) -> str:
        return hashlib.sha256(f"{scope}\x00{source}".encode("utf-8", "surrogatepass")).hexdigest()

    def get_many(self, scope: str, sources: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        keys = {self.key(scope, s): s for s in sources}
        key_list = list(keys)
        for start in range(0, len(key_list), _MAX_VARS):
            part = key_list[start : start + _MAX_VARS]
            rows = self._db().execute(
                f"SELECT key, translation FROM translations WHERE key IN ({','.join('?' * len(part))})", part
            )
            for key, translation in rows:
                found[keys[key]] = translation
        return found

    def put_many(self, scope: str, translations: dict[str, str]) -> None:
        rows = [(self.key(scope, s), scope, s, t) for s, t in translations.items()]
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany("INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?)", rows)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def __len__(self) -> int:
        return self._db().execute("SELECT COUNT(*) FROM translations").fetchone()[0]

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
