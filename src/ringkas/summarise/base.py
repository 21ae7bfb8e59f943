"""The summariser role: a :class:`Summariser` step reads one text field and writes ``brief``/``headline_en``.

Implementations fill :meth:`Summariser.summarise_batch` (texts in, :class:`Brief` out, same order). The
base class picks the source field, skips empty texts with a rejection, runs the faithfulness guard when one
is attached, and writes provenance: method, model and revision, prompt and version, generation settings and
the map-reduce depth of each brief.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ringkas.models.runtime import Budget
from ringkas.record import Article
from ringkas.step import BatchStep
from ringkas.summarise.brief import (  # noqa: F401  (the brief format: re-exported where it was defined)
    Brief,
    as_bullets,
    brief_points,
    bullet_lines,
    default_headline,
    format_brief,
    marked_lines,
)

STAGE = "summarise"
SOURCE_FIELDS = ("text_en", "text")


class Summariser(BatchStep):
    """Base of every summariser, built from :class:`~ringkas.summarise.settings.SummariserSettings` (no
    weights load here). Subclasses fill :meth:`summarise_batch` and extend :meth:`provenance`."""

    name = STAGE
    method = "base"

    def __init__(self, settings: Any, budget: Budget | None = None):
        self.settings = settings
        self.budget = budget  # the CPUs and GPUs a model may use; None: the whole machine
        self.method = settings.method
        self.pipeline = settings.pipeline
        self.source_field = settings.pipeline.source_field
        self.batch_size = settings.batch_articles
        self.guard = _guard(settings)
        self.support = _support(settings)
        self.max_chars = settings.max_chars or default_max_chars()

    # --- what implementations fill ------------------------------------------------------------------
    def summarise_batch(self, texts: list[str], titles: list[str | None]) -> list[Brief]:
        """Briefs for ``texts`` (``titles`` are in the source's language); a headline only where the
        method makes one, else the base writes the title in the brief's language or the first sentence."""
        raise NotImplementedError

    def provenance(self) -> dict[str, Any]:
        """Settings shared by every brief this summariser writes."""
        return self.settings.provenance()

    def execution(self) -> dict[str, Any]:
        """How this process runs the model (exact device, threads, compute budget), for the run's manifest;
        never in a brief. Empty for a method without a model."""
        return {}

    def signature(self) -> dict[str, Any]:
        """The ringkas signature, read once per summariser (library version look-ups are slow)."""
        if getattr(self, "_signature", None) is None:
            from ringkas.provenance import ringkas_signature

            self._signature = ringkas_signature()
        return self._signature

    # --- the loop, written once ---------------------------------------------------------------------
    def process_batch(self, articles: list[Article]) -> list[Article]:
        live = []
        for article in articles:
            text = getattr(article, self.source_field) or ""
            if not text.strip():
                article.reject(STAGE, "empty_source", f"field {self.source_field!r} is empty")
            elif len(text) > self.max_chars:
                article.reject(STAGE, "too_long", f"field {self.source_field!r} has {len(text):,} characters, "
                               f"over max_chars = {self.max_chars:,} (the cleaner's limit)")
            else:
                live.append(article)
        if not live:
            return articles
        texts = [getattr(a, self.source_field) for a in live]
        briefs = self.summarise_batch(texts, [getattr(a, self.pipeline.source_title) for a in live])
        if len(briefs) != len(live):
            raise RuntimeError(f"{type(self).__name__} returned {len(briefs)} briefs for {len(live)} texts")
        shared = {**self.provenance(), "ringkas": self.signature()}
        for article, text, brief in zip(live, texts, briefs):
            self._write(article, text, brief, shared)
        return articles

    def _write(self, article: Article, source: str, brief: Brief, shared: dict[str, Any]) -> None:
        if brief.error is not None:
            from ringkas.step import reject_reason

            article.reject(STAGE, reject_reason(brief.error), str(brief.error)[:500])
            return
        info = {**shared, **brief.metadata}
        if self.guard is not None:
            brief, report = self.guard.check(source, brief, title=getattr(article, self.pipeline.source_title))
            info["faithfulness"] = report
            for code in report.get("flags", []):
                article.flag(code)
        if brief.headline is None and brief.text is not None:
            # The title in the brief's language, else the brief's first sentence: never the source's title
            # in another language (direct: an Indonesian title is no headline_en).
            brief = replace(brief, headline=default_headline(getattr(article, self.pipeline.headline_title),
                                                             brief.text))
        if brief.text is not None:
            article.brief = brief.text
        if brief.headline is not None or brief.text is not None:
            article.headline_en = brief.headline
        if self.support is not None:
            from ringkas.summarise.support import record_brief_support

            record_brief_support(article, self.support.unsupported(
                brief.text, brief.headline, source, getattr(article, self.pipeline.source_title)))
            info["support"] = self.support.provenance()
        article.add_provenance(STAGE, info)


def _guard(settings: Any) -> Any:
    """The faithfulness guard of a generated brief (extractive briefs copy the source: nothing to check)."""
    if settings.is_extractive or not (settings.check_faithfulness or settings.fallback_extractive):
        return None
    from ringkas.summarise.faithfulness import FaithfulnessGuard

    return FaithfulnessGuard(fallback="lead" if settings.fallback_extractive else None)


def _support(settings: Any) -> Any:
    """The brief support check (extractive briefs are the source's own sentences: nothing to check)."""
    if settings.is_extractive or not settings.check_support:
        return None
    from ringkas.summarise.support import BriefSupport

    options = {"threshold": settings.support_threshold} if settings.support_threshold is not None else {}
    return BriefSupport(backend=settings.encoder, **options)


def default_max_chars() -> int:
    """The cleaner's limit on one article's text: a source over it is rejected, not summarised for minutes."""
    from ringkas.clean import DEFAULT_MAX_TEXT_CHARS

    return DEFAULT_MAX_TEXT_CHARS


class ModelSummariser(Summariser):
    """A summariser with a model behind it (seq2seq or instruct): the generator is built at construction
    (config read, backend chosen, no weights), and parts of a map-reduce round go to it with their caps."""

    def __init__(self, settings: Any, budget: Budget | None = None):
        from ringkas.summarise.generator import build_generator

        super().__init__(settings, budget)
        self.generator = build_generator(settings, budget)

    @property
    def generation(self) -> Any:
        raise NotImplementedError

    def generate_capped(self, inputs: list[str], caps: list[int | None]) -> list[str]:
        """Generated text per model input; inputs sharing a cap (None: the settings' own) share batches."""
        out: list[str] = [""] * len(inputs)
        for cap in sorted(set(caps), key=lambda c: -1 if c is None else c):
            chosen = [i for i, c in enumerate(caps) if c == cap]
            generation = self.generation if cap is None else self.generation.capped(cap)
            for i, text in zip(chosen, self.generator.generate([inputs[i] for i in chosen], generation)):
                out[i] = text
        return out

    def provenance(self) -> dict[str, Any]:
        return {**super().provenance(), **self.generator.provenance(), "generation": self.generation.as_dict()}

    def execution(self) -> dict[str, Any]:
        return self.generator.execution()
