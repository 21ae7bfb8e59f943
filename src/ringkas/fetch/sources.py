"""What a SOURCE argument names: a feed URL, a local OPML file of feeds, a local feed file, or a local text
file of article URLs (one per line, ``#`` comments)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ringkas.errors import InputError

_XML_STARTS = (b"<?xml", b"<rss", b"<feed", b"<rdf", b"<opml")


@dataclass
class Sources:
    feeds: list[str] = field(default_factory=list)          # feed URLs, in the order given
    feed_files: list[Path] = field(default_factory=list)    # local RSS/Atom files
    url_lists: dict[str, list[str]] = field(default_factory=dict)  # list file -> its URLs

    def origins(self) -> list[str]:
        return [*self.feeds, *map(str, self.feed_files), *self.url_lists]


def expand_sources(arguments: list[str]) -> Sources:
    """Sort the arguments into feeds and URL lists; a local file that cannot be read stops here (exit 2)."""
    if not arguments:
        raise InputError("no SOURCE given: pass feed URLs, OPML files or files of article URLs")
    sources = Sources()
    for argument in arguments:
        if "://" in argument:
            _add_once(sources.feeds, argument.strip())
            continue
        path = Path(argument).expanduser()
        if not path.is_file():
            raise InputError(f"{argument}: no such file (a SOURCE is a feed URL, an OPML file or a file of URLs)")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{argument}: cannot be read: {exc}") from None
        head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if path.suffix.lower() == ".opml" or head.startswith(b"<opml") or b"<opml" in head:
            for feed in opml_feeds(data, argument):
                _add_once(sources.feeds, feed)
        elif head.startswith(_XML_STARTS):
            sources.feed_files.append(path)
        else:
            sources.url_lists[str(path)] = url_lines(data, argument)
    return sources


def opml_feeds(data: bytes, name: str) -> list[str]:
    """The ``xmlUrl`` of every ``<outline>``, nested folders included, parsed without entity expansion."""
    import defusedxml.ElementTree as SafeTree

    from ringkas.readers.feed import unsafe_xml

    unsafe = unsafe_xml(data)
    if unsafe:
        raise InputError(f"{name}: {unsafe}")
    try:
        root = SafeTree.fromstring(data)
    except Exception as exc:  # ParseError and defusedxml's refusals
        raise InputError(f"{name}: not a readable OPML file: {exc}") from None
    feeds = []
    for outline in root.iter("outline"):
        url = next((v for k, v in outline.attrib.items() if k.lower() == "xmlurl"), None)
        if url and url.strip():
            feeds.append(url.strip())
    if not feeds:
        raise InputError(f"{name}: an OPML file with no <outline xmlUrl=...> feeds")
    return feeds


def url_lines(data: bytes, name: str) -> list[str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: a URL list must be UTF-8 text ({exc})") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _add_once(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)
