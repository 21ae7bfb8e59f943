"""Feed text made inert in Markdown, for every Markdown file ringkas writes (the digest, the eval report).

Scraped titles and generated briefs are untrusted: a ``[link](javascript:...)``, raw HTML, ``**`` or a
leading ``#`` must show as the characters they are, and a ``|`` must not break a table cell. Feed URLs are
untrusted too: :func:`link_destination` makes one a CommonMark link destination that cannot end early, so
``http://x.example/<img src=x onerror=...>`` stays one link to that (percent-encoded) address.
"""

from __future__ import annotations

import re
from urllib.parse import quote

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")
_LINE_START = re.compile(r"^([#+\-])")
_ORDERED_START = re.compile(r"^(\d+)([.)])")  # "1." / "1)": escape the mark; a backslash before a digit is literal


def inert(text: str) -> str:
    """One line of text, inert in Markdown: no markup, no HTML, no heading or list at its start."""
    line = _LINE_START.sub(r"\\\1", _SPECIAL.sub(r"\\\1", " ".join(text.split())))
    return _ORDERED_START.sub(r"\1\\\2", line)


# What a URL may keep as it is: RFC 3986's unreserved and reserved characters and "%" (already-encoded bytes).
# Everything else (space, < > " \ ` { } | ^, controls, non-ASCII) is percent-encoded as UTF-8.
_URL_SAFE = "-._~:/?#[]@!$&'()*+,;=%"


def link_destination(url: str) -> str:
    """``url`` as a Markdown link destination, ``<...>``: percent-encoded so no ``<``, ``>``, space or line
    break can end it (CommonMark's rule for the pointy-bracket form), and ``&`` backslash-escaped so an entity
    name after it (``&lt;``) is not decoded. The address a browser follows is the one the feed gave."""
    encoded = quote(url.strip(), safe=_URL_SAFE)
    return "<" + encoded.replace("&", "\\&") + ">"
