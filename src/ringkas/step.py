"""The one step interface: a stage takes an iterator of Articles and yields Articles.

Roles subclass :class:`Step` (record at a time) or :class:`BatchStep` (batch in, batch out, same order).
Rejected records pass through untouched and in place, so the output order equals the input order and
writers can account for every record. An exception raised for one record (or one batch) becomes a rejection
of that record (or, after a record-by-record retry, of the records that fail alone), never a crashed job.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from ringkas.record import Article

log = logging.getLogger(__name__)


class Step:
    """Record-at-a-time stage. Implementations fill :meth:`process`."""

    name = "step"

    def process(self, article: Article) -> Article:
        raise NotImplementedError

    def __call__(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if article.rejected:
                yield article
                continue
            try:
                yield self.process(article)
            except Exception as exc:  # one bad record never costs the others
                log.debug("%s failed on %s", self.name, article.id, exc_info=True)
                yield article.reject(self.name, reject_reason(exc), str(exc)[:500])


class BatchStep(Step):
    """Batch stage. Implementations fill :meth:`process_batch` (same length, same order as its input)."""

    batch_size = 32

    def process_batch(self, articles: list[Article]) -> list[Article]:
        raise NotImplementedError

    def process(self, article: Article) -> Article:
        return self.process_batch([article])[0]

    def __call__(self, articles: Iterable[Article]) -> Iterator[Article]:
        iterator = iter(articles)
        while True:
            chunk = list(islice(iterator, self.batch_size))
            if not chunk:
                return
            positions = [i for i, a in enumerate(chunk) if not a.rejected]
            if positions:
                done = self._run_batch([chunk[i] for i in positions])
                for i, article in zip(positions, done):
                    chunk[i] = article
            yield from chunk

    def _run_batch(self, live: list[Article]) -> list[Article]:
        try:
            return self._checked(live)
        except Exception:
            if len(live) == 1:
                raise_as_rejection(self.name, live[0])
                return live
            log.warning("%s failed on a batch of %d; retrying record by record", self.name, len(live))
            out = []
            for article in live:
                try:
                    out.extend(self._checked([article]))
                except Exception:
                    raise_as_rejection(self.name, article)
                    out.append(article)
            return out

    def _checked(self, batch: list[Article]) -> list[Article]:
        done = self.process_batch(batch)
        if len(done) != len(batch):
            raise RuntimeError(f"{self.name} returned {len(done)} records for {len(batch)}")
        return done


def raise_as_rejection(stage: str, article: Article) -> None:
    """Turn the exception being handled into a rejection of ``article``."""
    import sys

    exc = sys.exc_info()[1]
    if exc is None:  # pragma: no cover - only called from except blocks
        raise RuntimeError("raise_as_rejection called outside an except block")
    log.debug("%s failed on %s", stage, article.id, exc_info=True)
    article.reject(stage, reject_reason(exc), str(exc)[:500])


def reject_reason(exc: BaseException) -> str:
    """The exception's snake_case ``reason`` where it declares one (``input_too_long``), else its class name."""
    reason = getattr(exc, "reason", None)
    return reason if isinstance(reason, str) and reason else type(exc).__name__
