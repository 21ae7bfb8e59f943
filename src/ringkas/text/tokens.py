"""Word tokens for counting and repetition checks (not for models): runs of word characters, with a number
and its separators kept whole, so "Rp 1.000.000.000", "1,000,000" and "01/02/2025" are one token each
rather than repeats of "000"."""

from __future__ import annotations

import re

WORD = re.compile(r"\d+(?:[.,:/-]\d+)*|\w+", re.UNICODE)


def words(text: str | None) -> list[str]:
    """Lower-cased word tokens of ``text`` (none for ``None``)."""
    return WORD.findall((text or "").lower())
