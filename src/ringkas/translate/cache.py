"""SQLite translation cache: (scope, source chunk) -> translation and its retry note, shared safely by
concurrent processes.

The scope is the JSON of model id, revision, backend, numeric precision, output settings and retry settings,
so a change to any of them misses. The retry note (why a chunk's first output was degenerate and whether the
retry fixed it) is kept with the translation, so a record served from the cache carries the same flags as
the run that translated it. WAL mode lets readers run beside one writer; writes are short transactions with a
busy timeout, and ``INSERT OR REPLACE`` makes two processes writing the same chunk harmless.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ringkas.sqlite import SharedCache

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chunks (
    key TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    source TEXT NOT NULL,
    translation TEXT NOT NULL,
    note TEXT
)
"""


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


class TranslationCache(SharedCache):
    table = "chunks"
    schema = _SCHEMA
    what = "translation cache"
    remedy = ("move it away (a new one is made), point --cache / translate.options.cache elsewhere, or run "
              "without one (--no-cache / translate.options.cache = false)")

    @staticmethod
    def key(scope: str, source: str) -> str:
        return SharedCache.hash_key(scope, source)

    def get_many(self, scope: str, sources: list[str]) -> dict[str, tuple[str, dict[str, Any] | None]]:
        """(translation, retry note or None) for each of ``sources`` that is cached under ``scope``."""
        keys = {self.key(scope, s): s for s in sources}
        return {keys[key]: (translation, json.loads(note) if note else None)
                for key, translation, note in self.select("translation, note", list(keys))}

    def put_many(self, scope: str, translations: dict[str, str],
                 notes: dict[str, dict[str, Any]] | None = None) -> None:
        notes = notes or {}
        self.insert([(self.key(scope, s), scope, s, t, json.dumps(notes[s], ensure_ascii=False) if s in notes
                      else None) for s, t in translations.items()])
