"""Progress reporting: a tqdm bar (rate, ETA) on a terminal, a few plain log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger("ringkas.progress")


def progress(items: Iterable[T], desc: str, total: int | None = None, unit: str = "article",
             log_every_s: float = 30.0, postfix: Callable[[float], str] | None = None,
             weight: Callable[[T], int] | None = None) -> Iterator[T]:
    """Yield ``items`` while reporting progress to stderr (tty) or the log (not a tty).

    ``postfix(elapsed_seconds)`` adds a figure of the caller's to each report, e.g. output tokens/s.
    ``weight(item)`` counts an item as that many ``unit`` (a unit of work as its articles), once the caller
    is done with it; ``total`` is then in ``unit`` too.
    """
    from ringkas.console import shows_info

    if not shows_info():  # -q
        yield from items
        return
    if sys.stderr.isatty():
        from tqdm import tqdm

        start = time.monotonic()
        # "12 articles [00:02, 5.1 articles/s]" without a total; "3/12 [00:02<00:05, 5.1 article/s]" with one
        shown = unit if total is not None else f" {unit}s"
        with tqdm(desc=desc, total=total, unit=shown, dynamic_ncols=True) as bar:
            for item in items:
                yield item
                bar.update(weight(item) if weight is not None else 1)
                if postfix is not None:
                    bar.set_postfix_str(postfix(time.monotonic() - start), refresh=False)
        return
    start = last = time.monotonic()
    count = 0
    for item in items:
        yield item
        count += weight(item) if weight is not None else 1
        now = time.monotonic()
        if now - last >= log_every_s:
            last = now
            rate = count / (now - start)
            eta = f", ETA {(total - count) / rate:.0f}s" if total and rate else ""
            extra = f", {postfix(now - start)}" if postfix is not None else ""
            log.info("%s: %d%s %ss, %.1f/s%s%s", desc, count, f"/{total}" if total else "", unit, rate, eta, extra)
    if count:
        elapsed = time.monotonic() - start
        extra = f", {postfix(elapsed)}" if postfix is not None else ""
        log.debug("%s: %d %ss in %.1fs%s", desc, count, unit, elapsed, extra)  # the summary line says it
