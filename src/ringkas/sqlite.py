"""SQLite files that several processes share (the translation and vector caches, the fetch state): WAL mode,
a busy timeout, autocommit unless a transaction is begun explicitly; :class:`SharedCache` the caches' base."""

from __future__ import annotations

import hashlib
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


_MAX_VARS = 500  # SQLite's host-parameter limit is 999 on older builds


class SharedCache:
    """A keyed cache in one SQLite table that concurrent processes share (the translation cache, the vector
    cache). Opened lazily, so an object built in one process can be used in a forked one; :meth:`check`
    opens, reads and tries a write at once, so a broken cache stops a job before any work (exit 2) instead
    of turning every record into a reject. A subclass names its ``table`` (its first column ``key``), the
    ``schema`` that makes it, and what the refusal calls it and tells the user to do."""

    table: str
    schema: str
    what: str     # "translation cache"
    remedy: str   # what to do when it cannot be used

    def __init__(self, path: Path, timeout_s: float = 60.0):
        self.path = Path(path)
        self._timeout = timeout_s
        self._conn: sqlite3.Connection | None = None

    def check(self):  # -> the cache itself
        """Open the cache, read it and try a write now; a :class:`ConfigError` if it cannot be used. Closes
        it again (a forked worker reopens)."""
        from ringkas.errors import ConfigError

        problem = None
        if self.path.is_dir():
            problem = "it is a folder, not a file"
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = self._db()
                db.execute(f"SELECT key FROM {self.table} LIMIT 1").fetchall()  # a truncated file fails here
                db.execute("BEGIN IMMEDIATE")  # takes the write lock: fails on a read-only file or folder
                db.execute("ROLLBACK")
            except (OSError, sqlite3.Error) as exc:
                problem = str(exc)
            finally:
                self.close()
        if problem:
            raise ConfigError(f"the {self.what} {self.path} cannot be used ({problem}): {self.remedy}")
        return self

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = open_shared(self.path, [self.schema], self._timeout)
        return self._conn

    @staticmethod
    def hash_key(*parts: str) -> str:
        return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def select(self, columns: str, keys: list[str]) -> Iterator[tuple]:
        """Rows ``(key, *columns)`` for those of ``keys`` that are stored, in batches SQLite accepts."""
        for start in range(0, len(keys), _MAX_VARS):
            part = keys[start : start + _MAX_VARS]
            yield from self._db().execute(
                f"SELECT key, {columns} FROM {self.table} WHERE key IN ({','.join('?' * len(part))})", part)

    def insert(self, rows: list[tuple]) -> None:
        """Insert or replace ``rows`` (whole rows, ``key`` first) in one write transaction: two processes
        writing the same key is harmless."""
        if not rows:
            return
        with write_transaction(self._db()) as db:
            db.executemany(f"INSERT OR REPLACE INTO {self.table} VALUES ({', '.join('?' * len(rows[0]))})", rows)

    def __len__(self) -> int:
        return self._db().execute(f"SELECT COUNT(*) FROM {self.table}").fetchone()[0]

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
