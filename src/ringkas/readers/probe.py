"""Checks on an input before any work: a path that names something, and records that are its format.

A file that is not its format (a README given to ``translate``, a Parquet file read as JSONL) would
otherwise "succeed" with every line rejected. Its first records are read ahead: when not one of them could
be read, the command stops with one message (exit 2) before it opens an output or loads a model. A file
with some bad lines among good ones is read as usual, each bad line a reject.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ringkas.errors import InputError
from ringkas.record import Article

PROBE_RECORDS = 16  # how many records are read ahead; all of them unreadable means the wrong format
# a record per line, row or archive record (a file that is not a WARC is one corrupt_file reject, so none of its
# records can be read); a feed or a folder is probed no further
RECORD_FORMATS = ("jsonl", "csv", "parquet", "warc")


def check_input_path(path: str | Path | None, what: str = "input") -> None:
    """Refuse an empty path (``""`` reads as the working folder, ``.venv`` and all)."""
    if path is None or not str(path).strip():
        raise InputError(f"the {what} path is empty: name a file or folder")


def readable_records(records: Iterable[Article], path: str | Path, what: str = "records") -> Iterator[Article]:
    """``records`` as they are, once the first :data:`PROBE_RECORDS` have shown that at least one of them
    could be read; raises :class:`InputError` (exit 2) now, before any work, when none could."""
    from ringkas.errors import RingkasError

    records = iter(records)
    ahead: list[Article] = []
    try:
        for article in records:
            ahead.append(article)
            if len(ahead) == PROBE_RECORDS:
                break
    except RingkasError:
        raise  # could not start: the reader's own message
    except Exception as exc:  # noqa: BLE001 - a failure part-way is met where the reading reaches it
        return itertools.chain(ahead, _raise(exc))
    if ahead and all(a.rejected and a.rejection.stage == "read" for a in ahead):
        reasons = Counter(a.rejection.reason for a in ahead)
        detail = ", ".join(f"{reason} {n}" for reason, n in reasons.most_common())
        first = ahead[0].rejection.detail
        raise InputError(f"{path} does not hold {what}: none of its first {len(ahead)} records could be read "
                         f"({detail}{'; first: ' + first[:120] if first else ''}); is it the right file "
                         "and format?")
    return itertools.chain(ahead, records)


def _raise(exc: Exception) -> Iterator[Article]:
    raise exc
    yield  # noqa: unreachable - makes this a generator, so the error comes when the reading gets here
