"""URLs the fetcher may follow: canonical form, scheme and the address a host resolves to.

The canonical URL (courlan's normalisation, fragment dropped) is an article's id and the state's key, so
one story reached through ``?utm_source=twitter`` and through ``#comments`` is fetched once.
"""

from __future__ import annotations

import ipaddress
import socket
from functools import lru_cache
from urllib.parse import SplitResult, urldefrag, urljoin, urlsplit

SCHEMES = ("http", "https")


class BadURL(ValueError):
    """A URL the fetcher will not follow; ``reason`` is the reject reason."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


def canonical_url(url: str) -> str:
    """Host lower-cased, default port, fragment and tracking parameters (``utm_*``, ``fbclid`` ...) dropped.

    Raises :class:`BadURL` (``bad_url``) for anything that is not an absolute http(s) URL.
    """
    from courlan import normalize_url

    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        if parts.scheme.lower() not in SCHEMES or not parts.hostname:
            raise BadURL("bad_url", f"{url[:200]!r} is not an http(s) URL")
        parts.port  # noqa: B018 - raises ValueError for a port out of range
        normal = normalize_url(urldefrag(url).url)
    except (ValueError, AttributeError) as exc:  # urlsplit refuses "[zz::1]", courlan a bad port
        if isinstance(exc, BadURL):
            raise
        raise BadURL("bad_url", f"{url[:200]!r}: {exc}") from None
    return urldefrag(normal).url


def join_url(base: str, link: str) -> str:
    """``link`` resolved against ``base`` (a feed's URL, a redirect's origin); :class:`BadURL` (``bad_url``)
    when either does not parse, such as ``http://[zz::1]/`` or ``http://[::1``."""
    try:
        return urljoin(base, link.strip())
    except ValueError as exc:
        raise BadURL("bad_url", f"{link[:200]!r}: {exc}") from None


def host_of(url: str) -> str:
    """``host[:port]`` lower-cased: the unit of politeness (one robots.txt, one request spacing).

    Never raises: a URL that does not parse (which :func:`check_address` refuses before any request) is its
    own unit."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        return f"{host}:{parts.port}" if parts.port else host
    except ValueError:
        return url[:200]


def split_checked(url: str) -> SplitResult:
    """``urlsplit(url)`` of an absolute http(s) URL whose host and port parse, else :class:`BadURL`."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for "h:-1", "a:b:c", a port over 65535
    except ValueError as exc:
        raise BadURL("bad_url", f"{url[:200]!r}: {exc}") from None
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise BadURL("bad_url", f"{url[:200]!r} is not an http(s) URL")
    return parts


def check_address(url: str, allow_private: bool) -> None:
    """Raise :class:`BadURL` unless ``url`` is http(s) with a host and port that parse and (without
    ``allow_private``) its host resolves only to public addresses; a host that does not resolve is left to
    the request to report."""
    parts = split_checked(url)
    if allow_private:
        return
    for address in _resolve(parts.hostname.lower(), parts.port or (443 if parts.scheme == "https" else 80)):
        if not is_public(address):
            raise BadURL("private_address", f"{parts.hostname} resolves to {address}, a non-public address "
                                            "(--allow-private follows it)")


def is_public(address: str) -> bool:
    """Whether an IP address is a public, unicast one (IPv4-mapped IPv6 judged as its IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


@lru_cache(maxsize=4096)
def _resolve(host: str, port: int) -> tuple[str, ...]:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return (host.strip("[]"),)
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return ()
    return tuple(sorted({info[4][0] for info in infos}))
