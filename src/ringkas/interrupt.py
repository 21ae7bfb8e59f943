"""SIGTERM handled as Ctrl-C is: what cron, systemd and Kubernetes send to stop a job.

Inside :func:`sigterm_interrupts`, SIGTERM raises :class:`Terminated`, a ``KeyboardInterrupt``, so every
path that stops cleanly on Ctrl-C (a job abandons its unit, releases its lock and keeps what it committed;
a fetch lets its workers finish their page) does the same on SIGTERM. The command then exits 143 (128 + 15),
as a process killed by SIGTERM would report.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

EXIT_TERMINATED = 128 + signal.SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived."""


def _raise_terminated(signum: int, frame: Any) -> None:
    raise Terminated()


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` in the main thread while this is open; the previous handler comes
    back afterwards (a command run in-process, as tests do, leaves the caller's handler as it was)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set a handler; elsewhere SIGTERM keeps its meaning
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
