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
from ringkas.summarise.settings import Generation

_GENERATION_KEYS = (
    "num_beams", "length_penalty", "no_repeat_ngram_size", "max_new_tokens", "min_new_tokens", "early_stopping",
    "max_length", "min_length",
)


@dataclass
class Conventions:
    family: str
    prefix: str
    max_input_tokens: int
    generation: Generation = field(default_factory=Generation)


@lru_cache(maxsize=1)
def family_table() -> dict[str, Any]:
    text = resources.files("ringkas.data").joinpath("summariser_families.toml").read_text("utf-8")
    return tomllib.loads(text)


def family_of(model_type: str) -> str:
    for name, entry in family_table().items():
        if model_type in entry.get("model_types", []):
            return name
    return "default"


def conventions(config: Any, tokenizer: Any, generation: dict[str, Any] | None = None, prefix: str | None = None,
                max_input_tokens: int | None = None) -> Conventions:
    """The prefix, window and generation settings for a model's config and tokenizer; the job's
    ``generation`` overrides, ``prefix`` and ``max_input_tokens`` win over both."""
    family = family_of(getattr(config, "model_type", ""))
    entry = family_table()[family]
    table = dict(entry.get("generation", {}))
    task = (getattr(config, "task_specific_params", None) or {}).get("summarization", {})
    from_config = {k: task[k] for k in _GENERATION_KEYS if k in task}
    if "max_length" in from_config:  # config states total length; ringkas speaks in new tokens
        from_config["max_new_tokens"] = from_config.pop("max_length")
    if "min_length" in from_config:
        from_config["min_new_tokens"] = from_config.pop("min_length")
    window = max_input_tokens or model_window(config, tokenizer) or int(entry.get("max_input_tokens", 512))
    return Conventions(
        family=family,
        prefix=prefix if prefix is not None else task.get("prefix", entry.get("prefix", "")),
        max_input_tokens=int(window),
        generation=Generation.merged(table, from_config, generation or {}),
    )
