"""The fetch state: a SQLite file (WAL) that remembers each feed's validators and every article URL.

A page goes ``pending`` (listed by a feed or a URL list) -> ``claimed`` (a process is fetching it) ->
``done`` (its line is on disk in that process's output) or ``failed`` (tried ``attempts`` times; tried again
on a later run until ``max_attempts``). A claim names its process and the pages file it writes to; a claim
whose process has died (a kill) or that is older than the lease is free to take, unless that pages file
already holds the page (a kill between the write and the mark), so several processes share one state file
without fetching a page twice, and a killed run's pages are fetched by the next, into any pages file.

A feed's new entries and its new validators are written in one transaction, so a run killed after a feed
answered 200 still has those entries pending when the rerun gets 304.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ringkas.sqlite import write_transaction

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS feeds (
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, title TEXT, checked_at REAL)""",
    """CREATE TABLE IF NOT EXISTS pages (
        url TEXT PRIMARY KEY, link TEXT NOT NULL, origin TEXT NOT NULL, title TEXT, published TEXT,
        source TEXT, status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
        reason TEXT, claimed_by TEXT, claimed_at REAL, claimed_for TEXT, updated_at REAL)""",
    "CREATE INDEX IF NOT EXISTS pages_by_origin ON pages (origin, status)",
)
LEASE_S = 3600.0  # a claim older than this is taken over even if its process still seems alive


@dataclass(frozen=True)
class Page:
    """One article URL to fetch: ``url`` is canonical (the id), ``link`` as the feed gave it."""

    url: str
    link: str
    origin: str              # the feed URL, or the URL list's path
    title: str | None = None
    published: str | None = None
    source: str | None = None
    attempts: int = 0


class FetchState:
    """Thread-safe: each thread gets its own connection."""

    def __init__(self, path: Path, timeout_s: float = 60.0, output: Path | None = None):
        self.path = Path(path)
        self.output = str(Path(output).resolve()) if output is not None else None  # where claims are written
        self._timeout = timeout_s
        self._local = threading.local()
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db()  # open now: a state file that cannot be used stops the run before any request

    def _db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            from ringkas.sqlite import open_shared

            conn = self._local.conn = open_shared(self.path, _SCHEMA, self._timeout)
        return conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``ringkas.sqlite.write_transaction``)."""
        with write_transaction(self._db()) as db:
            yield db

    # --- feeds ---------------------------------------------------------------------------------------------
    def validators(self, feed_url: str) -> tuple[str | None, str | None]:
        row = self._db().execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (feed_url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def record_feed(self, feed_url: str, title: str | None, etag: str | None, last_modified: str | None,
                    pages: Iterable[Page]) -> int:
        """Store the feed's entries (new ones pending) and its validators together; returns new entries."""
        with self._transaction() as db:
            added = _insert_pages(db, pages)
            db.execute("INSERT INTO feeds (url, etag, last_modified, title, checked_at) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                       "last_modified = excluded.last_modified, title = excluded.title, "
                       "checked_at = excluded.checked_at", (feed_url, etag, last_modified, title, time.time()))
        return added

    def add_pages(self, pages: Iterable[Page]) -> int:
        """Pages from a URL list (no feed, no validators)."""
        with self._transaction() as db:
            return _insert_pages(db, pages)

    # --- pages ---------------------------------------------------------------------------------------------
    def to_fetch(self, origins: Iterable[str], max_attempts: int) -> list[Page]:
        """Pages of ``origins`` not done and not given up, in the order they were listed."""
        origins = list(origins)
        if not origins:
            return []
        marks = ",".join("?" * len(origins))
        rows = self._db().execute(
            f"SELECT url, link, origin, title, published, source, attempts FROM pages WHERE origin IN ({marks}) "
            "AND (status IN ('pending', 'claimed') OR (status = 'failed' AND attempts < ?)) ORDER BY rowid",
            (*origins, max_attempts)).fetchall()
        return [Page(*row) for row in rows]

    def count(self, origins: Iterable[str], status: str) -> int:
        origins = list(origins)
        marks = ",".join("?" * len(origins)) or "NULL"
        return self._db().execute(f"SELECT COUNT(*) FROM pages WHERE origin IN ({marks}) AND status = ?",
                                  (*origins, status)).fetchone()[0]

    def claim(self, url: str, max_attempts: int) -> str:
        """Take ``url`` for this process: ``claimed``; ``busy`` when it is done, given up or another live
        process has it; ``written`` when a dead process's pages file already holds it (now marked done)."""
        with self._transaction() as db:
            row = db.execute("SELECT status, attempts, claimed_by, claimed_at, claimed_for FROM pages WHERE url = ?",
                             (url,)).fetchone()
            if row is None:
                return "busy"
            status, attempts, owner, claimed_at, written_to = row
            if status == "claimed" and owner != self.owner:
                if not _claim_is_stale(owner, claimed_at):
                    return "busy"
                if written_to and _holds_page(Path(written_to), url):
                    db.execute("UPDATE pages SET status = 'done', claimed_by = NULL WHERE url = ?", (url,))
                    return "written"
            elif not (status == "pending" or status == "failed" and attempts < max_attempts or status == "claimed"):
                return "busy"
            db.execute("UPDATE pages SET status = 'claimed', claimed_by = ?, claimed_at = ?, claimed_for = ? "
                       "WHERE url = ?", (self.owner, time.time(), self.output, url))
        return "claimed"

    def mark_done(self, urls: Iterable[str]) -> None:
        """``urls`` are written to an output: never fetch them again."""
        with self._transaction() as db:
            db.executemany("UPDATE pages SET status = 'done', reason = NULL, claimed_by = NULL, updated_at = ? "
                           "WHERE url = ?", [(time.time(), url) for url in urls])

    def mark_failed(self, url: str, reason: str) -> None:
        self._db().execute("UPDATE pages SET status = 'failed', attempts = attempts + 1, reason = ?, "
                           "claimed_by = NULL, updated_at = ? WHERE url = ?", (reason, time.time(), url))

    def release(self, url: str) -> None:
        """Give back a claim this process will not use (a limit reached, an interrupted run)."""
        self._db().execute("UPDATE pages SET status = 'pending', claimed_by = NULL WHERE url = ? AND "
                           "status = 'claimed' AND claimed_by = ?", (url, self.owner))

    def release_all(self) -> None:
        self._db().execute("UPDATE pages SET status = 'pending', claimed_by = NULL WHERE status = 'claimed' "
                           "AND claimed_by = ?", (self.owner,))


def _insert_pages(db: sqlite3.Connection, pages: Iterable[Page]) -> int:
    """Add the pages not known yet (a known one keeps its status); returns how many were new."""
    before = db.total_changes
    db.executemany("INSERT OR IGNORE INTO pages (url, link, origin, title, published, source, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [(p.url, p.link, p.origin, p.title, p.published, p.source, time.time()) for p in pages])
    return db.total_changes - before


def _holds_page(path: Path, url: str) -> bool:
    """Whether the pages file ``path`` has a whole line for ``url`` (lines start with their id)."""
    from ringkas.jsonl import dumps

    prefix = ('{"id":' + dumps(url) + ",").encode("utf-8")
    try:
        with open(path, "rb") as handle:
            return any(line.startswith(prefix) and line.endswith(b"\n") for line in handle)
    except OSError:
        return False


def _claim_is_stale(owner: str | None, claimed_at: float | None) -> bool:
    if not owner or claimed_at is None or time.time() - claimed_at > LEASE_S:
        return True
    host, _, rest = owner.partition(":")
    pid_text, _, _token = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False  # another machine's process: only the lease can free it
    pid = int(pid_text)
    if pid == os.getpid():
        return True  # this pid, another token: a dead process whose pid this one reuses
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
