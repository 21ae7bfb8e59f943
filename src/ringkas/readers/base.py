"""What every reader shares: turning one raw record into an :class:`Article`, or into a rejected one.

Readers only parse their container (a JSON line, a CSV row, a Parquet batch, a file, a feed entry). The
checks that decide whether a record can become an article live here, so a missing text field or invalid
UTF-8 gets the same reason whatever the format. Every bad input becomes a rejected Article (stage
``read``) whose ``metadata["origin"]`` says where it came from, so accepted + rejected = read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from ringkas.jsonl import OversizedNumber
from ringkas.record import Article, content_id
from ringkas.text.dates import iso_date

STAGE = "read"
FIELDS = ("id", "title", "text", "html", "url", "published", "source")
# A record (JSON line, CSV line, file, feed) larger than this is not a news article: reject it unread.
DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024
# Controls other than tab, newline, carriage return and form feed: their presence means binary junk.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BINARY_CONTROL_SHARE = 0.01
# Other input fields (category, author ...) ride along in metadata["extra"] when small and scalar.
EXTRA_MAX_CHARS = 1000


def rejected(origin: dict[str, Any], reason: str, detail: str = "", id_: str | None = None) -> Article:
    """A rejected Article standing for an input that could not be read."""
    if id_ is None:
        where = ":".join(str(v) for v in origin.values())
        id_ = where or "unknown"
    article = Article(id=id_)
    article.metadata["origin"] = dict(origin)
    return article.reject(STAGE, reason, detail[:300])


def text_problem(value: str) -> tuple[str, str] | None:
    """``(reason, detail)`` when a decoded string is not usable text: undecodable bytes or binary junk."""
    if _SURROGATE.search(value):
        return "invalid_utf8", "bytes that are not valid UTF-8 (or a lone surrogate escape)"
    if "\x00" in value:
        return "binary", "NUL bytes: this looks like a binary file"
    controls = len(_CONTROL.findall(value))
    if controls and controls > _BINARY_CONTROL_SHARE * len(value):
        return "binary", f"{controls} control characters in {len(value)}: this looks like binary data"
    return None


def url_problem(url: str | None) -> str | None:
    """Why ``url`` cannot be parsed (an unclosed IPv6 bracket, a port out of range), or None."""
    if not url:
        return None
    try:
        urlsplit(url).port  # the port is parsed only when asked for
    except ValueError as exc:
        return f"url {url[:200]!r} does not parse: {exc}"
    return None


def url_host(url: str | None) -> str | None:
    """The host of ``url``; None when it has none or does not parse (:func:`url_problem` says why)."""
    if not url or url_problem(url):
        return None
    return urlsplit(url).hostname


def _scalar_text(value: Any) -> str | None:
    """Optional metadata fields (title, url, published, source) as strings; None when absent.

    Raises :class:`_NotScalar` for a value that cannot be one (a list, an object, a boolean, an infinite
    number, an over-long integer): the caller drops it and flags the article, never silently.
    """
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN from pandas-written files means missing
        return None
    if isinstance(value, bool) or isinstance(value, float) and not math.isfinite(value):
        raise _NotScalar(value)
    if isinstance(value, (str, int, float)):
        text = str(value).strip()
        return text or None
    raise _NotScalar(value)


class _NotScalar(ValueError):
    def __init__(self, value: Any):
        super().__init__(value if isinstance(value, (bool, float)) else type(value).__name__)


def record_id(value: Any) -> tuple[str | None, str]:
    """``(id, problem)`` for an input id: a string (stripped), an integer, a finite float (``7.0`` -> ``"7"``,
    ``1.5`` -> ``"1.5"``) or a date; ``(None, "")`` when there is none. Anything else is a problem to reject
    as ``bad_id``: NaN, an infinite number (``1e400`` overflows), a boolean, an over-long integer, a list."""
    if value is None:
        return None, ""
    if isinstance(value, bool):
        return None, f"id is {str(value).lower()}: a boolean is not an id"
    if isinstance(value, float):
        if math.isnan(value):
            return None, "id is NaN (not a number)"
        if math.isinf(value):
            return None, "id is infinite (a number such as 1e400 overflows): write the id as a string"
        return (str(int(value)) if value.is_integer() else str(value)), ""
    if isinstance(value, (str, int, datetime, date)):
        return _scalar_text(value), ""
    if isinstance(value, OversizedNumber):
        return None, f"id is {value!r}: write long numeric ids as strings"
    return None, f"id is a {type(value).__name__}, expected a string or number"


def make_article(record: Mapping[str, Any], origin: dict[str, Any],
                 columns: Mapping[str, str] | None = None) -> Article:
    """Build an Article from one mapping, or a rejected Article saying what is wrong with it.

    ``columns`` maps ringkas field names to the record's own names (``{"text": "content"}``). Only ``text``
    or ``html`` is required; without an ``id`` the record gets :func:`content_id` of its content.
    """
    columns = columns or {}
    values = {name: record.get(columns.get(name, name)) for name in FIELDS}
    raw_id, id_problem = record_id(values["id"])
    if id_problem:  # replacing a bad id silently with a content hash would lose the caller's key
        return rejected(origin, "bad_id", id_problem)
    body: dict[str, str] = {}
    for name in ("text", "html"):
        value = values[name]
        if value is None:
            continue
        if not isinstance(value, str):
            return rejected(origin, f"{name}_not_string", f"{name} is a {type(value).__name__}", raw_id)
        problem = text_problem(value)
        if problem:
            return rejected(origin, *problem, id_=raw_id)
        if value.strip():
            body[name] = value
    if not body:
        present = any(values[name] is not None for name in ("text", "html"))
        reason = "empty_text" if present else "missing_text"
        wanted = columns.get("text", "text")
        return rejected(origin, reason, f"no usable {wanted!r} or {columns.get('html', 'html')!r} field", raw_id)
    article = Article(id=raw_id or content_id(body.get("text") or body["html"]),
                      text=body.get("text", ""), html=body.get("html"))
    for name in ("title", "url", "published", "source"):
        try:
            value = _scalar_text(values[name])
        except _NotScalar:  # a list-valued title, say: dropped, and the flag says so
            value = None
            article.flag(f"bad_{name}")
        if value is not None and text_problem(value):
            value = None
            article.flag(f"bad_{name}")
        if name == "published":
            value = iso_date(value)  # a feed's RFC 2822 date as ISO 8601, its offset kept
        setattr(article, name, value)
    problem = url_problem(article.url)
    if problem:  # the site template and the stories read the URL's host: one bad URL must not stop a run
        return rejected(origin, "bad_url", problem, article.id)
    given = record.get("metadata")
    if isinstance(given, Mapping):  # e.g. ringkas fetch's metadata.fetch: how the page was fetched
        article.metadata.update({k: v for k, v in given.items() if isinstance(k, str) and k != "origin"})
    article.metadata["origin"] = dict(origin)
    extra = _extra_fields(record, {columns.get(name, name) for name in FIELDS} | {"metadata"})
    if extra:
        article.metadata["extra"] = extra
    return article


def _extra_fields(record: Mapping[str, Any], used: set[str]) -> dict[str, Any]:
    extra = {}
    for key, value in record.items():
        if key in used or not isinstance(key, str):
            continue
        if isinstance(value, float) and not math.isfinite(value):
            continue  # NaN (pandas' missing value) is not JSON
        if isinstance(value, (bool, int, float)) or isinstance(value, str) and len(value) <= EXTRA_MAX_CHARS:
            if not (isinstance(value, str) and text_problem(value)):
                extra[key] = value
    return extra
