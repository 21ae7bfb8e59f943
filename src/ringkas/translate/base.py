"""The translator role: Articles in, Articles with English fields out.

An implementation fills :meth:`Translator.translate_batch` (one model batch of chunk texts in, their
translations out, same order) and :meth:`Translator.count_tokens`. This base does the rest, once for every
backend: paragraphs -> sentences -> chunks that fit the window; chunks from every article of a step batch are
looked up in the cache (:mod:`ringkas.translate.cache`, which also makes the cache scopes), sorted by length
and grouped under a token budget; each output is checked (:mod:`ringkas.translate.checks`) and a flagged chunk
translated again one sentence per input, then degenerate outputs retried once with safer settings
(:mod:`ringkas.translate.repair`); results go back to their articles so each translated field has exactly the
paragraphs of its source, with the checks' flags.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from ringkas.models.hub import resolve_model
from ringkas.record import Article
from ringkas.step import BatchStep
from ringkas.text import join_paragraphs, split_paragraphs
from ringkas.models.batching import token_budget_batches
from ringkas.translate.cache import repair_scope, translation_scope
from ringkas.translate.checks import REPAIRED_FLAG, ChunkCheck, check_chunk, check_translated, checks_provenance
from ringkas.translate.chunking import chunk_paragraph
from ringkas.translate.repair import repair_flagged, retry_degenerate
from ringkas.translate.settings import TranslationSettings
from ringkas.translate.tokenizer import ModelTokenizer

log = logging.getLogger(__name__)

# Source field -> field that receives its translation.
DEFAULT_FIELDS = {"title": "title_en", "text": "text_en"}
# Tokens kept free below the model's window: special tokens, language codes, tokenizer drift.
WINDOW_HEADROOM = 16


@dataclass
class TranslationStats:
    """Running totals for progress lines and the CLI summary."""

    articles: int = 0
    chunks: int = 0
    cache_hits: int = 0
    source_tokens: int = 0
    output_tokens: int = 0
    retried: int = 0
    repaired: int = 0  # chunks translated again one sentence per input
    seconds: float = 0.0

    @property
    def output_tokens_per_s(self) -> float:
        return self.output_tokens / self.seconds if self.seconds else 0.0


@dataclass
class _FieldPlan:
    source: str
    target: str
    paragraphs: list[list[int]] = field(default_factory=list)  # chunk ids per paragraph


class Translator(BatchStep):
    """Base for translator backends (see the module docstring)."""

    name = "translate"
    backend = "base"
    batch_size = 64  # articles per step batch: more articles, better length sorting across them

    def __init__(self, settings: TranslationSettings | None = None, fields: dict[str, str] | None = None,
                 cache: Any = None):
        self.settings = settings or TranslationSettings()
        self.fields = dict(fields or DEFAULT_FIELDS)
        for source in self.fields:
            if source not in Article.__dataclass_fields__ or source in ("flags", "metadata", "id"):
                raise ValueError(f"cannot translate field {source!r}: not a text field of Article")
        self.cache = cache
        self.stats = TranslationStats()
        self.meaning = None
        if self.settings.meaning_checks:
            from ringkas.translate.meaning import SentenceMeaning

            self.meaning = SentenceMeaning(**self.settings.meaning_options())

    # --- what an implementation fills ----------------------------------------------------------------
    def translate_batch(self, texts: list[str], settings: TranslationSettings | None = None) -> list[str]:
        """Translate one model batch; same length and order as ``texts``."""
        raise NotImplementedError

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Source tokens per text (including special tokens). The default is a rough word-based estimate."""
        return [len(t.split()) + 1 for t in texts]

    @property
    def window(self) -> int:
        """Positions the model can attend over (source and generated tokens each)."""
        return 512

    def identity(self) -> dict[str, Any]:
        """Model, revision, backend and numeric settings: what a cached translation depends on."""
        return {"backend": self.backend}

    def provenance(self) -> dict[str, Any]:
        """Model id, revision, backend, settings and the ringkas signature, as written into each record."""
        from ringkas.provenance import ringkas_signature

        return {**self.identity(), "settings": self.settings.as_dict(), "fields": self.fields,
                "checks": self._checks_provenance(), "ringkas": ringkas_signature()}

    def execution(self) -> dict[str, Any]:
        """How this process runs the model (exact device, threads, compute budget), for the run's manifest;
        never in a record, which must not depend on the machine or engine. Empty without a model."""
        return {}

    def _checks_provenance(self) -> dict[str, Any]:
        return checks_provenance(**self.settings.check_settings(), meaning=self.meaning)

    # --- the loop, written once ----------------------------------------------------------------------
    @property
    def chunk_limit(self) -> int:
        return max(8, min(self.settings.chunk_tokens, self.window - WINDOW_HEADROOM))

    def process_batch(self, articles: list[Article]) -> list[Article]:
        started = time.monotonic()
        chunks: list[str] = []
        lengths: list[int] = []
        plans = [self._plan(article, chunks, lengths) for article in articles]
        outputs, retries, repairs = self.translate_chunks(chunks, lengths)
        provenance = self.provenance()
        for article, plan in zip(articles, plans):
            if not plan:
                article.reject(self.name, "nothing_to_translate", f"empty: {', '.join(self.fields)}")
                continue
            self._fill(article, plan, chunks, outputs, retries)
            self._check_record(article, plan, chunks, outputs, repairs)
            article.add_provenance("translate", provenance)
        self.stats.articles += len(articles)
        self.stats.seconds += time.monotonic() - started
        return articles

    def _plan(self, article: Article, chunks: list[str], lengths: list[int]) -> list[_FieldPlan]:
        plans = []
        warnings = []
        for source, target in self.fields.items():
            value = getattr(article, source)
            if value is not None and not isinstance(value, str):
                raise TypeError(f"field {source!r} is {type(value).__name__}, not text")
            if not value or not value.strip():
                continue
            plan = _FieldPlan(source, target)
            for paragraph in split_paragraphs(value):
                cut = chunk_paragraph(paragraph, self.count_tokens, self.chunk_limit)
                warnings.extend(f"{source}: {w}" for w in cut.warnings)
                plan.paragraphs.append(list(range(len(chunks), len(chunks) + len(cut.chunks))))
                chunks.extend(cut.chunks)
                lengths.extend(cut.lengths)
            plans.append(plan)
        if warnings:
            article.metadata.setdefault("translate", {})["split_sentences"] = warnings
            article.flag("mt_sentence_split")
        return plans

    def _fill(self, article: Article, plans: list[_FieldPlan], chunks: list[str], outputs: list[str],
              retries: dict[int, dict[str, Any]]) -> None:
        notes = []
        for plan in plans:
            paragraphs = []
            for ids in plan.paragraphs:
                # An empty translation would merge two paragraphs; keep the source text there, flagged.
                if any(not outputs[i] for i in ids):
                    article.flag("mt_untranslated")
                paragraphs.append(" ".join(outputs[i] or chunks[i] for i in ids))
                notes.extend(retries[i] for i in ids if i in retries)
            setattr(article, plan.target, join_paragraphs(paragraphs))
        if notes:
            article.metadata.setdefault("translate", {})["degenerate"] = notes
            article.flag("mt_retried")
            if any(not n["fixed"] for n in notes):
                article.flag("mt_degenerate")

    def _check_record(self, article: Article, plans: list[_FieldPlan], chunks: list[str], outputs: list[str],
                      repairs: dict[int, dict[str, Any]]) -> None:
        """Flags and ``metadata.check`` paragraph by paragraph, exactly as ``ringkas check`` sets them on the
        output (chunks are only the unit of repair), plus the repair notes of this record's chunks."""
        notes = [repairs[i] for plan in plans for paragraph in plan.paragraphs for i in paragraph if i in repairs]
        check_translated(article, {plan.source: plan.target for plan in plans}, numbers=self.settings.check_numbers,
                         sentences=self.settings.check_sentences, meaning=self.meaning)
        if notes:
            article.metadata.setdefault("translate", {})["repair"] = notes
            if any(n["fixed"] for n in notes):
                article.flag(REPAIRED_FLAG)

    def _check(self, source: str, output: str) -> ChunkCheck:
        return check_chunk(source, output, numbers=self.settings.check_numbers, sentences=self.settings.check_sentences,
                           meaning=self.meaning)

    def translate_chunks(self, chunks: list[str], lengths: list[int]
                         ) -> tuple[list[str], dict[int, dict[str, Any]], dict[int, dict[str, Any]]]:
        """Translations of ``chunks`` in input order, plus retry notes and repair notes by chunk index.

        The cache keeps a chunk never repaired under its scope, and a chunk whose translation was checked,
        flagged and translated again under a scope of its own (the repair settings added), so a run without
        repairs never takes a repaired output and a run with them re-checks every output it reads."""
        unique: dict[str, list[int]] = {}
        for i, chunk in enumerate(chunks):
            unique.setdefault(chunk, []).append(i)
        texts = list(unique)
        length_of = {t: lengths[unique[t][0]] for t in texts}
        done, retry_notes, repair_notes = self._cached(texts)
        cached = set(done)
        todo = [t for t in texts if t not in done]
        done.update(zip(todo, self._run_batches(todo, [length_of[t] for t in todo], self.settings)))
        # Check and repair fresh outputs, and cached ones a run without repairs wrote.
        candidates = todo + [t for t in texts if t in cached and t not in repair_notes]
        attempted, split = self._repair(candidates, done, repair_notes)
        # A cached output has had its retry already; a repaired one has not.
        self._retry(todo + [t for t in split if t in cached], length_of, done, retry_notes, split)
        if self.cache is not None:
            plain = {t: done[t] for t in todo if t not in attempted}
            if plain:
                self.cache.put_many(self._cache_scope(), plain, retry_notes)
            if attempted:
                self.cache.put_many(self._repair_scope(), {t: done[t] for t in attempted},
                                    {t: {"retry": retry_notes.get(t), "repair": repair_notes[t]} for t in attempted})
        self.stats.chunks += len(chunks)
        self.stats.cache_hits += sum(len(unique[t]) for t in cached)
        self.stats.source_tokens += sum(lengths)
        outputs = [""] * len(chunks)
        retries: dict[int, dict[str, Any]] = {}
        repairs: dict[int, dict[str, Any]] = {}
        for text, indices in unique.items():
            for i in indices:
                outputs[i] = done.get(text) or ""
                if text in retry_notes:
                    retries[i] = retry_notes[text]
                if text in repair_notes:
                    repairs[i] = repair_notes[text]
        return outputs, retries, repairs

    def _cached(self, texts: list[str]) -> tuple[dict[str, str], dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
        """(translations, retry notes, repair notes) the cache holds for ``texts``: repaired entries first."""
        done: dict[str, str] = {}
        retry_notes: dict[str, dict[str, Any]] = {}
        repair_notes: dict[str, dict[str, Any]] = {}
        if self.cache is None:
            return done, retry_notes, repair_notes
        if self.settings.repairs:
            for text, (translation, note) in self.cache.get_many(self._repair_scope(), texts).items():
                done[text] = translation
                if note and note.get("retry"):
                    retry_notes[text] = note["retry"]
                if note and note.get("repair"):
                    repair_notes[text] = note["repair"]
        rest = [t for t in texts if t not in done]
        for text, (translation, note) in self.cache.get_many(self._cache_scope(), rest).items():
            done[text] = translation
            if note is not None:
                retry_notes[text] = note
        return done, retry_notes, repair_notes

    def _cache_scope(self) -> str:
        return translation_scope(self.identity(), self.settings)

    def _repair_scope(self) -> str:
        return repair_scope(self._cache_scope(), self._checks_provenance())

    def _repair(self, texts: list[str], done: dict[str, str],
                notes: dict[str, dict[str, Any]]) -> tuple[set[str], set[str]]:
        return repair_flagged(self, texts, done, notes)

    def _retry(self, texts: list[str], length_of: dict[str, int], done: dict[str, str],
               notes: dict[str, dict[str, Any]], split: set[str]) -> None:
        retry_degenerate(self, texts, length_of, done, notes, split)

    def translate_batches(self, batches: list[list[str]], settings: TranslationSettings) -> list[list[str]]:
        """Translate several model batches. One after another here; a backend that can run batches in
        parallel (CTranslate2's ``inter_threads``) overrides this."""
        return [self.translate_batch(batch, settings) for batch in batches]

    def _run_batches(self, texts: list[str], lengths: list[int], settings: TranslationSettings) -> list[str]:
        outputs: list[str] = [""] * len(texts)
        batches = token_budget_batches(lengths, settings.batch_tokens)
        results = self.translate_batches([[texts[i] for i in batch] for batch in batches], settings)
        for batch, translated in zip(batches, results):
            if len(translated) != len(batch):
                raise RuntimeError(f"{self.backend} returned {len(translated)} translations for {len(batch)} chunks")
            for i, text in zip(batch, translated):
                # A translation never carries paragraph breaks: they belong to the source's structure.
                outputs[i] = " ".join(text.split())
        return outputs


class ModelTranslator(Translator):
    """A translator backed by a Hugging Face model (hub id or folder), whatever runs it: the reference is
    resolved at once (a missing model fails here, with what to do), the tokenizer on first use; the window
    and token counts are the tokenizer's."""

    def __init__(self, model: str, revision: str | None = None, trust_remote_code: bool = False,
                 settings: TranslationSettings | None = None, fields: dict[str, str] | None = None,
                 cache: Any = None):
        super().__init__(settings=settings, fields=fields, cache=cache)
        self.ref = resolve_model(model, revision=revision, trust_remote_code=trust_remote_code)
        self._tok: ModelTokenizer | None = None

    @property
    def tok(self) -> ModelTokenizer:
        if self._tok is None:
            self._tok = ModelTokenizer.load(self.ref)
        return self._tok

    @property
    def window(self) -> int:
        return self.tok.window

    def count_tokens(self, texts: list[str]) -> list[int]:
        return self.tok.count_tokens(texts)
