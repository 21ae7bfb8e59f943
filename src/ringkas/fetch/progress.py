"""Progress of a fetch: a tqdm bar on a terminal (pages/s per host, ETA, failures so far), a log line
every 30 s otherwise."""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections import Counter
from typing import Any

log = logging.getLogger("ringkas.fetch")


class FetchProgress:
    def __init__(self, total: int, log_every_s: float = 30.0):
        self.total = total
        self._lock = threading.Lock()
        self._start = time.monotonic()
        self._last_log = self._start
        self._log_every = log_every_s
        self.per_host: Counter = Counter()
        self.failures = 0
        self._bar: Any = None
        if sys.stderr.isatty() and total:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc="fetch", unit="page", dynamic_ncols=True)

    def page_done(self, host: str, failed: bool) -> None:
        with self._lock:
            self.per_host[host] += 1
            self.failures += failed
            if self._bar is not None:
                self._bar.set_postfix_str(self.describe(), refresh=False)
                self._bar.update(1)
                return
            now = time.monotonic()
            if now - self._last_log >= self._log_every:
                self._last_log = now
                log.info("fetch: %s", self.describe(with_count=True))

    def describe(self, with_count: bool = False) -> str:
        elapsed = max(time.monotonic() - self._start, 1e-6)
        done = sum(self.per_host.values())
        hosts = ", ".join(f"{host} {count / elapsed:.1f}/s" for host, count in self.per_host.most_common(3))
        more = f" (+{len(self.per_host) - 3} hosts)" if len(self.per_host) > 3 else ""
        parts = [f"{done}/{self.total} pages"] if with_count else []
        if with_count and done and self.total > done:
            parts.append(f"ETA {(self.total - done) * elapsed / done:.0f}s")
        parts += [f"failed {self.failures}", hosts + more]
        return ", ".join(p for p in parts if p)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
