"""Readers: every input format becomes a stream of :class:`~ringkas.record.Article`.

``read_articles(path, format=None, **options)`` is the one entry point. The format comes from the file
extension (``.jsonl.gz``/``.csv.gz`` are read through gzip; a folder means a folder of
``.html``/``.htm``/``.txt`` files) unless ``format`` names one of
:data:`READERS`. Readers stream: memory stays bounded by one record (capped by ``max_record_bytes``) or one
Parquet batch. Every input record comes out as an Article; an input that cannot be one is a rejected
Article (stage ``read``) whose ``metadata["origin"]`` names the file and line (or row, entry), so
accepted + rejected = read.

Options every reader understands (others are ignored): ``columns`` (ringkas field -> the input's field
name, for JSONL, CSV, Parquet and datasets), ``max_record_bytes``; ``split``/``name``/``revision`` for
``hf``; ``batch_size`` for Parquet; ``delimiter`` for CSV.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ringkas.errors import InputError
from ringkas.record import Article
from ringkas.registry import Registry, RegistryError

READERS = Registry("reader", {
    "jsonl": "ringkas.readers.jsonl:read_jsonl",
    "csv": "ringkas.readers.csv:read_csv",
    "parquet": "ringkas.readers.parquet:read_parquet",
    "folder": "ringkas.readers.folder:read_folder",
    "feed": "ringkas.readers.feed:read_feed",
    "hf": "ringkas.readers.hf:read_hf",
})

EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}


def detect_format(path: str | Path) -> str:
    """The reader for ``path`` from its extension; a folder is ``folder``."""
    path = Path(path)
    if path.is_dir():
        return "folder"
    suffix = path.suffix.lower()
    if suffix == ".gz" and Path(path.stem).suffix.lower() in (".jsonl", ".ndjson", ".csv"):
        return EXTENSIONS[Path(path.stem).suffix.lower()]  # read through gzip
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if suffix in (".html", ".htm", ".txt"):
        return "folder"  # a single article file reads like a folder of one
    raise InputError(
        f"{path}: cannot tell the format from {suffix or 'no extension'!r}; pass --format "
        f"({', '.join(READERS.names())})"
    )


def read_articles(path: str | Path, format: str | None = None, **options: Any) -> Iterator[Article]:
    """Stream Articles from ``path`` in the given (or detected) format; see the module docstring."""
    if format is None:
        format = detect_format(path)
    try:
        reader = READERS.get(format)
    except RegistryError as exc:
        raise InputError(str(exc)) from None
    if format != "hf" and not Path(path).exists():
        raise InputError(f"{path}: no such file or folder")
    options = {k: v for k, v in options.items() if v is not None}
    return reader(Path(path) if format != "hf" else path, **options)


__all__ = ["READERS", "detect_format", "read_articles"]
