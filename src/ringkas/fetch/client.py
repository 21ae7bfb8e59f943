"""One HTTP GET as the fetcher needs it, on urllib3: redirects followed by hand (every hop is checked),
timeouts, a size cap applied while reading, Content-Encoding decoded, and each failure a reject reason.

urllib3's own retries and redirects are switched off: retrying with backoff is the polite layer's job
(:mod:`ringkas.fetch.polite`), and a redirect must pass the same checks (scheme, private address, robots.txt,
the host's spacing) as the first request, which ``before_hop`` applies.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

from ringkas.fetch.settings import FetchSettings
from ringkas.fetch.urls import BadURL, check_address, join_url

HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024


class FetchFailure(Exception):
    """A request that yielded nothing usable; ``reason`` is the reject reason, ``retryable`` whether
    trying again soon may help (429, 5xx, a timeout, a dropped connection)."""

    def __init__(self, reason: str, detail: str, status: int | None = None, retryable: bool = False,
                 retry_after: float | None = None):
        super().__init__(detail)
        self.reason, self.detail, self.status = reason, detail, status
        self.retryable, self.retry_after = retryable, retry_after


@dataclass
class Response:
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class HttpClient:
    """Thread-safe (one urllib3 PoolManager shared by the workers)."""

    def __init__(self, settings: FetchSettings):
        import urllib3

        self.settings = settings
        self._timeout = urllib3.Timeout(connect=settings.connect_timeout, read=settings.read_timeout)
        self._pool = urllib3.PoolManager(num_pools=64, maxsize=2, retries=False, timeout=self._timeout)
        if not settings.allow_private:
            self._pool.pool_classes_by_scheme = _checked_pools()
        self.base_headers = {"User-Agent": settings.agent, **urllib3.util.make_headers(accept_encoding=True)}

    def get(self, url: str, headers: dict[str, str] | None = None, *, html_only: bool = False,
            max_bytes: int | None = None, before_hop: Callable[[str], None] | None = None,
            after_hop: Callable[[str], None] | None = None) -> Response:
        """GET ``url``; returns a 2xx or 304 response, raises :class:`FetchFailure` for anything else.

        ``before_hop(url)`` runs before every request, the first and each redirect, and may raise a
        FetchFailure (robots.txt) or wait (the host's spacing); ``after_hop(url)`` runs when its answer (or
        its failure) has come.
        """
        max_bytes = max_bytes or self.settings.max_bytes
        seen: list[str] = []
        current = url
        while True:
            try:
                check_address(current, self.settings.allow_private)
            except BadURL as exc:
                raise FetchFailure(exc.reason, str(exc)) from None
            if before_hop is not None:
                before_hop(current)
            seen.append(current)
            try:
                response = self._request(current, headers)
            finally:
                if after_hop is not None:
                    after_hop(current)
            if response.status in REDIRECTS and response.headers.get("location"):
                _discard(response)
                try:
                    target = join_url(current, response.headers["location"])
                except BadURL as exc:
                    raise FetchFailure(exc.reason, f"redirect from {current}: {exc}"[:300]) from None
                if target in seen:
                    raise FetchFailure("too_many_redirects", f"redirect loop: {' -> '.join(seen + [target])}"[:300])
                if len(seen) > self.settings.max_redirects:
                    raise FetchFailure("too_many_redirects", f"more than {self.settings.max_redirects} redirects")
                current = target
                continue
            return self._finish(url, current, seen[:-1], response, html_only, max_bytes)

    def _request(self, url: str, headers: dict[str, str] | None) -> Any:
        import urllib3.exceptions as errors

        try:
            return self._pool.request("GET", url, headers={**self.base_headers, **(headers or {})},
                                      redirect=False, preload_content=False, decode_content=True)
        except errors.NewConnectionError as exc:  # refused, DNS (urllib3 files these under timeouts too)
            raise FetchFailure("connection_error", f"{type(exc).__name__}: {exc}"[:300], retryable=True) from None
        except errors.TimeoutError as exc:
            raise FetchFailure("timeout", f"{type(exc).__name__}: {exc}"[:300], retryable=True) from None
        except (errors.LocationValueError, ValueError) as exc:  # unparseable host, a name IDNA cannot encode
            raise FetchFailure("bad_url", f"{type(exc).__name__}: {exc}"[:300]) from None
        except (errors.HTTPError, OSError) as exc:  # refused, reset, DNS, TLS
            raise FetchFailure("connection_error", f"{type(exc).__name__}: {exc}"[:300], retryable=True) from None

    def _finish(self, url: str, final: str, redirects: list[str], response: Any, html_only: bool,
                max_bytes: int) -> Response:
        status = response.status
        headers = {k.lower(): v for k, v in response.headers.items()}
        if status == 304 and not html_only:  # a feed unchanged since the validators sent
            _discard(response)
            return Response(url, final, status, headers, redirects=redirects)
        if status == 429 or status >= 500:
            _discard(response)
            raise FetchFailure("http_error", f"HTTP {status}", status=status, retryable=True,
                               retry_after=retry_after_seconds(headers.get("retry-after")))
        if not 200 <= status < 300:
            _discard(response)
            raise FetchFailure("http_error", f"HTTP {status}", status=status)
        content_type = headers.get("content-type", "")
        if html_only and content_type.split(";")[0].strip().lower() not in HTML_TYPES:
            response.close()
            raise FetchFailure("not_html", f"Content-Type {content_type or 'missing'!r} at {final}"[:300],
                               status=status)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > max_bytes and "content-encoding" not in headers:
            response.close()
            raise FetchFailure("too_large", f"Content-Length {length} > {max_bytes} bytes", status=status)
        undecodable = _undecodable_encodings(headers.get("content-encoding", ""))
        if undecodable:
            response.close()
            # not stored undecoded: a reject, so a later run (with the package installed) tries again
            raise FetchFailure("unsupported_encoding", f"Content-Encoding {undecodable} cannot be decoded here "
                                                       "(pip install brotli backports.zstd)", status=status)
        body = self._read_capped(response, max_bytes, final)
        return Response(url, final, status, headers, body, redirects)

    def _read_capped(self, response: Any, max_bytes: int, url: str) -> bytes:
        """The decoded body, stopped as soon as it passes ``max_bytes`` (a gzip bomb stops there too) or
        takes longer than 4 x the read timeout in all (a drip feed, with a Content-Length or without)."""
        import urllib3.exceptions as errors

        limit = 4 * max(self.settings.read_timeout, 1.0)
        started = time.monotonic()
        parts, size = [], 0
        try:
            # read1 returns what has arrived: read(amt) would wait for amt bytes of a Content-Length body
            while chunk := response.read1(_CHUNK, decode_content=True):
                size += len(chunk)
                if size > max_bytes:
                    raise FetchFailure("too_large", f"more than {max_bytes} bytes", status=response.status)
                elapsed = time.monotonic() - started
                if elapsed > limit:
                    raise FetchFailure("timeout", f"body still arriving after {elapsed:.0f}s (limit {limit:.0f}s, "
                                                  f"{size} bytes so far)", retryable=True)
                parts.append(chunk)
        except FetchFailure:
            response.close()
            raise
        except errors.TimeoutError as exc:
            response.close()
            raise FetchFailure("timeout", f"{type(exc).__name__} reading {url}"[:300], retryable=True) from None
        except errors.DecodeError as exc:
            response.close()
            raise FetchFailure("http_error", f"bad Content-Encoding: {exc}"[:300], status=response.status) from None
        except (errors.HTTPError, OSError) as exc:
            response.close()
            raise FetchFailure("connection_error", f"{type(exc).__name__}: {exc}"[:300], retryable=True) from None
        response.release_conn()
        return b"".join(parts)


def _undecodable_encodings(header: str) -> str:
    """The Content-Encoding codings urllib3 cannot decode here (br without brotli ...), or ""."""
    from urllib3.response import HTTPResponse

    known = {*HTTPResponse.CONTENT_DECODERS, "identity", ""}
    return ", ".join(c for c in (part.strip().lower() for part in header.split(",")) if c not in known)


def _checked_pools() -> dict[str, type]:
    """Connection pools whose connections check the address they reached before a request is sent.

    :func:`check_address` refuses a host that resolves to a private address; this catches a host whose DNS
    answer changed between that check and the connection (DNS rebinding).
    """
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    def checked(self: Any, sock: Any) -> Any:
        """The new TCP socket, before TLS and before the request: refused if it reached a private address."""
        peer = sock.getpeername()[0]
        if not _public_peer(peer):
            sock.close()
            raise FetchFailure("private_address", f"{self.host} connected to {peer}, a non-public address "
                                                  "(--allow-private follows it)")
        return sock

    class CheckedHTTP(HTTPConnection):
        def _new_conn(self) -> Any:
            return checked(self, super()._new_conn())

    class CheckedHTTPS(HTTPSConnection):
        def _new_conn(self) -> Any:
            return checked(self, super()._new_conn())

    class HTTPPool(HTTPConnectionPool):
        ConnectionCls = CheckedHTTP

    class HTTPSPool(HTTPSConnectionPool):
        ConnectionCls = CheckedHTTPS

    return {"http": HTTPPool, "https": HTTPSPool}


def _public_peer(address: str) -> bool:
    from ringkas.fetch.urls import is_public

    return is_public(address)


def _discard(response: Any) -> None:
    """Done with a response whose body is not wanted: a short one is read so its connection can be reused,
    a long or unknown one is closed."""
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) <= _CHUNK:
        try:
            response.drain_conn()
            response.release_conn()
            return
        except Exception:  # noqa: BLE001 - a broken connection is simply not reused
            pass
    response.close()


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds from now: a number of seconds or an HTTP date; None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))  # seconds (RFC 9110 says whole ones; a fraction is read as given)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import datetime, timezone

    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
