"""Deterministic data-parallel shards: ``--shard K/N`` takes the stories whose id hashes to K."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ringkas.errors import ConfigError


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` (1-based, as users write it) of ``count``."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def owns(self, key: str) -> bool:
        return shard_of(key, self.count) == self.index


def shard_of(key: str, count: int) -> int:
    """The 1-based shard of ``key``: a stable hash (not Python's salted ``hash``), same on every machine."""
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def parse_shard(text: str | Shard | None) -> Shard | None:
    if text is None or isinstance(text, Shard):
        return text
    index, sep, count = str(text).partition("/")
    try:
        shard = Shard(int(index), int(count))
    except ValueError:
        shard = None
    if not sep or shard is None or not 1 <= shard.index <= shard.count:
        raise ConfigError(f"--shard {text!r}: expected K/N with 1 <= K <= N, e.g. --shard 2/4")
    return shard
