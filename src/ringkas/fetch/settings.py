"""The fetcher's settings, validated once: the CLI flags and a job's ``[input.fetch]`` table both build one."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def default_user_agent() -> str:
    from ringkas import __version__

    return f"ringkas/{__version__} (Indonesian news briefs; honours robots.txt and Crawl-delay)"


def default_state_path(name: str = "default") -> Path:
    """``fetch/NAME.sqlite`` under the ringkas cache folder (``$RINGKAS_CACHE``, else ~/.cache/ringkas)."""
    from ringkas.paths import ringkas_cache_root

    return ringkas_cache_root() / "fetch" / f"{name}.sqlite"


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how far to fetch. Times are seconds; ``max_pages`` None means no limit."""

    delay: float = 1.0               # between two requests to one host (the host's Crawl-delay if longer)
    allow_private: bool = False      # follow hosts that resolve to private/loopback/reserved addresses
    user_agent: str = ""             # "" means default_user_agent()
    max_pages: int | None = None     # pages fetched per run, at most
    max_bytes: int = DEFAULT_MAX_BYTES  # a page larger than this (decoded) is too_large, cut while reading
    connect_timeout: float = 10.0
    read_timeout: float = 30.0       # per read; a whole response gets four times this
    max_redirects: int = 5
    retries: int = 2                 # extra tries after a 429/5xx/timeout within one run
    backoff: float | None = None     # first wait before a retry without Retry-After (None: twice the delay,
    #                                  at least 0.1 s); doubles each time
    max_retry_after: float = 120.0   # a longer Retry-After gives up for this run (the page is tried later)
    max_attempts: int = 3            # runs that may try a failed page before it is given up
    concurrency: int = 8             # requests in flight at once, over all hosts

    def __post_init__(self) -> None:
        problems = []
        for name in ("delay", "connect_timeout", "read_timeout", "backoff", "max_retry_after"):
            value = getattr(self, name)
            if value is None and name == "backoff":
                continue
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                problems.append(f"{name} must be a number of seconds >= 0, not {value!r}")
        for name, low in (("max_bytes", 1), ("max_redirects", 0), ("retries", 0), ("max_attempts", 1),
                          ("concurrency", 1)):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < low:
                problems.append(f"{name} must be a whole number >= {low}, not {value!r}")
        if self.max_pages is not None and (not isinstance(self.max_pages, int) or self.max_pages < 0):
            problems.append(f"max_pages must be a whole number >= 0, not {self.max_pages!r}")
        if not isinstance(self.user_agent, str) or "\n" in self.user_agent or "\r" in self.user_agent:
            problems.append("user_agent must be one line of text")
        if problems:
            raise ValueError("; ".join(problems))

    @property
    def first_backoff(self) -> float:
        return self.backoff if self.backoff is not None else max(2 * self.delay, 0.1)

    @property
    def agent(self) -> str:
        return self.user_agent or default_user_agent()

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> FetchSettings:
        """From a job's ``[input.fetch]`` table (its ``state`` key is not a setting and is ignored here)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(table) - known - {"state"})
        if unknown:
            raise ValueError(f"unknown fetch setting(s) {', '.join(unknown)} (known: state, {', '.join(sorted(known))})")
        return cls(**{k: v for k, v in table.items() if k in known})

    def signature(self) -> dict[str, Any]:
        """What a fetched page's provenance records about how it was fetched."""
        return {"user_agent": self.agent, "delay": self.delay, "max_bytes": self.max_bytes}
