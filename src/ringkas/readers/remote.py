"""Inputs that live elsewhere: ``s3://``, ``gs://``, ``https://`` (any fsspec URL), opened as streams.

A local path stays a :class:`~pathlib.Path` everywhere; a URL is kept as a string (``Path`` would fold
``s3://`` into ``s3:/``). fsspec and the filesystem package of each scheme are optional: ``pip install
'ringkas[cloud]'`` brings fsspec, s3fs and gcsfs (``https://`` needs aiohttp, which s3fs brings).
``storage_options`` go to fsspec unchanged (``{"anon": true}``, ``{"client_kwargs": {"endpoint_url":
...}}``); S3 credentials and endpoint also come from the usual ``AWS_*`` variables.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from ringkas.errors import InputError

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_PACKAGES = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "http": "aiohttp", "https": "aiohttp"}


def is_remote(path: str | Path) -> bool:
    """Whether ``path`` is a URL (``file://`` is not remote: it is read like a local path)."""
    text = str(path)
    return bool(_URL.match(text)) and not text.lower().startswith("file://")


def url_suffixes(path: str) -> list[str]:
    """The file-name suffixes of a URL's path (``.warc.gz`` -> ``[".warc", ".gz"]``), query left out."""
    name = path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return [s.lower() for s in Path(name).suffixes]


def _filesystem(url: str, storage_options: Mapping[str, Any] | None) -> tuple[Any, str]:
    """fsspec's filesystem for ``url`` and the path inside it; a missing package is a message."""
    scheme = url.split("://", 1)[0].lower()
    try:
        import fsspec
        from fsspec.core import url_to_fs
    except ImportError:
        raise InputError(f"{url}: reading URLs needs fsspec: pip install 'ringkas[cloud]'") from None
    try:
        return url_to_fs(url, **dict(storage_options or {}))
    except ImportError as exc:
        package = _PACKAGES.get(scheme, f"the fsspec package for {scheme}://")
        raise InputError(f"{url}: reading {scheme}:// needs {package} ({exc}): pip install "
                          "'ringkas[cloud]'") from None
    except ValueError as exc:  # an unknown protocol
        known = ", ".join(sorted(p for p in fsspec.available_protocols() if len(p) < 6))
        raise InputError(f"{url}: {exc} (fsspec knows {known})") from None


def open_remote(url: str, storage_options: Mapping[str, Any] | None = None) -> BinaryIO:
    """A streaming binary handle on ``url`` (read in blocks; never downloaded whole first)."""
    fs, inner = _filesystem(url, storage_options)
    try:
        return fs.open(inner, "rb")
    except (OSError, ValueError) as exc:  # FileNotFoundError, PermissionError, a server's refusal
        raise InputError(f"{url}: cannot open ({type(exc).__name__}: {exc})") from None


def remote_exists(url: str, storage_options: Mapping[str, Any] | None = None) -> bool:
    fs, inner = _filesystem(url, storage_options)
    try:
        return bool(fs.exists(inner))
    except (OSError, ValueError):
        return False


def expand_remote(pattern: str, storage_options: Mapping[str, Any] | None = None) -> list[str]:
    """The URLs a pattern with ``*``/``?``/``[`` matches, sorted (a URL without them: itself)."""
    if not any(c in pattern.split("://", 1)[1] for c in "*?["):
        return [pattern]
    fs, inner = _filesystem(pattern, storage_options)
    scheme = pattern.split("://", 1)[0]
    return sorted(f"{scheme}://{match}" for match in fs.glob(inner))


def remote_digest(url: str, storage_options: Mapping[str, Any] | None = None) -> str:
    """What identifies a remote file's content without reading it: its ETag (or size and modification
    time), as the server states it; ``missing`` when it cannot be found."""
    fs, inner = _filesystem(url, storage_options)
    try:
        info = fs.info(inner)
    except (OSError, ValueError):
        return "missing"
    for key in ("ETag", "etag", "md5Hash", "crc32c"):
        if info.get(key):
            return f"{key.lower()}:{str(info[key]).strip(chr(34))}"
    stamp = info.get("LastModified") or info.get("mtime") or info.get("updated") or ""
    return f"size:{info.get('size')}:{stamp}"
