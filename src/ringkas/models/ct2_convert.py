"""Convert a Hugging Face model to CTranslate2 once, into the one cache every model kind shares.

Translators (Marian, NLLB), seq2seq summarisers (BART, PEGASUS, T5, mT5) and causal chat models (Llama,
Qwen, Gemma) all convert here. The cache folder is keyed by model id, revision and quantisation. A conversion is written to a temporary
folder next to its final place, marked complete, and renamed into place, so a crash never leaves a folder
that looks usable; a file lock makes concurrent processes wait for one conversion instead of racing.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from ringkas.models.hub import ModelRef

log = logging.getLogger(__name__)

COMPLETE_MARKER = "ringkas-ct2.json"


def default_ct2_cache() -> Path:
    """``ct2`` under the ringkas cache folder (``$RINGKAS_CACHE``, else ``$XDG_CACHE_HOME/ringkas``)."""
    from ringkas.paths import ringkas_cache_root

    return ringkas_cache_root() / "ct2"


def conversion_folder(cache: Path, ref: ModelRef, revision: str, quantization: str) -> Path:
    """The cache folder for one (model, revision, quantisation): a readable name plus a hash of the key."""
    digest = hashlib.sha1(f"{ref.location}\n{revision}\n{quantization}".encode()).hexdigest()[:12]
    readable = re.sub(r"[^A-Za-z0-9._-]+", "--", Path(ref.name).name if ref.is_local else ref.name).strip("-")
    return Path(cache) / f"{readable}-{quantization}-{digest}"


def is_complete(folder: Path) -> bool:
    return (folder / COMPLETE_MARKER).is_file() and (folder / "model.bin").is_file()


def ensure_converted(ref: ModelRef, revision: str, quantization: str, cache: Path | None = None) -> Path:
    """The converted model's folder, converting first if no complete conversion is cached."""
    folder = conversion_folder(cache or default_ct2_cache(), ref, revision, quantization)
    if is_complete(folder):
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _locked(folder.with_name(folder.name + ".lock")):
        if is_complete(folder):  # another process converted it while we waited
            return folder
        _remove_leftovers(folder)
        tmp = folder.with_name(f".{folder.name}.tmp-{os.getpid()}")
        log.info("converting %s to CTranslate2 (%s) into %s", ref.name, quantization, folder)
        _convert(ref, tmp, quantization)
        marker = {"model": ref.name, "revision": revision, "quantization": quantization,
                  "ctranslate2": _ct2_version()}
        (tmp / COMPLETE_MARKER).write_text(json.dumps(marker, indent=2), "utf-8")
        os.rename(tmp, folder)
    return folder


def _convert(ref: ModelRef, out: Path, quantization: str) -> None:
    from ctranslate2.converters import TransformersConverter

    register_normalize_before_defaults()
    converter = TransformersConverter(
        ref.location,
        revision=ref.revision if not ref.is_local else None,
        trust_remote_code=ref.trust_remote_code,
        low_cpu_mem_usage=True,
    )
    try:
        converter.convert(str(out), quantization=quantization, force=True)
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise


# Architecture flags CTranslate2 4.x's BART-family loaders read from the config without a default. Hub
# BART/mBART/PEGASUS configs saved by recent transformers lack them and fail with "'BartConfig' object has
# no attribute 'normalize_before'" (OpenNMT/CTranslate2#888); PEGASUS also has no embedding layer norm.
CONFIG_DEFAULTS = {
    "BartConfig": {"normalize_before": False},
    "MBartConfig": {"normalize_before": True},
    "PegasusConfig": {"normalize_before": True, "normalize_embedding": False},
}


def register_normalize_before_defaults() -> None:
    """Re-register the BART-family loaders as subclasses that fill in the flags a config lacks."""
    from ctranslate2.converters import transformers as loaders

    for config_name, defaults in CONFIG_DEFAULTS.items():
        current = loaders._MODEL_LOADERS.get(config_name)
        if current is None or getattr(current, "fills_config_defaults", False):
            continue

        def get_model_spec(self, model, _defaults=defaults, _base=type(current)):
            for key, value in _defaults.items():
                if not hasattr(model.config, key):
                    setattr(model.config, key, value)
            return _base.get_model_spec(self, model)

        subclass = type(f"Ringkas{type(current).__name__}", (type(current),),
                        {"get_model_spec": get_model_spec, "fills_config_defaults": True})
        loaders.register_loader(config_name)(subclass)


def convertible(config: object) -> bool:
    """Whether CTranslate2 is installed and converts this model (its ``model_type``; decided without
    importing the converter, which imports torch: :mod:`ringkas.models.architectures`)."""
    from ringkas.models.architectures import ct2_converts

    return ct2_converts(config)


def _remove_leftovers(folder: Path) -> None:
    """Drop an unmarked final folder and temporary folders of crashed conversions (we hold the lock)."""
    if folder.exists():
        log.warning("ignoring incomplete CTranslate2 conversion at %s", folder)
        shutil.rmtree(folder)
    for stale in folder.parent.glob(f".{folder.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _ct2_version() -> str:
    import ctranslate2

    return ctranslate2.__version__
