"""SQLite translation cache: (scope, source chunk) -> translation and its retry note, shared safely by
concurrent processes.

The scope is the JSON of model id, revision, backend, numeric precision, output settings and retry settings,
so a change to any of them misses. The retry note (why a chunk's first output was degenerate and whether the
retry fixed it) is kept with the translation, so a record served from the cache carries the same flags as
the run that translated it. WAL mode lets readers run beside one writer; writes are short transactions with a
busy timeout, and ``INSERT OR REPLACE`` makes two processes writing the same chunk harmless.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from ringkas.sqlite import write_transaction

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chunks (
    key TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    source TEXT NOT NULL,
    translation TEXT NOT NULL,
    note TEXT
)
"""
_MAX_VARS = 500  # SQLite's host-parameter limit is 999 on older builds


def translation_scope(identity: dict[str, Any], settings: Any) -> str:
    """The cache scope of a translator's plain outputs: model identity, output settings and retry settings.
    Retry settings belong to it: a chunk cached by a run without retries carries no note, and a run with
    retries must not take its output as checked."""
    return json.dumps({**identity, **settings.output_settings(), "retry": settings.retry_settings()}, sort_keys=True)


def repair_scope(scope: str, checks: dict[str, Any]) -> str:
    """The scope of repaired outputs: the plain scope and the checks that decided the repair."""
    return json.dumps({"scope": scope, "checks": checks}, sort_keys=True)


def default_translation_cache() -> Path:
    from ringkas.paths import ringkas_cache_root

    return ringkas_cache_root() / "translations.sqlite"


class TranslationCache:
    def __init__(self, path: Path, timeout_s: float = 60.0):
        self.path = Path(path)
        self._timeout = timeout_s
        self._conn: sqlite3.Connection | None = None

    def check(self) -> TranslationCache:
        """Open the cache, read it and try a write now, so a broken cache stops the job before any work
        (exit 2) instead of turning every article into a reject. Closes it again (a forked worker reopens)."""
        from ringkas.errors import ConfigError

        problem = None
        if self.path.is_dir():
            problem = "it is a folder, not a file"
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = self._db()
                db.execute("SELECT key FROM chunks LIMIT 1").fetchall()  # a truncated file fails here
                db.execute("BEGIN IMMEDIATE")  # takes the write lock: fails on a read-only file or folder
                db.execute("ROLLBACK")
            except (OSError, sqlite3.Error) as exc:
                problem = str(exc)
            finally:
                self.close()
        if problem:
            raise ConfigError(f"the translation cache {self.path} cannot be used ({problem}): move it away "
                              "(a new one is made), point --cache / translate.options.cache elsewhere, or "
                              "run without one (--no-cache / translate.options.cache = false)")
        return self

    def _db(self) -> sqlite3.Connection:
        # Opened lazily so a translator object can be built in one process and used in a forked one.
        if self._conn is None:
            self._conn = self._open()
        return self._conn

    def _open(self) -> sqlite3.Connection:
        from ringkas.sqlite import open_shared

        return open_shared(self.path, [_SCHEMA], self._timeout)

    @staticmethod
    def key(scope: str, source: str) -> str:
        return hashlib.sha256(f"{scope}\x00{source}".encode("utf-8", "surrogatepass")).hexdigest()

    def get_many(self, scope: str, sources: list[str]) -> dict[str, tuple[str, dict[str, Any] | None]]:
        """(translation, retry note or None) for each of ``sources`` that is cached under ``scope``."""
        found: dict[str, tuple[str, dict[str, Any] | None]] = {}
        keys = {self.key(scope, s): s for s in sources}
        key_list = list(keys)
        for start in range(0, len(key_list), _MAX_VARS):
            part = key_list[start : start + _MAX_VARS]
            rows = self._db().execute(
                f"SELECT key, translation, note FROM chunks WHERE key IN ({','.join('?' * len(part))})", part
            )
            for key, translation, note in rows:
                found[keys[key]] = (translation, json.loads(note) if note else None)
        return found

    def put_many(self, scope: str, translations: dict[str, str],
                 notes: dict[str, dict[str, Any]] | None = None) -> None:
        notes = notes or {}
        rows = [(self.key(scope, s), scope, s, t, json.dumps(notes[s], ensure_ascii=False) if s in notes else None)
                for s, t in translations.items()]
        with write_transaction(self._db()) as db:
            db.executemany("INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?)", rows)

    def __len__(self) -> int:
        return self._db().execute("SELECT COUNT(*) FROM chunks").fetchone()[0]

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
