"""WARC archives (``.warc``, ``.warc.gz``; Common Crawl's CC-NEWS): the HTML pages they captured.

Read record by record with warcio as a stream (a 1 GB archive costs one page of memory), from a local path
or a URL (``s3://``, ``gs://``, ``https://``; see :mod:`ringkas.readers.remote`). Only a ``response``
record whose HTTP status is 2xx and whose content type is HTML becomes an article: requests, metadata,
revisits, redirects (3xx), errors and non-HTML payloads (images, PDFs, robots.txt) are not articles and are
passed over, the way a folder reader passes over files that are not pages. Which language a page is in is
the cleaner's business (its language filter keeps the Indonesian ones).

An article's ``id`` and ``url`` are the record's ``WARC-Target-URI``, ``published`` its ``WARC-Date``
(when the page was captured: CC-NEWS captures articles within hours of publication), ``source`` the host;
``metadata["warc"]`` keeps the record id, date, content type and charset, ``metadata["origin"]`` the file
and the record's byte offset in it. A page body over ``max_record_bytes`` is a ``too_long`` reject, a
damaged or truncated archive ends with one ``corrupt_file`` reject (what came before it is kept): a record
cut short (fewer bytes than its Content-Length, a gzip member that stops early) counts, whatever its type.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

from ringkas.readers.base import DEFAULT_MAX_RECORD_BYTES, make_article, rejected, url_host
from ringkas.record import Article
from ringkas.registry import require

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str | Path, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
              storage_options: Mapping[str, Any] | None = None, **_: Any) -> Iterator[Article]:
    """Articles from the HTML responses of one WARC file (plain or gzipped, local or a URL)."""
    archive = require("warcio.archiveiterator", "the WARC reader", "pip install warcio")
    with closing(_open(path, storage_options)) as handle:
        head = handle.read(5)
        handle.seek(0)
        if head and not head.startswith((b"\x1f\x8b", b"WARC/")):  # warcio would skip it all, warning
            yield rejected({"file": str(path), "offset": 0}, "corrupt_file",
                           f"not a WARC file: it starts with {head!r}, not WARC/ or gzip's magic bytes")
            return
        records = archive.ArchiveIterator(handle)
        offset = 0
        while True:
            try:
                record = next(records, None)
                if record is None:
                    break
                page = _is_html_page(record)
                body = _read_up_to(record.content_stream(), max_record_bytes + 1) if page else b""
                offset = records.get_record_offset()  # (reads the record to its end: after the body)
                damage = _cut_short(records, record)
            except Exception as exc:  # whatever warcio meets in a damaged archive (it raises many types)
                yield rejected({"file": str(path), "offset": offset}, "corrupt_file",
                               f"{type(exc).__name__} after the record at byte {offset}: {exc}; the rest is unread")
                return
            if damage:  # warcio hands a cut record over as if whole, and ends there: never a silent loss
                url = record.rec_headers.get_header("WARC-Target-URI")
                yield rejected({"file": str(path), "offset": offset}, "corrupt_file",
                               f"the {record.rec_type or 'WARC'} record at byte {offset}"
                               f"{f' ({url})' if url else ''} {damage}; the rest is unread", url if page else None)
                return
            if page:
                yield _article(record, body, {"file": str(path), "offset": offset}, max_record_bytes)
        end = records.offset  # where the last whole record ended
        left = _bytes_after(handle, end)
        if left:  # warcio stops quietly at a record it cannot begin (a cut header, a cut gzip member)
            yield rejected({"file": str(path), "offset": end}, "corrupt_file",
                           f"{left} bytes after the last whole record (at byte {end}) could not be read as a "
                           "record: the archive is cut short or damaged there; the rest is unread")


def _cut_short(records: Any, record: Any) -> str | None:
    """Why a record read to its end is incomplete, or None: fewer bytes than its ``Content-Length`` (a file
    cut in the middle of a record), or a gzip member that stops before its end (a ``.warc.gz`` cut or
    damaged inside a member, which warcio reads as far as it can and takes for the end of the archive)."""
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    if record.format.startswith("warc") and not declared.isdigit():  # every WARC record states one
        return f"has no Content-Length but {declared[:20]!r} (its header is cut short or damaged)"
    missing = getattr(record.raw_stream, "limit", 0)
    if isinstance(missing, int) and missing > 0:
        return f"is cut short: {missing} of its Content-Length bytes are missing"
    decompressor = getattr(records.reader, "decompressor", None)
    if decompressor is not None and not decompressor.eof:
        return "is cut short: its gzip member ends before the end of its compressed data"
    return None


def _bytes_after(handle: Any, end: int) -> int:
    """How many bytes the file holds after ``end`` that are not blank lines (0 for a whole archive)."""
    try:
        handle.seek(end)
        left = len(handle.read(1 << 16).strip(b"\r\n"))
        while part := handle.read(1 << 20):  # counted in blocks: a damaged 1 GB archive is not held
            left += len(part)
    except (OSError, ValueError):  # a stream that cannot go back: nothing to check against
        return 0
    return left


def _open(path: str | Path, storage_options: Mapping[str, Any] | None) -> Any:
    from ringkas.readers.remote import is_remote, open_remote

    if is_remote(path):
        return open_remote(str(path), storage_options)
    return open(path, "rb")  # warcio finds out itself whether the records are gzipped


def _is_html_page(record: Any) -> bool:
    """A captured page: a ``response`` record with a 2xx HTTP status and an HTML content type."""
    if record.rec_type != "response" or record.http_headers is None:
        return False  # request, metadata, revisit, warcinfo; a dns: response has no HTTP headers
    status = record.http_headers.get_statuscode() or ""
    if not (status.isdigit() and 200 <= int(status) < 300):
        return False  # a redirect (3xx) or an error page
    return media_type(record) in HTML_TYPES


def media_type(record: Any) -> str:
    """The payload's media type: the HTTP Content-Type, else what the crawler identified."""
    declared = record.http_headers.get_header("Content-Type") or \
        record.rec_headers.get_header("WARC-Identified-Payload-Type") or ""
    return declared.split(";", 1)[0].strip().lower()


def _read_up_to(stream: Any, limit: int) -> bytes:
    """Up to ``limit`` bytes (a buffered reader's ``read(n)`` may stop at its buffer's end)."""
    parts, size = [], 0
    while size < limit:
        part = stream.read(min(limit - size, 1 << 16))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def _article(record: Any, body: bytes, origin: dict[str, Any], max_record_bytes: int) -> Article:
    from ringkas.text.charset import decode_page

    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI") or ""
    if len(body) > max_record_bytes:
        return rejected(origin, "too_long", f"page of over {max_record_bytes} bytes", url or None)
    content_type = record.http_headers.get_header("Content-Type") or ""
    html, charset, _ = decode_page(body, content_type)
    warc = {"record_id": headers.get_header("WARC-Record-ID"), "date": headers.get_header("WARC-Date"),
            "content_type": media_type(record), "charset": charset}
    fields = {"id": url or None, "url": url or None, "html": html, "published": warc["date"],
              "source": url_host(url), "metadata": {"warc": warc}}
    return make_article(fields, origin)
