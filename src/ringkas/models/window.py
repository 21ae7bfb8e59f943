"""How many input tokens a model takes, read from the model itself."""

from __future__ import annotations

from typing import Any

# model_max_length this large means "not set" in transformers' tokenizers.
_UNSET_LENGTH = 1_000_000


def model_window(config: Any, tokenizer: Any) -> int | None:
    """The smaller of the config's ``max_position_embeddings`` and the tokenizer's ``model_max_length``
    (either may be missing or unset); None when neither says. A tokenizer saved with a longer limit than the
    model's position table must not let a chunk index past that table, and the other way round."""
    limits = []
    positions = getattr(config, "max_position_embeddings", None)
    if isinstance(positions, int) and positions > 0:
        limits.append(positions)
    declared = getattr(tokenizer, "model_max_length", None)
    if isinstance(declared, int) and 0 < declared < _UNSET_LENGTH:
        limits.append(declared)
    return min(limits) if limits else None
