"""Tiny models for tests and benchmarks, built from locally trained tokenizers with random weights.

``BUILDERS`` maps a kind to ``"module:function"``; each function takes an output folder (and keyword
options) and writes a model folder that ``from_pretrained`` loads, exactly like a downloaded hub model.
"""

from __future__ import annotations

from pathlib import Path

from ringkas.registry import Registry

BUILDERS = Registry(
    "tiny model",
    {
        "marian": "ringkas.testing.tiny_models.marian:build_marian",
        "nllb": "ringkas.testing.tiny_models.nllb:build_nllb",
        "bart": "ringkas.testing.tiny_models.bart:build_bart",
        "t5": "ringkas.testing.tiny_models.t5:build_t5",
        "mt5": "ringkas.testing.tiny_models.t5:build_mt5",
        "pegasus": "ringkas.testing.tiny_models.pegasus:build_pegasus",
        "causal": "ringkas.testing.tiny_models.causal:build_causal",
        "encoder": "ringkas.testing.tiny_models.encoder:build_encoder",
    },
)


def build(kind: str, out_dir: Path, **options: object) -> Path:
    return BUILDERS.build(kind, out_dir=Path(out_dir), **options)
