"""Politeness around every request: robots.txt, the spacing between requests to one host (``delay``, or
the host's Crawl-delay if longer), and retries of 429/5xx/timeouts with backoff that honours Retry-After.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ringkas.fetch.client import FetchFailure, HttpClient, Response
from ringkas.fetch.robots import RobotsCache
from ringkas.fetch.settings import FetchSettings
from ringkas.fetch.urls import host_of


class HostClock:
    """When each host may be sent its next request. A caller reserves the next free slot and sleeps until
    it, so threads sharing a host are spaced as a single one would be."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._next: dict[str, float] = {}
        self._interval: dict[str, float] = {}
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep

    def set_interval(self, host: str, seconds: float) -> None:
        with self._lock:
            self._interval[host] = max(self._interval.get(host, 0.0), seconds)

    def interval(self, host: str) -> float:
        with self._lock:
            return self._interval.get(host, 0.0)

    def wait_turn(self, host: str, default_interval: float) -> None:
        """Block until ``host`` may be sent a request."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + max(self._interval.get(host, 0.0), default_interval)
        if slot > now:
            self._sleep(slot - now)

    def answered(self, host: str, default_interval: float) -> None:
        """A request to ``host`` has been answered: the next one waits a full interval from now, so the
        server sees the spacing even when a request took long to arrive."""
        with self._lock:
            interval = max(self._interval.get(host, 0.0), default_interval)
            self._next[host] = max(self._next.get(host, 0.0), self._clock() + interval)

    def push_back(self, host: str, seconds: float) -> None:
        """No request to ``host`` for ``seconds`` (a Retry-After applies to the host, not to one page)."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), self._clock() + seconds)


class PoliteFetcher:
    """GET with robots.txt, host spacing and retries; thread-safe, shared by all workers of a run."""

    def __init__(self, settings: FetchSettings, client: HttpClient | None = None, clock: HostClock | None = None):
        self.settings = settings
        self.client = client or HttpClient(settings)
        self.clock = clock or HostClock()
        self.robots = RobotsCache(self.client, settings.agent)

    def get(self, url: str, headers: dict[str, str] | None = None, *, html_only: bool = False,
            max_bytes: int | None = None) -> Response:
        """As :meth:`HttpClient.get`, politely; raises FetchFailure (``robots_disallowed`` among others)."""
        attempt = 0
        while True:
            try:
                return self.client.get(url, headers, html_only=html_only, max_bytes=max_bytes,
                                       before_hop=self._before_hop, after_hop=self._answered)
            except FetchFailure as exc:
                if not exc.retryable or attempt >= self.settings.retries:
                    raise
                wait = exc.retry_after if exc.retry_after is not None else self.settings.first_backoff * 2 ** attempt
                if wait > self.settings.max_retry_after:
                    exc.detail += f" (Retry-After {wait:.0f}s is longer than {self.settings.max_retry_after:.0f}s)"
                    raise
                self.clock.push_back(host_of(url), wait)
                attempt += 1

    def _before_hop(self, url: str) -> None:
        host = host_of(url)
        rules = self.robots.rules(url, before_hop=self._space, after_hop=self._answered)
        if rules.crawl_delay():
            self.clock.set_interval(host, rules.crawl_delay())
        if rules.unreachable:
            raise FetchFailure(rules.reason, rules.unreachable)
        if not rules.allowed(url):
            raise FetchFailure("robots_disallowed", f"robots.txt disallows {url}"[:300])
        self._space(url)

    def _space(self, url: str) -> None:
        self.clock.wait_turn(host_of(url), self.settings.delay)

    def _answered(self, url: str) -> None:
        self.clock.answered(host_of(url), self.settings.delay)
