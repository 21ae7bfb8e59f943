"""One feed, fetched conditionally: ``If-None-Match``/``If-Modified-Since`` from the state, 304 when nothing
changed, else its entries become pending pages (stored together with the new validators)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from ringkas.fetch.client import FetchFailure
from ringkas.fetch.polite import PoliteFetcher
from ringkas.fetch.state import FetchState, Page
from ringkas.fetch.urls import BadURL, canonical_url, host_of, join_url

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, "
               "text/xml;q=0.8, */*;q=0.1")


@dataclass
class FeedOutcome:
    origin: str
    status: str                      # fetched | not_modified | failed
    new_pages: int = 0
    rejects: list[dict[str, Any]] = field(default_factory=list)


def fetch_feed(fetcher: PoliteFetcher, state: FetchState, feed_url: str) -> FeedOutcome:
    """Fetch ``feed_url`` and store its entries; a failure is one reject for the feed."""
    from ringkas.readers.base import DEFAULT_MAX_RECORD_BYTES

    etag, modified = state.validators(feed_url)
    headers = {"Accept": FEED_ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    try:
        response = fetcher.get(feed_url, headers, max_bytes=DEFAULT_MAX_RECORD_BYTES)
    except FetchFailure as exc:
        return FeedOutcome(feed_url, "failed", rejects=[reject_line(feed_url, feed_url, feed_url, exc.reason,
                                                                    exc.detail, exc.status)])
    if response.status == 304:
        return FeedOutcome(feed_url, "not_modified")
    outcome = store_entries(state, feed_url, response.body, response.final_url,
                            response.headers.get("etag"), response.headers.get("last-modified"))
    return outcome


def read_feed_file(state: FetchState, path: Path) -> FeedOutcome:
    """A local feed file: its entries, with links resolved against nothing (they must be absolute)."""
    return store_entries(state, str(path), path.read_bytes(), "", None, None)


def store_entries(state: FetchState, origin: str, data: bytes, base_url: str, etag: str | None,
                  modified: str | None) -> FeedOutcome:
    from ringkas.readers.feed import UnusableFeed, entry_record, parse_feed

    try:
        parsed = parse_feed(data)
        entries = parsed.entries
        title = (parsed.feed.get("title") or "").strip() or None
    except UnusableFeed as exc:
        if exc.reason != "empty_feed":
            return FeedOutcome(origin, "failed", rejects=[reject_line(origin, origin, origin, exc.reason, str(exc))])
        entries, title = [], None
    pages, rejects = [], []
    for number, entry in enumerate(entries, start=1):
        record = entry_record(entry)
        link = record["url"].strip() if record.get("url") else ""
        try:
            link = join_url(base_url, link) if link else ""
            url = canonical_url(link)
        except BadURL as exc:
            rejects.append(reject_line(link or f"{origin}#{number}", link, origin, exc.reason, str(exc)))
            continue
        pages.append(Page(url, link, origin, _text(record.get("title")), _text(record.get("published")),
                          title or host_of(url)))
    added = state.record_feed(origin, title, etag, modified, pages)
    return FeedOutcome(origin, "fetched", added, rejects)


def reject_line(id_: str, url: str, origin: str, reason: str, detail: str, status: int | None = None) -> dict[str, Any]:
    """One line of the rejects file: an entry (or a feed) that yielded no page, and why."""
    line: dict[str, Any] = {"id": id_, "url": url, "stage": "fetch", "reason": reason}
    if detail:
        line["detail"] = detail[:300]
    if status is not None:
        line["status"] = status
    line["feed"] = origin
    return line


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
