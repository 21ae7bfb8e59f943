"""robots.txt, one per host, fetched once per run and read with protego (Scrapy's parser), or the standard
library's ``urllib.robotparser`` where protego is not installed.

What a host's robots.txt answer means follows RFC 9309: a 4xx (no robots.txt) allows everything; a 5xx or
no answer at all means the host is unreachable for robots purposes, and nothing is fetched from it this run.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from ringkas.fetch.client import FetchFailure, HttpClient

ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB


@dataclass
class HostRules:
    """One host's robots.txt: ``allowed(url)`` and its Crawl-delay for our user agent."""

    parser: object | None = None     # a protego.Protego or urllib.robotparser.RobotFileParser
    agent: str = "ringkas"
    unreachable: str = ""            # why everything is refused ("" when robots.txt was read or absent)
    reason: str = "robots_unreachable"  # the reject reason then: connection_error, timeout or robots_unreachable

    def allowed(self, url: str) -> bool:
        if self.unreachable:
            return False
        if self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, self.agent) if _is_protego(self.parser)
                    else self.parser.can_fetch(self.agent, url))

    def crawl_delay(self) -> float:
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(self.agent)
        try:
            return max(0.0, float(delay)) if delay is not None else 0.0
        except (TypeError, ValueError):
            return 0.0


def parse_robots(text: str, agent: str) -> HostRules:
    try:
        from protego import Protego
    except ImportError:
        from urllib.robotparser import RobotFileParser

        parser = RobotFileParser()
        parser.parse(text.splitlines())
        return HostRules(parser, agent)
    return HostRules(Protego.parse(text), agent)


def _is_protego(parser: object) -> bool:
    return type(parser).__module__.startswith("protego")


class RobotsCache:
    """Every host's rules, fetched on first use; one fetch per host even when several threads ask."""

    def __init__(self, client: HttpClient, agent: str):
        self._client, self._agent = client, agent
        self._rules: dict[str, HostRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules(self, url: str, before_hop: object = None, after_hop: object = None) -> HostRules:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc.lower()}"
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._rules:
                self._rules[key] = self._fetch(key + "/robots.txt", before_hop, after_hop)
            return self._rules[key]

    def _fetch(self, robots_url: str, before_hop: object, after_hop: object) -> HostRules:
        try:
            response = self._client.get(robots_url, max_bytes=ROBOTS_MAX_BYTES, before_hop=before_hop,
                                        after_hop=after_hop)
        except FetchFailure as exc:
            if exc.reason in ("private_address", "bad_url"):
                raise  # the host itself is refused: that is the reason, for the robots.txt and the page
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                return HostRules(None, self._agent)  # no robots.txt: everything is allowed
            if exc.reason == "too_large":
                return HostRules(None, self._agent, unreachable="robots.txt larger than 512 KiB")
            # a host that did not answer is reported as such, not as a host that forbids us
            reason = exc.reason if exc.reason in ("connection_error", "timeout") else "robots_unreachable"
            return HostRules(None, self._agent, unreachable=f"robots.txt unreachable ({exc.detail})"[:300],
                             reason=reason)
        return parse_robots(response.body.decode("utf-8", errors="replace"), self._agent)
