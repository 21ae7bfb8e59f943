"""A Hugging Face dataset through ``datasets``: a hub name (from the local cache when offline) or local
data files (``.jsonl``/``.json``/``.csv``/``.parquet``, or a folder of them), streamed row by row."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ringkas.errors import InputError
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
    try:
        if local.is_file():
            builder = _BUILDERS.get(local.suffix.lower())
            if builder is None:
                raise InputError(f"{local}: cannot read {local.suffix!r} files as a dataset")
            stream = datasets.load_dataset(builder, data_files={split: str(local)}, split=split, streaming=True)
        else:
            stream = datasets.load_dataset(str(path), name, split=split, revision=revision, streaming=True)
    except InputError:
        raise
    except Exception as exc:  # datasets raises many types (FileNotFoundError, DatasetNotFoundError ...)
        raise InputError(f"cannot open dataset {label!r} (split {split!r}): {exc}") from exc
    for row, record in enumerate(stream, start=1):
        yield make_article(record, {"dataset": label, "split": split, "row": row}, columns)
