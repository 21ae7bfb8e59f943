"""The summariser role: a :class:`Summariser` step reads one text field and writes ``brief``/``headline_en``.

Implementations fill :meth:`Summariser.summarise_batch` (texts in, :class:`Brief` out, same order). The
base class picks the source field, skips empty texts with a rejection, runs the faithfulness guard when one
is attached, and writes provenance: method, model and revision, prompt and version, generation settings and
the map-reduce depth of each brief.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from ringkas.record import Article
from ringkas.step import BatchStep
from ringkas.text import split_sentences

STAGE = "summarise"
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+")
SOURCE_FIELDS = ("text_en", "text")


@dataclass
class Brief:
    """One summary: ``text`` (bullets are lines starting with "- "; None from a headline-only prompt, which
    leaves the record's brief as it was), a ``headline`` and per-brief facts (such as ``map_reduce_depth``)
    that go into the record's provenance."""

    text: str | None
    headline: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


class Summariser(BatchStep):
    """Base of every summariser. Subclasses fill :meth:`summarise_batch` and extend :meth:`provenance`."""

    name = STAGE
    method = "base"
    batch_size = 8

    def __init__(self, source_field: str = "text_en", guard: Any = None, batch_size: int | None = None):
        if source_field not in SOURCE_FIELDS:
            raise ValueError(f"source_field must be one of {SOURCE_FIELDS}, not {source_field!r}")
        self.source_field = source_field
        self.guard = guard
        # Set by the direct pipeline: the brief is English though the source is Indonesian, so a headline
        # taken from the (Indonesian) title gives way to the translated title or the brief's first sentence.
        self.headline_in_english = False
        if batch_size:
            self.batch_size = batch_size

    # --- what implementations fill ------------------------------------------------------------------
    def summarise_batch(self, texts: list[str], titles: list[str | None]) -> list[Brief]:
        raise NotImplementedError

    def provenance(self) -> dict[str, Any]:
        """Settings shared by every brief this summariser writes."""
        return {"method": self.method, "source_field": self.source_field}

    def signature(self) -> dict[str, Any]:
        """The ringkas signature, read once per summariser (library version look-ups are slow)."""
        if getattr(self, "_signature", None) is None:
            from ringkas.provenance import ringkas_signature

            self._signature = ringkas_signature()
        return self._signature

    # --- the loop, written once ---------------------------------------------------------------------
    def title_of(self, article: Article) -> str | None:
        """The title in the same language as the source field."""
        return article.title_en if self.source_field == "text_en" else article.title

    def process_batch(self, articles: list[Article]) -> list[Article]:
        live = []
        for article in articles:
            text = getattr(article, self.source_field) or ""
            if not text.strip():
                article.reject(STAGE, "empty_source", f"field {self.source_field!r} is empty")
            else:
                live.append(article)
        if not live:
            return articles
        texts = [getattr(a, self.source_field) for a in live]
        briefs = self.summarise_batch(texts, [self.title_of(a) for a in live])
        if len(briefs) != len(live):
            raise RuntimeError(f"{type(self).__name__} returned {len(briefs)} briefs for {len(live)} texts")
        shared = {**self.provenance(), "ringkas": self.signature()}
        for article, text, brief in zip(live, texts, briefs):
            self._write(article, text, brief, shared)
        return articles

    def _write(self, article: Article, source: str, brief: Brief, shared: dict[str, Any]) -> None:
        info = {**shared, **brief.metadata}
        if self.guard is not None:
            brief, report = self.guard.check(source, brief, title=self.title_of(article))
            info["faithfulness"] = report
            for code in report.get("flags", []):
                article.flag(code)
        if brief.text is not None:
            article.brief = brief.text
        if self.headline_in_english and brief.headline and brief.headline == default_headline(article.title, ""):
            brief = replace(brief, headline=default_headline(article.title_en, article.brief or ""))
        article.headline_en = brief.headline
        article.add_provenance(STAGE, info)


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
