"""Feed text made inert in Markdown, for every Markdown file ringkas writes (the digest, the eval report).

Scraped titles and generated briefs are untrusted: a ``[link](javascript:...)``, raw HTML, ``**`` or a
leading ``#`` must show as the characters they are, and a ``|`` must not break a table cell.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")
_LINE_START = re.compile(r"^([#+\-])")
_ORDERED_START = re.compile(r"^(\d+)([.)])")  # "1." / "1)": escape the mark; a backslash before a digit is literal


def inert(text: str) -> str:
    """One line of text, inert in Markdown: no markup, no HTML, no heading or list at its start."""
    line = _LINE_START.sub(r"\\\1", _SPECIAL.sub(r"\\\1", " ".join(text.split())))
    return _ORDERED_START.sub(r"\1\\\2", line)
