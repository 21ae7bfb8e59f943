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
``hf``; ``batch_size`` for Parquet; ``delimiter`` for CSV; ``storage_options`` (fsspec's) for ``warc``,
which also reads URLs (``s3://``, ``gs://``, ``https://``).
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
    "warc": "ringkas.readers.warc:read_warc",
    "ringkas": "ringkas.readers.ringkas:read_ringkas_jsonl",  # what a ringkas command or job wrote
})

EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".warc": "warc",
}
# Formats whose reader takes a URL (s3://, gs://, https://) as well as a local path.
REMOTE_FORMATS = ("warc",)


def detect_format(path: str | Path) -> str:
    """The reader for ``path`` from its extension; a folder is ``folder``."""
    from ringkas.readers.remote import is_remote, url_suffixes

    if is_remote(path):
        suffixes = url_suffixes(str(path))
    else:
        path = Path(path)
        if path.is_dir():
            return "folder"
        suffixes = [s.lower() for s in path.suffixes]
    suffix = suffixes[-1] if suffixes else ""
    if suffix == ".gz" and len(suffixes) > 1 and suffixes[-2] in (".jsonl", ".ndjson", ".csv", ".warc"):
        return EXTENSIONS[suffixes[-2]]  # read through gzip
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
    options = {k: v for k, v in options.items() if v is not None}
    from ringkas.readers.remote import is_remote

    if format == "hf":
        return reader(path, **options)
    if is_remote(path):
        if format not in REMOTE_FORMATS:
            raise InputError(f"{path}: the {format} reader reads local files; URLs are read by "
                             f"{', '.join(REMOTE_FORMATS)} (download the file first)")
        return reader(str(path), **options)
    if not Path(path).exists():
        raise InputError(f"{path}: no such file or folder")
    return reader(Path(path), **options)


__all__ = ["READERS", "REMOTE_FORMATS", "detect_format", "read_articles"]
