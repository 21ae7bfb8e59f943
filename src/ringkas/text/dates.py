"""Publication dates: ISO 8601 in the data, written as people write them in the digest.

Feeds give RSS's RFC 2822 dates (``Thu, 08 Jan 2026 10:00:00 +0700``), Atom's and WARC's ISO 8601, and
scrapers whatever they found. :func:`iso_date` makes the first two one form, keeping the feed's own offset
(an Indonesian portal's +07:00 stays WIB); anything it cannot read is kept as it came, never guessed at.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")
# Indonesia's zones, as its papers write them; other offsets are written as UTC+H.
_ZONES = {7: "WIB", 8: "WITA", 9: "WIT", 0: "UTC"}


def iso_date(value: str | None) -> str | None:
    """``value`` as ISO 8601 when it is an RFC 2822 or ISO date; otherwise ``value`` unchanged."""
    if value is None:
        return None
    text = value.strip()
    if _ISO.match(text):
        return text
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return value
    if moment is None:
        return value
    if moment.tzinfo is None:  # RFC 2822's "-0000": a time in UTC with no zone of its own
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat(timespec="seconds")


def readable_date(value: str | None) -> str | None:
    """An ISO date as people write it: ``2026-01-08T10:00:00+07:00`` -> "8 January 2026, 10:00 WIB";
    ``2022-11-21`` -> "21 November 2022". Anything else is shown as it is (``None`` stays ``None``)."""
    if not value:
        return None
    text = iso_date(value) or value
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return value
    day = f"{moment.day} {moment:%B %Y}"
    if len(text) <= 10:  # a date without a time
        return day
    offset = moment.utcoffset()
    if offset is None:
        return f"{day}, {moment:%H:%M}"
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    zone = _ZONES.get(hours) if not rest else None
    zone = zone or f"UTC{'+' if offset.total_seconds() >= 0 else '-'}{abs(hours)}" + (f":{rest // 60:02d}" if rest else "")
    return f"{day}, {moment:%H:%M} {zone}"
