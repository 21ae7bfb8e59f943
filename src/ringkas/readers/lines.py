"""Reading lines with a cap, so one 50 MB line costs neither 50 MB of memory nor a quadratic scan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

_SKIP_CHUNK = 1 << 20


def bounded_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """Yield ``(line_number, line, size)`` from a binary file; ``line`` is None when over ``max_bytes``.

    An over-long line is skipped in 1 MiB chunks without being kept, and ``size`` reports its length.
    """
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) <= max_bytes or line.endswith(b"\n") and len(line) == max_bytes + 1:
            yield number, line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(_SKIP_CHUNK)
            if not line:
                break
            size += len(line)
        yield number, None, size
