"""Per-family conventions of seq2seq summarisers, read from ``ringkas/data/summariser_families.toml``.

Precedence, lowest first: the family table, the model's own config (``task_specific_params
["summarization"]``, the tokenizer's ``model_max_length``, ``max_position_embeddings``), the job's settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ringkas._toml import tomllib
from ringkas.models.window import model_window

_GENERATION_KEYS = (
    "num_beams", "length_penalty", "no_repeat_ngram_size", "max_new_tokens", "min_new_tokens", "early_stopping",
    "max_length", "min_length",
)


@dataclass
class Conventions:
    family: str
    prefix: str
    max_input_tokens: int
    generation: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def family_table() -> dict[str, Any]:
    text = resources.files("ringkas.data").joinpath("summariser_families.toml").read_text("utf-8")
    return tomllib.loads(text)


def family_of(model_type: str) -> str:
    for name, entry in family_table().items():
        if model_type in entry.get("model_types", []):
            return name
    return "default"


def conventions(config: Any, tokenizer: Any, overrides: dict[str, Any] | None = None) -> Conventions:
    """The prefix, window and generation settings for a loaded model and tokenizer."""
    family = family_of(getattr(config, "model_type", ""))
    entry = family_table()[family]
    prefix = entry.get("prefix", "")
    generation = dict(entry.get("generation", {}))
    window = int(entry.get("max_input_tokens", 512))

    task = (getattr(config, "task_specific_params", None) or {}).get("summarization", {})
    prefix = task.get("prefix", prefix)
    generation.update({k: task[k] for k in _GENERATION_KEYS if k in task})
    if "max_length" in task:  # config states total length; ringkas speaks in new tokens
        generation["max_new_tokens"] = generation.pop("max_length")
    if "min_length" in task:
        generation["min_new_tokens"] = generation.pop("min_length")
    window = model_window(config, tokenizer) or window

    overrides = dict(overrides or {})
    prefix = overrides.pop("prefix", prefix)
    window = int(overrides.pop("max_input_tokens", None) or window)
    generation.update({k: v for k, v in overrides.items() if v is not None})
    if "max_new_tokens" in generation and generation.get("min_new_tokens", 0) > generation["max_new_tokens"]:
        # A job that asks for shorter briefs than the family's minimum means the shorter length.
        generation["min_new_tokens"] = generation["max_new_tokens"]
    if generation.get("num_beams") == 1:
        # Beam-only settings do nothing in greedy search and make generate() warn on every batch.
        for key in ("length_penalty", "early_stopping"):
            generation.pop(key, None)
    return Conventions(family=family, prefix=prefix, max_input_tokens=window, generation=generation)
