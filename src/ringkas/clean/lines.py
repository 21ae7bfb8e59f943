"""Lines and paragraphs of scraped text.

The cleaner works on *units*: one paragraph each. Scraped text puts a paragraph on each line, or separates
paragraphs with blank lines, or hard-wraps them; :func:`join_wrapped` glues a line to the previous one only
when that one stops mid-sentence and this one starts in lower case, which is how a hard wrap looks.
"""

from __future__ import annotations

import re

_ENDS_CLAUSE = re.compile(r"[.!?:;…\"'”’)\]]\s*$")


def blocks_of_lines(text: str) -> list[list[str]]:
    """Blank-line separated blocks, each a list of its non-empty stripped lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def join_wrapped(lines: list[str]) -> list[str]:
    """Paragraph units from the lines of one block (hard-wrapped lines joined back)."""
    units: list[str] = []
    for line in lines:
        if units and line[0].islower() and not _ENDS_CLAUSE.search(units[-1]):
            units[-1] = f"{units[-1]} {line}"
        else:
            units.append(line)
    return units


def normalise_for_match(text: str) -> str:
    """Case- and punctuation-insensitive key, for spotting repeated headlines and paragraphs."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
