"""An RSS or Atom feed file, one article per entry, parsed without touching the network.

feedparser is given the file's bytes in a stream, never a name it could resolve as a URL. Before it sees
them, a document that declares entities (the "billion laughs" expansion bomb, external entities) rejects the
whole file: news feeds have no reason to declare entities, so refusing them costs nothing. Two checks: a
byte search for ``<!ENTITY`` in the encodings XML allows (it also catches documents too broken to parse,
which feedparser would hand to its lenient parser), then defusedxml on documents that do parse.
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
_WIDE_DECLARATIONS = tuple("<!ENTITY".encode(e) for e in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))


def read_feed(path: Path, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, **_: Any) -> Iterator[Article]:
    """Articles from the entries of a feed file; an unusable file is one rejected Article naming it."""
    origin = {"file": str(path)}
    size = Path(path).stat().st_size
    if size > max_record_bytes:
        yield rejected(origin, "too_long", f"feed of {size} bytes (limit {max_record_bytes})")
        return
    try:
        parsed = parse_feed(Path(path).read_bytes())
    except UnusableFeed as exc:
        yield rejected(origin, exc.reason, str(exc))
        return
    for number, entry in enumerate(parsed.entries, start=1):
        yield make_article(entry_record(entry), {"file": str(path), "entry": number})


class UnusableFeed(ValueError):
    """A feed document that yields no entries: ``reason`` is ``unsafe_xml``, ``malformed_feed`` or
    ``empty_feed``."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


def parse_feed(data: bytes) -> Any:
    """feedparser's result for a feed's bytes (never a name it could fetch); raises :class:`UnusableFeed`
    for a document that declares entities or has no entries. ``ringkas fetch`` parses feeds with it too."""
    unsafe = unsafe_xml(data)
    if unsafe:
        raise UnusableFeed("unsafe_xml", unsafe)
    feedparser = require("feedparser", "the RSS/Atom reader", "pip install feedparser")
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    if not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "no entries")
        raise UnusableFeed("malformed_feed" if parsed.bozo else "empty_feed", detail)
    return parsed


def unsafe_xml(data: bytes) -> str:
    """Why ``data`` must not be parsed as XML, or "" when it is safe (no entity declarations)."""
    if _ENTITY_DECLARATION.search(data) or any(wide in data for wide in _WIDE_DECLARATIONS):
        return "the document declares XML entities (possible entity-expansion bomb); refused"
    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    try:
        SafeTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        return f"the document declares XML entities or external references ({type(exc).__name__}); refused"
    except Exception:  # not well-formed: feedparser's lenient parser copes or reports it
        return ""
    return ""


def entry_record(entry: Any) -> dict[str, Any]:
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
