"""A Hugging Face dataset through ``datasets``: a hub name or local data files (``.jsonl``/``.json``/
``.csv``/``.parquet``, or a folder of them), row by row.

A hub name follows ringkas's one hub policy (:mod:`ringkas.hub_access`, the same as for models): with
``HF_HUB_OFFLINE`` unset or 0 and the hub answering, the dataset is streamed from the hub; with
``HF_HUB_OFFLINE=1``, or after the one probe found the hub unreachable, it comes from the cache
(``HF_HOME``) without touching the network, and when it is not there the message says why and what to do.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ringkas.errors import InputError
from ringkas.hub_access import datasets_offline_unless_allowed, why_offline
from ringkas.readers.base import make_article
from ringkas.record import Article
from ringkas.registry import require

_BUILDERS = {".jsonl": "json", ".json": "json", ".csv": "csv", ".parquet": "parquet"}


def read_hf(path: str | Path, columns: Mapping[str, str] | None = None, split: str = "train",
            name: str | None = None, revision: str | None = None, **_: Any) -> Iterator[Article]:
    """Articles from one split of a dataset. ``columns`` maps ringkas fields to dataset columns
    (``{"text": "content", "title": "judul"}``)."""
    datasets = require("datasets", "the Hugging Face dataset reader", "pip install datasets")
    label = str(path)
    local = Path(path)
    online = False
    try:
        if local.exists():
            stream = _open_local(datasets, local, split)
        else:
            with datasets_offline_unless_allowed(datasets) as online:
                stream = datasets.load_dataset(str(path), name, split=split, revision=revision, streaming=online)
    except InputError:
        raise
    except Exception as exc:  # datasets raises many types (FileNotFoundError, DatasetNotFoundError ...)
        raise InputError(_not_opened(label, split, local.exists() or online, exc)) from exc
    for row, record in enumerate(stream, start=1):
        yield make_article(record, {"dataset": label, "split": split, "row": row}, columns)


def _open_local(datasets: Any, local: Path, split: str) -> Any:
    if local.is_dir():
        return datasets.load_dataset(str(local), split=split, streaming=True)
    builder = _BUILDERS.get(local.suffix.lower())
    if builder is None:
        raise InputError(f"{local}: cannot read {local.suffix!r} files as a dataset")
    return datasets.load_dataset(builder, data_files={split: str(local)}, split=split, streaming=True)


def _not_opened(label: str, split: str, searched_beyond_cache: bool, exc: Exception) -> str:
    message = f"cannot open dataset {label!r} (split {split!r}): {exc}"
    if searched_beyond_cache:
        return message
    cache = os.environ.get("HF_HOME") or "~/.cache/huggingface"
    return (f"{message}\nringkas looked only in the local Hugging Face cache ({cache}) because {why_offline()}. "
            f"To fetch {label!r} from the hub, run again on a connected machine with HF_HUB_OFFLINE unset (or 0), "
            "or load it once with `datasets` on a connected machine that shares this HF_HOME.")
