"""``build_translator``: one call from a model name and options to a ready (lazily loading) translator step."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from ringkas.errors import ConfigError
from ringkas.models.runtime import Budget
from ringkas.registry import Registry
from ringkas.translate.base import Translator
from ringkas.translate.settings import TranslationSettings, TranslatorModel

BACKENDS = Registry(
    "translator backend",
    {
        "transformers": "ringkas.translate.hf:HFTranslator",
        "ctranslate2": "ringkas.translate.ct2:CT2Translator",
    },
)


def resolve_backend(backend: str, device: str) -> str:
    """``auto``: CTranslate2 when installed (the fastest path measured: docs/benchmarks.md, Translation), else transformers."""
    if backend != "auto":
        return backend
    try:
        import ctranslate2  # noqa: F401  (is it installed?)
    except ImportError:
        return "transformers"
    return "ctranslate2"


def build_translator(model: str, backend: str = "auto", device: str = "auto", revision: str | None = None,
                     *, fields: dict[str, str] | None = None, cache: Any = None, trust_remote_code: bool = False,
                     budget: Budget | None = None, **settings: Any) -> Translator:
    """A translator step for ``model`` (hub id or local folder); the model loads on the first batch.

    ``settings`` are :class:`TranslationSettings` names (num_beams, max_new_tokens, chunk_tokens,
    batch_tokens, ...); backend-specific options (``dtype``; ``compute_type``, ``ct2_cache`` for
    CTranslate2) pass through to the backend. ``cache`` is a path to a SQLite translation cache, a cache
    object, or None for none. ``fields`` maps source fields to target fields (default title->title_en,
    text->text_en). ``budget`` is the CPUs and GPUs the model may use (default: the whole machine); the
    backend checks device and precision against it now, before anything loads.
    """
    cls, parsed, backend_options = _checked(model, backend, device, revision, settings)
    return cls(model, revision=revision, device=device, trust_remote_code=trust_remote_code, settings=parsed,
               fields=fields, cache=open_cache(cache), budget=budget, **backend_options)


def check_translator_arguments(model: str | None = None, backend: str = "auto", device: str = "auto",
                               revision: str | None = None, *, cache: Any = None, **settings: Any) -> None:
    """What :func:`build_translator` refuses about these arguments, without building (a job's check)."""
    _checked(model, backend, device, revision, settings)


def _checked(model: Any, backend: str, device: str, revision: str | None,
             settings: dict[str, Any]) -> tuple[type, TranslationSettings, dict[str, Any]]:
    backend_options = {k: settings.pop(k) for k in list(settings) if k in _BACKEND_OPTIONS}
    TranslatorModel(model=None if model is None else str(model), revision=revision, backend=backend, device=device,
                    dtype=backend_options.get("dtype"), compute_type=backend_options.get("compute_type"))
    parsed = TranslationSettings.from_options(settings)
    name = resolve_backend(backend, device)
    cls = BACKENDS.get(name)
    accepted = inspect.signature(cls.__init__).parameters
    wrong = sorted(set(backend_options) - set(accepted))
    if wrong:
        raise ConfigError(f"the {name} backend does not take {', '.join(wrong)}")
    return cls, parsed, backend_options


_BACKEND_OPTIONS = ("dtype", "compute_type", "ct2_cache", "threads")


def open_cache(cache: Any) -> Any:
    if cache is None or cache is False:
        return None
    if isinstance(cache, (str, Path)):
        from ringkas.translate.cache import TranslationCache

        return TranslationCache(Path(cache)).check()
    return cache
