"""The fetcher's settings, validated once: the CLI flags and a job's ``[input.fetch]`` table both build one."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ringkas.options import check_fields, refuse_unknown, setting

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def default_user_agent() -> str:
    from ringkas import __version__

    return f"ringkas/{__version__} (Indonesian news briefs; honours robots.txt and Crawl-delay)"


def default_state_path(name: str = "default") -> Path:
    """``fetch/NAME.sqlite`` under the ringkas cache folder (``$RINGKAS_CACHE``, else ~/.cache/ringkas)."""
    from ringkas.paths import ringkas_cache_root

    return ringkas_cache_root() / "fetch" / f"{name}.sqlite"


def _one_line(value: str) -> str | None:
    return "must be one line of text" if "\n" in value or "\r" in value else None


def _a_path(value: str) -> str | None:
    return None if value.strip() else "must be a path"


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how far to fetch, and where what was fetched is remembered: the flags of
    ``ringkas fetch`` and the keys of a job's ``[input.fetch]`` table. Times are seconds."""

    delay: float = setting(1.0, min=0, metavar="S",
                           help="seconds between requests to one host (a longer Crawl-delay wins)")
    allow_private: bool = setting(False, help="follow hosts on private, loopback or link-local addresses "
                                  "(intranets, tests)")
    user_agent: str = setting("", metavar="UA", check=_one_line, default_text="ringkas/VERSION ...",
                              help="User-Agent header")
    max_pages: int | None = setting(None, min=0, default_text="no limit", help="pages fetched per run, at most")
    max_bytes: int = setting(DEFAULT_MAX_BYTES, min=1,
                             help="a larger page (decoded) is rejected as too_large, cut while reading")
    connect_timeout: float = setting(10.0, min=0, metavar="S", help="seconds to wait for a connection")
    read_timeout: float = setting(30.0, min=0, metavar="S", aliases=("--timeout",),
                                  help="seconds to wait for each read; a whole response gets four times this")
    max_redirects: int = setting(5, min=0, help="redirects followed per request, at most")
    retries: int = setting(2, min=0, help="extra tries after a 429/5xx/timeout within one run")
    backoff: float | None = setting(None, min=0, metavar="S", default_text="twice the delay, at least 0.1 s",
                                    help="first wait before a retry without Retry-After; doubles each time")
    max_retry_after: float = setting(120.0, min=0, metavar="S",
                                     help="a longer Retry-After gives up for this run (the page is tried later)")
    max_attempts: int = setting(3, min=1, help="runs that may try a failed page before it is given up")
    concurrency: int = setting(8, min=1, help="requests in flight at once over all hosts (one per host at a time)")
    state: str | None = setting(None, metavar="FILE", check=_a_path,
                                default_text="~/.cache/ringkas/fetch/<job spec name>-<digest of its path>.sqlite; "
                                "`ringkas fetch`: default.sqlite; under $RINGKAS_CACHE when set",
                                help="SQLite file of feed validators and fetched URLs")

    def __post_init__(self) -> None:
        check_fields(self)

    @property
    def first_backoff(self) -> float:
        return self.backoff if self.backoff is not None else max(2 * self.delay, 0.1)

    @property
    def agent(self) -> str:
        return self.user_agent or default_user_agent()

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> FetchSettings:
        """From a job's ``[input.fetch]`` table; an unknown key is a :class:`ConfigError`."""
        refuse_unknown(table, (f.name for f in fields(cls)), "fetch setting(s)")
        return cls(**table)

    def signature(self) -> dict[str, Any]:
        """What a fetched page's provenance records about how it was fetched."""
        return {"user_agent": self.agent, "delay": self.delay, "max_bytes": self.max_bytes}
