"""Which translation family a model belongs to (Marian, NLLB, M2M100) and its language codes.

Detected from the config's ``model_type`` and the tokenizer's vocabulary, never from the model's name; the
table lives in ``ringkas/data/translation_families.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ringkas._toml import tomllib


@dataclass(frozen=True)
class Family:
    name: str
    model_types: tuple[str, ...]
    marker_token: str | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None
    tgt_token: str | None = None  # forced as the first generated token (NLLB, M2M100)


@lru_cache(maxsize=1)
def families() -> tuple[Family, ...]:
    text = resources.files("ringkas.data").joinpath("translation_families.toml").read_text("utf-8")
    return tuple(
        Family(**{**entry, "model_types": tuple(entry["model_types"])}) for entry in tomllib.loads(text)["family"]
    )


def detect_family(model_type: str, vocab: Any) -> Family:
    """The family for ``model_type`` whose marker token is in ``vocab`` (anything supporting ``in``)."""
    for family in families():
        if model_type in family.model_types and (family.marker_token is None or family.marker_token in vocab):
            return family
    known = sorted({t for f in families() for t in f.model_types})
    raise ValueError(
        f"model_type {model_type!r} is not a translation family ringkas knows (known: {', '.join(known)}); "
        "for m2m_100 models the tokenizer must carry Indonesian and English language codes"
    )
