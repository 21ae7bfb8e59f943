"""The brief: one summary (:class:`Brief`) and the one reading and writing of its text format (bullets,
one per line starting with "- ", or one paragraph). Text only: the summariser role, the guard, the
pipelines' helper steps and the writers all read it from here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ringkas.text import split_sentences

_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+")


@dataclass
class Brief:
    """One summary: ``text`` (bullets are lines starting with "- "; None from a headline-only prompt, which
    leaves the record's brief as it was), a ``headline`` and per-brief facts (such as ``map_reduce_depth``)
    that go into the record's provenance."""

    text: str | None
    headline: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    error: Exception | None = None  # this record could not be summarised (e.g. input_too_long): a reject

    @classmethod
    def failed(cls, error: Exception, **metadata: Any) -> Brief:
        return cls(text=None, metadata=metadata, error=error)


def as_bullets(sentences: list[str]) -> str:
    """The brief format: one sentence per line, each starting with "- "."""
    return "\n".join(f"- {s.strip()}" for s in sentences if s.strip())


def brief_points(brief: str) -> list[str] | None:
    """The points of a bulleted brief (every non-blank line starts with "- ", leading spaces allowed), or
    None for a paragraph brief. The one reading of the brief format, for the digest and the pipelines."""
    lines = [line.strip() for line in brief.splitlines() if line.strip()]
    if lines and all(line.startswith("- ") for line in lines):
        return [line[2:].strip() for line in lines]
    return None


def bullet_lines(brief: str) -> list[str]:
    """The lines of a brief, bullet markers ("- ", "* ", "• ", "1. ", "2) ") removed."""
    return [_BULLET.sub("", line).strip() for line in brief.splitlines() if line.strip()]


def marked_lines(text: str) -> list[str]:
    """Only the lines that carry a bullet marker: drops a chat model's "Here are three points:" preamble."""
    marked = [line for line in text.splitlines() if _BULLET.match(line)]
    return bullet_lines("\n".join(marked)) if marked else bullet_lines(text)


def format_brief(summary: str, style: str = "bullets") -> str:
    """Normalise generated text into the brief format: bullets (one per sentence) or one paragraph."""
    lines = marked_lines(summary.replace("<n>", "\n"))
    if style == "paragraph":
        return " ".join(lines)
    sentences = [s for line in lines for s in split_sentences(line)]
    return as_bullets(sentences)


def default_headline(title: str | None, brief: str) -> str | None:
    """The source title when it is in the brief's language, else the brief's first sentence."""
    if title and title.strip():
        return " ".join(title.split())
    lines = bullet_lines(brief)
    if not lines:
        return None
    first = split_sentences(lines[0])
    return first[0] if first else lines[0]
