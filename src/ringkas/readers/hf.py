"""A Hugging Face dataset through ``datasets``: a hub name or local data files (``.jsonl``/``.json``/
``.csv``/``.parquet``, or a folder of them), row by row.

A hub name is read from the local cache without touching the network, unless the user asks for the hub:
an input reader that downloads by itself would make a batch job's result depend on the network, and would
contact the hub for a name that was only mistyped. ``HF_HUB_OFFLINE=0`` in the environment allows the hub
(the dataset is then streamed from it); unset or ``1``, the dataset comes from the cache (``HF_HOME``), and
when it is not there the message says how to go online.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ringkas.errors import InputError
from ringkas.readers.base import make_article
from ringkas.record import Article
from ringkas.registry import require

_BUILDERS = {".jsonl": "json", ".json": "json", ".csv": "csv", ".parquet": "parquet"}
_ONLINE_VALUES = ("0", "false", "no", "off")


def hub_allowed() -> bool:
    """Whether the user asked for the hub: ``HF_HUB_OFFLINE`` set to 0 (false, no, off)."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in _ONLINE_VALUES


def read_hf(path: str | Path, columns: Mapping[str, str] | None = None, split: str = "train",
            name: str | None = None, revision: str | None = None, **_: Any) -> Iterator[Article]:
    """Articles from one split of a dataset. ``columns`` maps ringkas fields to dataset columns
    (``{"text": "content", "title": "judul"}``)."""
    datasets = require("datasets", "the Hugging Face dataset reader", "pip install datasets")
    label = str(path)
    local = Path(path)
    try:
        if local.exists():
            stream = _open_local(datasets, local, split)
        elif hub_allowed():
            stream = datasets.load_dataset(str(path), name, split=split, revision=revision, streaming=True)
        else:
            with _offline(datasets):
                stream = datasets.load_dataset(str(path), name, split=split, revision=revision)
    except InputError:
        raise
    except Exception as exc:  # datasets raises many types (FileNotFoundError, DatasetNotFoundError ...)
        raise InputError(_not_opened(label, split, local.exists(), exc)) from exc
    for row, record in enumerate(stream, start=1):
        yield make_article(record, {"dataset": label, "split": split, "row": row}, columns)


def _open_local(datasets: Any, local: Path, split: str) -> Any:
    if local.is_dir():
        return datasets.load_dataset(str(local), split=split, streaming=True)
    builder = _BUILDERS.get(local.suffix.lower())
    if builder is None:
        raise InputError(f"{local}: cannot read {local.suffix!r} files as a dataset")
    return datasets.load_dataset(builder, data_files={split: str(local)}, split=split, streaming=True)


def _not_opened(label: str, split: str, is_local: bool, exc: Exception) -> str:
    message = f"cannot open dataset {label!r} (split {split!r}): {exc}"
    if is_local or hub_allowed():
        return message
    cache = os.environ.get("HF_HOME") or "~/.cache/huggingface"
    return (f"{message}\nringkas looked only in the local Hugging Face cache ({cache}): it reads hub datasets "
            f"without the network unless told otherwise. To fetch {label!r} from the hub, run again with "
            "HF_HUB_OFFLINE=0 in the environment (or load it once with `datasets` on a connected machine that "
            "shares this HF_HOME).")


@contextlib.contextmanager
def _offline(datasets: Any) -> Iterator[None]:
    """``datasets`` and ``huggingface_hub`` offline for one call (both read the setting once, at import)."""
    import huggingface_hub.constants as hub_constants

    saved = datasets.config.HF_HUB_OFFLINE, hub_constants.HF_HUB_OFFLINE
    datasets.config.HF_HUB_OFFLINE = hub_constants.HF_HUB_OFFLINE = True
    try:
        yield
    finally:
        datasets.config.HF_HUB_OFFLINE, hub_constants.HF_HUB_OFFLINE = saved
