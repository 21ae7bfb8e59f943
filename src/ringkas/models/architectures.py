"""What a model is, from its ``config.json`` alone: whether CTranslate2 converts it, and whether it is an
encoder-decoder. Read from ``ringkas/data/ct2_architectures.toml``, so neither the converter nor
transformers' config classes (both import torch) are needed to decide, and a converted model runs
without torch."""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from importlib import resources
from typing import Any

from ringkas._toml import tomllib


@lru_cache(maxsize=1)
def ct2_architectures() -> dict[str, dict[str, str]]:
    """``model_type`` -> ``{"config": class name, "kind": encoder-decoder | decoder | encoder}``."""
    text = resources.files("ringkas.data").joinpath("ct2_architectures.toml").read_text("utf-8")
    return tomllib.loads(text)["model_types"]


def ct2_converts(config: Any) -> bool:
    """Whether CTranslate2 is installed and converts this config's ``model_type``. Where the converter is
    already loaded (a conversion ran in this process), its own loaders have the last word."""
    entry = ct2_architectures().get(getattr(config, "model_type", None) or "")
    if entry is None or importlib.util.find_spec("ctranslate2") is None:
        return False
    loaders = sys.modules.get("ctranslate2.converters.transformers")
    return loaders is None or entry["config"] in getattr(loaders, "_MODEL_LOADERS", {entry["config"]: None})


def is_encoder_decoder(config: Any) -> bool:
    """The config's ``is_encoder_decoder`` (every config saved by transformers states it when true), else
    what the table says of its model type."""
    declared = getattr(config, "is_encoder_decoder", None)
    if declared is not None:
        return bool(declared)
    entry = ct2_architectures().get(getattr(config, "model_type", None) or "")
    return entry is not None and entry["kind"] == "encoder-decoder"
