"""SQLite files that several processes share (the translation cache, the fetch state): WAL mode, a busy
timeout, autocommit unless a transaction is begun explicitly."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


def open_shared(path: Path, schema: Iterable[str], timeout_s: float = 60.0) -> sqlite3.Connection:
    """Open (creating) ``path`` in WAL mode and run the ``schema`` statements.

    Switching a new database to WAL can fail with "database is locked" at once, without waiting for the busy
    timeout, while another process does the same: that set-up is retried until the timeout.
    """
    deadline = time.monotonic() + timeout_s
    delay = 0.01
    while True:
        conn = sqlite3.connect(path, timeout=timeout_s, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            for statement in schema:
                conn.execute(statement)
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(2 * delay, 0.5)


@contextmanager
def write_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken at once (``BEGIN IMMEDIATE``: no upgrade deadlock between processes),
    committed when the block ends and rolled back when it raises."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
