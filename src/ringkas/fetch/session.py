"""One fetch run: feeds first (conditionally), then every page not yet fetched, hosts in parallel.

Workers take one host at a time, so requests to a host are sequential and spaced while different hosts
proceed together; ``concurrency`` bounds the requests in flight over all hosts. Each page is claimed in the
state before it is requested, written (fsynced) to the pages file, then marked done.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ringkas.console import plural
from ringkas.fetch.client import FetchFailure
from ringkas.fetch.feeds import FeedOutcome, fetch_feed, read_feed_file, reject_line
from ringkas.fetch.output import PagesFile
from ringkas.fetch.polite import PoliteFetcher
from ringkas.fetch.settings import FetchSettings
from ringkas.fetch.sources import Sources
from ringkas.fetch.state import FetchState, Page
from ringkas.fetch.urls import BadURL, canonical_url, host_of
from ringkas.jsonl import JsonlWriter
from ringkas.text.dates import iso_date

log = logging.getLogger("ringkas.fetch")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
UNREACHABLE = ("connection_error", "timeout", "robots_unreachable")  # a host that did not answer


def _reasons(counts: Counter) -> str:
    return ", ".join(f"{reason} {n}" for reason, n in counts.most_common())


@dataclass
class FetchReport:
    """What a run did; ``counts()`` is what the summary line and a job's manifest show."""

    feeds: int = 0
    feeds_fetched: int = 0
    not_modified: int = 0
    feeds_failed: int = 0
    to_fetch: int = 0
    fetched: int = 0
    elsewhere: int = 0                 # claimed by another process sharing the state
    known: int = 0                     # listed again, fetched on an earlier run
    links: int = 0                     # URLs read from URL lists
    links_bad: int = 0                 # of those, URLs that do not parse (bad_url rejects)
    reasons: Counter = field(default_factory=Counter)
    feed_failures: Counter = field(default_factory=Counter)   # reasons of feeds that failed
    page_failures: Counter = field(default_factory=Counter)   # reasons of pages requested that failed
    seconds: float = 0.0

    def counts(self) -> dict[str, Any]:
        return {"feeds": self.feeds, "feeds_fetched": self.feeds_fetched, "not_modified": self.not_modified,
                "feeds_failed": self.feeds_failed, "fetched": self.fetched, "already_fetched": self.known,
                "fetched_elsewhere": self.elsewhere, "robots_disallowed": self.reasons.get("robots_disallowed", 0),
                "rejected": sum(self.reasons.values()), "rejected_by_reason": dict(sorted(self.reasons.items())),
                "nothing_fetched": self.nothing_fetched(), "partial_failure": self.partial_failure(),
                "seconds": round(self.seconds, 3)}

    def nothing_fetched(self) -> str:
        """Why this run is a failure, else "": every source failed (every feed failed and every URL of the
        URL lists was a ``bad_url``, where there were any), or every page it tried was on a host that did not
        answer (a 404 or a page that is not HTML is that page's own reject).

        A run with nothing to do (feeds unchanged, no new entries, URLs fetched on an earlier run) is not one."""
        if self.fetched or self.elsewhere:
            return ""
        sources_down = (self.feeds or self.links) and self.feeds_failed == self.feeds and self.links_bad == self.links
        unreachable = sum(n for reason, n in self.page_failures.items() if reason in UNREACHABLE)
        pages_down = self.to_fetch > 0 and unreachable == self.to_fetch
        if not (pages_down or (sources_down and not self.to_fetch)):
            return ""
        return "nothing could be fetched: " + self._failures()

    def partial_failure(self) -> str:
        """One line naming the sources that did not answer, when some did not but the run still fetched or
        had nothing to do; "" otherwise (a 404 or a robots.txt refusal is an ordinary reject)."""
        unreachable = {r: n for r, n in self.page_failures.items() if r in UNREACHABLE}
        if self.nothing_fetched() or not (self.feeds_failed or unreachable):
            return ""
        return "some sources failed: " + self._failures(only=UNREACHABLE)

    def _failures(self, only: tuple[str, ...] | None = None) -> str:
        parts = []
        if self.feeds_failed:
            parts.append(f"{self.feeds_failed} of {plural(self.feeds, 'feed')} ({_reasons(self.feed_failures)})")
        if self.links_bad and only is None:
            parts.append(f"{self.links_bad} of {plural(self.links, 'listed URL')} (bad_url {self.links_bad})")
        pages = Counter({r: n for r, n in self.page_failures.items() if only is None or r in only})
        if pages:
            parts.append(f"{sum(pages.values())} of {plural(self.to_fetch, 'page')} ({_reasons(pages)})")
        return ", ".join(parts) + " (details in the rejects file)"

    def summary_line(self) -> str:
        detail = ", ".join(f"{reason} {n}" for reason, n in self.reasons.most_common())
        return (f"ringkas fetch: feeds {self.feeds} (not modified {self.not_modified}, failed {self.feeds_failed}), "
                f"pages fetched {self.fetched}, already fetched {self.known}"
                + (f", taken by another process {self.elsewhere}" if self.elsewhere else "")
                + f", rejected {sum(self.reasons.values())}" + (f" ({detail})" if detail else "")
                + f" in {self.seconds:.1f}s")


def run_fetch(sources: Sources, output: Path, rejects: Path, state_path: Path, settings: FetchSettings,
              force: bool = False) -> FetchReport:
    """Fetch ``sources`` into ``output`` (appended; see :class:`PagesFile`) and ``rejects`` (this run's)."""
    from ringkas.errors import InputError

    start = time.monotonic()
    try:
        state = FetchState(state_path, output=output)
    except Exception as exc:  # sqlite3.Error, OSError: the environment, before any request
        raise InputError(f"fetch state {state_path} cannot be used: {type(exc).__name__}: {exc}") from None
    pages_file = PagesFile(output, force=force)
    report = FetchReport(feeds=len(sources.feeds) + len(sources.feed_files))
    run = _Run(settings, state, pages_file, report)
    try:
        state.mark_done(pages_file.ids)  # pages a killed run wrote but did not get to mark
        with JsonlWriter(rejects) as rejects_out:
            run.rejects = rejects_out
            run.fetch_all(sources)
    except BaseException:
        state.release_all()
        raise
    finally:
        pages_file.close()
        report.seconds = time.monotonic() - start
    return report


class _Run:
    def __init__(self, settings: FetchSettings, state: FetchState, pages: PagesFile, report: FetchReport):
        self.settings, self.state, self.pages, self.report = settings, state, pages, report
        self.fetcher = PoliteFetcher(settings)
        self.rejects: JsonlWriter | None = None
        self._lock = threading.Lock()
        self.progress: Any = None

    def fetch_all(self, sources: Sources) -> None:
        for path in sources.feed_files:
            self._feed_done(read_feed_file(self.state, path))
        for name, urls in sources.url_lists.items():
            self._add_url_list(name, urls)
        by_host(sources.feeds, host_of, lambda url: self._feed_done(fetch_feed(self.fetcher, self.state, url)),
                self.settings.concurrency)
        origins = sources.origins()
        todo = [p for p in self.state.to_fetch(origins, self.settings.max_attempts) if p.url not in self.pages.ids]
        self.report.known = self.state.count(origins, "done")
        if self.settings.max_pages is not None:
            todo = todo[: self.settings.max_pages]
        self.report.to_fetch = len(todo)
        from ringkas.fetch.progress import FetchProgress

        self.progress = FetchProgress(len(todo))
        try:
            by_host(todo, lambda page: host_of(page.url), self._fetch_page, self.settings.concurrency)
        finally:
            self.progress.close()

    def _add_url_list(self, name: str, urls: list[str]) -> None:
        pages = []
        for link in urls:
            self.report.links += 1
            try:
                url = canonical_url(link)
            except BadURL as exc:
                self.report.links_bad += 1
                self._reject(reject_line(link, link, name, exc.reason, str(exc)))
                continue
            pages.append(Page(url, link, name, source=host_of(url)))
        self.state.add_pages(pages)

    def _feed_done(self, outcome: FeedOutcome) -> None:
        with self._lock:
            if outcome.status == "not_modified":
                self.report.not_modified += 1
            elif outcome.status == "fetched":
                self.report.feeds_fetched += 1
            else:
                self.report.feeds_failed += 1
                self.report.feed_failures[outcome.rejects[0]["reason"] if outcome.rejects else "failed"] += 1
        for line in outcome.rejects:
            self._reject(line)

    def _fetch_page(self, page: Page) -> None:
        taken = self.state.claim(page.url, self.settings.max_attempts)
        if taken != "claimed":
            with self._lock:
                if taken == "written":
                    self.report.known += 1  # a killed run wrote it to its pages file
                else:
                    self.report.elsewhere += 1
            return
        try:
            response = self.fetcher.get(page.url, {"Accept": PAGE_ACCEPT}, html_only=True)
        except FetchFailure as exc:
            self.state.mark_failed(page.url, exc.reason)
            with self._lock:
                self.report.page_failures[exc.reason] += 1
            self._reject(reject_line(page.url, page.link, page.origin, exc.reason, exc.detail, exc.status))
            self.progress.page_done(host_of(page.url), failed=True)
            return
        with self._lock:
            self.pages.write(page_line(page, response, self.settings.agent))
            self.report.fetched += 1
        self.state.mark_done([page.url])
        self.progress.page_done(host_of(page.url), failed=False)

    def _reject(self, line: dict[str, Any]) -> None:
        with self._lock:
            self.rejects.write(line)
            self.report.reasons[line["reason"]] += 1


def page_line(page: Page, response: Any, agent: str) -> dict[str, Any]:
    """The line ``ringkas clean`` reads: the page's decoded HTML, the feed entry's fields, how it was fetched
    (``metadata.fetch``) and by what (``metadata.provenance.fetch``, which a job's briefs carry on)."""
    from ringkas import __version__
    from ringkas.text.charset import decode_page

    html, charset, charset_from = decode_page(response.body, response.content_type)
    line = {"id": page.url, "url": page.link, "title": page.title, "published": iso_date(page.published),
            "source": page.source, "html": html}
    line = {k: v for k, v in line.items() if v is not None}
    line["metadata"] = {"fetch": {
        "feed": page.origin, "final_url": response.final_url, "status": response.status,
        "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "content_type": response.content_type, "charset": charset, "charset_from": charset_from,
        **({"redirects": response.redirects} if response.redirects else {}),
    }}
    line["metadata"]["provenance"] = {"fetch": {
        "ringkas": __version__, "user_agent": agent, "feed": page.origin, "final_url": response.final_url,
        "fetched_at": line["metadata"]["fetch"]["fetched_at"]}}
    return line


def by_host(items: Iterable[Any], host: Callable[[Any], str], work: Callable[[Any], None], workers: int) -> None:
    """Run ``work(item)`` for every item: one item per host at a time, up to ``workers`` hosts at once.

    The first exception a worker meets stops the others (after their current item) and is raised here.
    """
    queues: dict[str, deque] = {}
    for item in items:
        queues.setdefault(host(item), deque()).append(item)
    if not queues:
        return
    lock = threading.Condition()
    busy: set[str] = set()
    errors: list[BaseException] = []

    def take() -> tuple[str, Any] | None:
        with lock:
            while True:
                if errors:
                    return None
                free = [h for h, q in queues.items() if q and h not in busy]
                if free:
                    busy.add(free[0])
                    return free[0], queues[free[0]].popleft()
                if not busy:
                    return None
                lock.wait()

    def loop() -> None:
        while (taken := take()) is not None:
            name, item = taken
            try:
                work(item)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                with lock:
                    errors.append(exc)
            finally:
                with lock:
                    busy.discard(name)
                    if not queues[name]:
                        del queues[name]
                    lock.notify_all()

    threads = [threading.Thread(target=loop, daemon=True) for _ in range(min(workers, len(queues)))]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(0.5)  # a join with a timeout lets Ctrl-C reach the main thread
    except BaseException as exc:  # Ctrl-C: the workers finish their current item and take no more
        with lock:
            errors.append(exc)
        raise
    if errors:
        raise errors[0]
