"""A page's bytes as text: the charset from the Content-Type header, else from ``<meta>``, else detected.

Labels are read the way browsers read them (WHATWG): ``iso-8859-1``, ``latin1`` and ``ascii`` mean
windows-1252, which is what pages that declare them are written in.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BROWSER_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
                    "us-ascii": "cp1252", "iso8859-1": "cp1252"}
PREFERRED = "cp1252"
_META_WINDOW = 4096  # browsers look for <meta charset> in the first 1024 bytes; portals put it later


def header_charset(content_type: str) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return _known(match.group(1)) if match else None


def decode_page(data: bytes, content_type: str = "") -> tuple[str, str, str]:
    """``(text, charset, how)`` where ``how`` is ``bom``, ``header``, ``meta``, ``detected`` or ``fallback``."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name, "bom"
    candidates = (("header", header_charset(content_type)), ("meta", _meta_charset(data)))
    for how, name in candidates:
        if name:
            try:
                return data.decode(name), name, how
            except UnicodeDecodeError:
                continue  # a page that lies about its charset: try the next source
    detected = _detect(data)
    if detected:
        return data.decode(detected, errors="replace"), detected, "detected"
    return data.decode("utf-8", errors="replace"), "utf-8", "fallback"


def _meta_charset(data: bytes) -> str | None:
    """The ``<meta>`` charset as the WHATWG prescan reads it: a page whose bytes could be read as ASCII to
    find the tag is not UTF-16, so a declared UTF-16 means UTF-8; x-user-defined means windows-1252."""
    match = _META_CHARSET.search(data[:_META_WINDOW])
    if not match:
        return None
    label = match.group(1).decode("ascii", "ignore").strip().lower()
    if label == "x-user-defined":
        return PREFERRED
    name = _known(label)
    if name and name.startswith("utf-16"):
        return "utf-8"
    if name and name.startswith("utf-32"):
        return None  # not an encoding browsers know: the label is ignored
    return name


def _known(label: str) -> str | None:
    label = label.strip().lower()
    label = _BROWSER_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _detect(data: bytes) -> str | None:
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None
    # Single-byte Latin code pages often decode a page equally well; a Latin-script news page that is not
    # UTF-8 is nearly always windows-1252 (the browsers' default too), so it wins the ties.
    least = min(m.chaos for m in matches)
    for match in matches:
        if match.chaos == least and PREFERRED in (match.encoding, *match.could_be_from_charset):
            return PREFERRED
    return _known(matches[0].encoding)
