"""The model behind a generated brief, whatever runs it: texts in, generated texts out.

A :class:`TextGenerator` holds the Hugging Face side both backends share (the model's config, its own
tokenizer, its stop tokens and forced first token), so token counts, map-reduce splits and decoding are the
same on either backend. It sorts inputs by length and groups them under a budget of padded source tokens;
a backend (:mod:`ringkas.summarise.hf`, :mod:`ringkas.summarise.ct2`) fills :meth:`generate_batches`:
token-id batches in, new token ids out (no start token, no forced first token, nothing after the end).
Weights load on the first batch; building a generator reads only the config.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from ringkas.models.architectures import is_encoder_decoder
from ringkas.models.hub import ModelRef, load_config, load_tokenizer, model_revision, read_config, resolve_model
from ringkas.models.runtime import Budget
from ringkas.models.window import model_window
from ringkas.registry import Registry
from ringkas.summarise.settings import Generation
from ringkas.models.batching import token_budget_batches

BACKENDS = Registry(
    "summariser backend",
    {
        "transformers": "ringkas.summarise.hf:HFGenerator",
        "ctranslate2": "ringkas.summarise.ct2:CT2Generator",
    },
)


class TextGenerator:
    backend = "base"

    def __init__(self, ref: ModelRef, config: Any, settings: Any, budget: Budget | None = None):
        self.ref, self.config, self.settings = ref, config, settings
        self.budget = (budget or Budget.machine()).narrowed(settings.threads)
        self.causal = not is_encoder_decoder(config)
        self._tokenizer: Any = None
        self._generation_config: Any = None
        self.output_tokens = 0

    # --- what a backend fills -------------------------------------------------------------------------
    def generate_batches(self, batches: list[list[list[int]]], generation: Generation) -> list[list[list[int]]]:
        """New token ids for every row of every batch (same shapes as ``batches``)."""
        raise NotImplementedError

    def runtime(self) -> dict[str, Any]:
        """What of the runtime can change a brief (device kind, precision), once the model is loaded."""
        return {}

    def execution(self) -> dict[str, Any]:
        """How this process runs the model (exact device, threads, compute budget): the run's manifest."""
        return {}

    def threads(self) -> dict[str, int]:
        """The threads the loaded engine runs with, read back from it."""
        return {}

    # --- shared ------------------------------------------------------------------------------------------
    @property
    def tokenizer(self) -> Any:
        if self._tokenizer is None:
            self._tokenizer = load_tokenizer(self.ref, **({"padding_side": "left"} if self.causal else {}))
            if self.causal and self._tokenizer.pad_token is None:
                self._tokenizer.pad_token = self._tokenizer.eos_token
        return self._tokenizer

    @property
    def window(self) -> int | None:
        return model_window(self.config, self.tokenizer)

    @property
    def generation_config(self) -> Any:
        """The model's own generation_config.json (stop and forced tokens), else one from its config."""
        if self._generation_config is None:
            from transformers import GenerationConfig

            from ringkas.models.hub import load_generation_config

            found = load_generation_config(self.ref)
            self._generation_config = found if found is not None else GenerationConfig.from_model_config(
                config_values(self.config))
        return self._generation_config

    @property
    def eos_token_ids(self) -> list[int]:
        eos = self.generation_config.eos_token_id
        if eos is None:
            eos = getattr(self.config, "eos_token_id", None)
        if eos is None:
            eos = self.tokenizer.eos_token_id
        return [int(e) for e in (eos if isinstance(eos, (list, tuple)) else [eos]) if e is not None]

    @property
    def forced_bos_token_id(self) -> int | None:
        """The first generated token some seq2seq models force (BART-CNN: ``<s>``)."""
        if self.causal:
            return None
        forced = self.generation_config.forced_bos_token_id
        if forced is None:
            forced = getattr(self.config, "forced_bos_token_id", None)
        return None if forced is None else int(forced)

    def encode(self, texts: list[str]) -> list[list[int]]:
        # A chat template already holds the special tokens a causal model expects.
        return self.tokenizer(texts, add_special_tokens=not self.causal, verbose=False)["input_ids"]

    def count_tokens(self, text: str) -> int:
        return len(self.encode([text])[0])

    def generate(self, texts: list[str], generation: Generation) -> list[str]:
        """Generated text for each input, in input order: sorted by length, batched by padded tokens."""
        if not texts:
            return []
        ids = self.encode(texts)
        batches = token_budget_batches([len(row) for row in ids], self.settings.batch_tokens)
        results = self.generate_batches([[ids[i] for i in batch] for batch in batches], generation)
        out: list[str] = [""] * len(texts)
        for batch, rows in zip(batches, results):
            if len(rows) != len(batch):
                raise RuntimeError(f"{self.backend} returned {len(rows)} outputs for {len(batch)} inputs")
            for i, row in zip(batch, rows):
                self.output_tokens += len(row)
                out[i] = self.tokenizer.decode(row, skip_special_tokens=True).strip()
        return out

    def cut(self, row: list[int]) -> list[int]:
        """A row up to its first stop token (padding after it included)."""
        stops = set(self.eos_token_ids)
        for position, token in enumerate(row):
            if token in stops:
                return row[:position]
        return row

    def provenance(self) -> dict[str, Any]:
        return {"model": self.ref.name, "revision": model_revision(self.ref, self.config), "backend": self.backend,
                **self.runtime()}


def build_generator(settings: Any, budget: Budget | None = None) -> TextGenerator:
    """The generator for ``settings.model`` on ``settings.backend``; reads the config, loads no weights.
    ``budget``: the CPUs and GPUs the model may use (default: the whole machine).

    ``auto`` is CTranslate2 when it is installed and has a converter for the model's type, else transformers.
    """
    from ringkas.errors import ConfigError
    from ringkas.models.ct2_convert import convertible

    ref = resolve_model(settings.model, revision=settings.revision)
    config = read_config(ref)  # the JSON: a CTranslate2 model that is converted already never imports torch
    backend = settings.backend
    if backend == "auto":
        backend = "ctranslate2" if convertible(config) else "transformers"
    elif backend == "ctranslate2" and not convertible(config):
        raise ConfigError(f"CTranslate2 cannot convert {settings.model!r} (model type "
                          f"{getattr(config, 'model_type', '?')!r}, or ctranslate2 is not installed): use "
                          "--backend transformers or auto")
    if backend == "transformers":
        config = load_config(ref)  # torch runs the model: its full config (class defaults, aliases)
    return BACKENDS.get(backend)(ref, config, settings, budget)


def config_values(config: Any) -> dict[str, Any]:
    """A model config as a dict, whether transformers built it or :func:`read_config` read its JSON."""
    if isinstance(config, SimpleNamespace):
        return {k: v for k, v in vars(config).items() if not k.startswith("_")}
    return config.to_dict()
