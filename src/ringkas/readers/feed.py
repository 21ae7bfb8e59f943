"""An RSS or Atom feed file, one article per entry, parsed without touching the network.

feedparser is given the file's bytes in a stream, never a name it could resolve as a URL. Before it sees
them, a DOCTYPE that declares entities (the "billion laughs" expansion bomb, external entities) rejects the
whole file: news feeds have no reason to declare entities, so refusing them costs nothing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ringkas.readers.base import DEFAULT_MAX_RECORD_BYTES, make_article, rejected
from ringkas.record import Article
from ringkas.registry import require

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_EXTERNAL_DTD = re.compile(rb"<!DOCTYPE[^>\[]*\b(SYSTEM|PUBLIC)\b", re.IGNORECASE)


def read_feed(path: Path, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, **_: Any) -> Iterator[Article]:
    """Articles from the entries of a feed file; an unusable file is one rejected Article naming it."""
    origin = {"file": str(path)}
    size = Path(path).stat().st_size
    if size > max_record_bytes:
        yield rejected(origin, "too_long", f"feed of {size} bytes (limit {max_record_bytes})")
        return
    data = Path(path).read_bytes()
    unsafe = unsafe_xml(data)
    if unsafe:
        yield rejected(origin, "unsafe_xml", unsafe)
        return
    feedparser = require("feedparser", "the RSS/Atom reader", "pip install feedparser")
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    if not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "no entries")
        yield rejected(origin, "malformed_feed" if parsed.bozo else "empty_feed", detail)
        return
    for number, entry in enumerate(parsed.entries, start=1):
        yield make_article(_entry_record(entry), {"file": str(path), "entry": number})


def unsafe_xml(data: bytes) -> str:
    """Why ``data`` must not be parsed as XML, or "" when it is safe (no entity declarations)."""
    if _ENTITY_DECLARATION.search(data):
        return "the document declares XML entities (possible entity-expansion bomb); refused"
    if _EXTERNAL_DTD.search(data[:4096]) and b"[" in data[:4096]:
        return "the document has an external DTD with an internal subset; refused"
    return ""


def _entry_record(entry: Any) -> dict[str, Any]:
    contents = entry.get("content") or []
    html = next((c.get("value") for c in contents if c.get("value")), None) or entry.get("summary")
    return {
        "id": entry.get("id") or entry.get("link"),
        "title": entry.get("title"),
        "html": html,
        "url": entry.get("link"),
        "published": entry.get("published") or entry.get("updated"),
        "source": entry.get("source", {}).get("title") if entry.get("source") else None,
    }
