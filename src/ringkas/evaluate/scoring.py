"""Score several systems against one set of references: figures, intervals, paired tests, per-article views.

:func:`score_systems` is the library entry point behind ``ringkas eval``; it returns an :class:`EvalResult`
whose :meth:`~EvalResult.to_json` is the ``--json`` file and which the report writers read.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ringkas.evaluate.metrics import DEFAULT_METRICS, METRICS, Metric, Segment
from ringkas.evaluate.references import Reference, brief_of, translation_of
from ringkas.evaluate.stats import (MIN_ARTICLES, StatsSettings, approximate_randomisation, bootstrap_intervals,
                                    paired_bootstrap, resample_counts, swap_draws)
from ringkas.record import Article


@dataclass
class SystemScores:
    name: str
    figures: dict[str, float] = field(default_factory=dict)
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)
    missing: int = 0
    missing_translation: int = 0
    # figure -> one value per reference (in reference order; NaN where undefined)
    per_article: dict[str, list[float]] = field(default_factory=dict)
    flags: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # path, timing ...


@dataclass
class Comparison:
    figure: str
    system_a: str
    system_b: str
    delta: float
    p_bootstrap: float
    p_randomisation: float

    def to_dict(self) -> dict[str, Any]:
        return {"figure": self.figure, "a": self.system_a, "b": self.system_b, "delta": _num(self.delta),
                "p_paired_bootstrap": _num(self.p_bootstrap), "p_approximate_randomisation": _num(self.p_randomisation)}


@dataclass
class EvalResult:
    references: list[Reference]
    outputs: dict[str, dict[str, Article]]
    systems: dict[str, SystemScores]
    comparisons: list[Comparison]
    signatures: dict[str, Any]
    directions: dict[str, int]
    settings: StatsSettings
    not_scored: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, Any] = field(default_factory=dict)
    # figure -> what its metric compares: "brief", "translation" or "reference_free" (the report groups by it)
    targets: dict[str, str] = field(default_factory=dict)

    @property
    def figure_names(self) -> list[str]:
        return list(self.directions)

    def best(self, figure: str) -> str | None:
        """The best system on ``figure`` (None for descriptive figures such as length)."""
        direction = self.directions.get(figure, 0)
        scored = [(s.figures[figure], name) for name, s in self.systems.items()
                  if figure in s.figures and not math.isnan(s.figures[figure])]
        if not direction or not scored:
            return None
        return max(scored, key=lambda pair: pair[0] * direction)[1]

    def comparison(self, figure: str, a: str, b: str) -> Comparison | None:
        for item in self.comparisons:
            if item.figure == figure and {item.system_a, item.system_b} == {a, b}:
                return item
        return None

    @property
    def n_summary(self) -> int:
        return sum(1 for ref in self.references if ref.summary)

    @property
    def n_translation(self) -> int:
        return sum(1 for ref in self.references if ref.translation)

    def sample_note(self) -> str:
        """How many references were scored, for the table's footnote; says when that is too few for intervals
        and tests (one article resampled is itself)."""
        n_sum, n_tr = self.n_summary, self.n_translation
        if not n_sum and not n_tr:  # labelled events only (the stories metric)
            n_ev = sum(1 for ref in self.references if ref.event)
            return f"n = {n_ev} reference{'s' if n_ev != 1 else ''} with an event" + (
                ": n too small for intervals and significance tests" if n_ev < MIN_ARTICLES else "")
        if n_sum and n_tr and n_sum != n_tr:
            text = f"n = {n_sum} references with a summary, {n_tr} with a translation"
        elif n_sum:
            text = f"n = {n_sum} reference{'s' if n_sum != 1 else ''}"
        else:
            text = f"n = {n_tr} reference{'s' if n_tr != 1 else ''} with a translation"
        if min(n for n in (n_sum, n_tr) if n) < MIN_ARTICLES:
            text += ": n too small for intervals and significance tests"
        return text

    def to_json(self) -> dict[str, Any]:
        systems = {}
        for name, scores in self.systems.items():
            entry: dict[str, Any] = {
                figure: {"f": _num(value), "ci": [_num(v) for v in scores.intervals.get(figure, (math.nan,) * 2)]}
                for figure, value in scores.figures.items()
            }
            entry["missing"] = scores.missing
            entry["n"] = self.n_summary if self.n_summary else self.n_translation
            if "bleu" in scores.figures or "chrf++" in scores.figures:
                entry["missing_translation"] = scores.missing_translation
            entry.update(scores.extra)
            systems[name] = entry
        return {
            "systems": systems,
            "best": {figure: self.best(figure) for figure in self.figure_names if self.best(figure)},
            "comparisons": [item.to_dict() for item in self.comparisons],
            "signatures": self.signatures,
            "statistics": self.settings.to_dict(),
            "not_scored": self.not_scored,
            "references": {"n": len(self.references), "with_summary": self.n_summary,
                           "with_translation": self.n_translation, "note": self.sample_note()},
            "provenance": self.provenance,
        }


def _num(value: float) -> float | None:
    """JSON has no NaN: an undefined figure is null."""
    return None if value is None or math.isnan(value) else round(float(value), 6)


def build_metrics(names: Sequence[str], options: dict[str, dict[str, Any]] | None = None) -> list[Metric]:
    """Metrics by registry name, built up front so a missing extra or model fails before any scoring."""
    options = options or {}
    return [METRICS.build(name, **options.get(name, {})) for name in names]


def segments_for(metric: Metric, references: Sequence[Reference], outputs: dict[str, Article]) -> list[Segment]:
    """What ``metric`` compares for each reference; a missing output is the empty string (it scores 0)."""
    segments = []
    for ref in references:
        article = outputs.get(ref.id)
        if metric.target == "translation":
            text, reference = translation_of(article) or "", ref.translation
        elif metric.target == "stories":
            text, reference = (article.story if article is not None else None) or "", ref.event
        else:
            text, reference = brief_of(article) or "", ref.summary if metric.target == "brief" else None
        context = translation_of(article)
        segments.append(Segment(id=ref.id, hypothesis=text, reference=reference, source=ref.source,
                                context=context, record=article))
    return segments


def score_systems(
    references: Sequence[Reference],
    outputs: dict[str, dict[str, Article]],
    metrics: Sequence[str] = DEFAULT_METRICS,
    settings: StatsSettings = StatsSettings(),
    metric_options: dict[str, dict[str, Any]] | None = None,
) -> EvalResult:
    """Score every system in ``outputs`` (name -> id -> Article) on every reference."""
    from ringkas.provenance import ringkas_signature

    references = list(references)
    summarised = [ref for ref in references if ref.summary]
    translated = [ref for ref in references if ref.translation]
    scored_refs = {"brief": summarised, "reference_free": summarised, "translation": translated,
                   "stories": [ref for ref in references if ref.event]}
    not_scored = {}
    wanted = []
    for name in metrics:
        if not scored_refs[METRICS.get(name).target]:
            field_name = {"translation": "translation", "stories": "event"}.get(METRICS.get(name).target, "summary")
            not_scored[name] = f"no reference has a '{field_name}'"
        else:
            wanted.append(name)
    built = build_metrics(wanted, metric_options)
    systems = {name: _system_counts(name, summarised, translated, system_outputs)
               for name, system_outputs in outputs.items()}
    directions: dict[str, int] = {}
    targets: dict[str, str] = {}
    signatures: dict[str, Any] = {}
    comparisons: list[Comparison] = []
    draws = _Draws(settings)
    for metric in built:
        refs = scored_refs[metric.target]
        stats = metric.systems_stats({name: segments_for(metric, refs, system_outputs)
                                      for name, system_outputs in outputs.items()})
        for name, system_stats in stats.items():
            _fill_figures(systems[name], metric, system_stats, draws, refs, references)
        comparisons.extend(_compare(metric, stats, draws))
        directions.update({figure: metric.direction_of(figure) for figure in metric.figures})
        targets.update({figure: metric.target for figure in metric.figures})
        signatures[metric.name] = metric.signature()
    for name, system_outputs in outputs.items():
        _flag_articles(systems[name], references, system_outputs)
    return EvalResult(references=references, outputs=dict(outputs), systems=systems, comparisons=comparisons,
                      signatures=signatures, directions=directions, settings=settings, not_scored=not_scored,
                      provenance=ringkas_signature(), targets=targets)


def pipeline_provenance(outputs: dict[str, Article]) -> dict[str, Any] | None:
    """What made a system's outputs (model ids, revisions, settings per stage), from its first record that
    says so; jobs write the same provenance on every record."""
    for article in outputs.values():
        provenance = article.metadata.get("provenance")
        if provenance:
            return provenance
    return None


def _system_counts(name: str, summarised: Sequence[Reference], translated: Sequence[Reference],
                   outputs: dict[str, Article]) -> SystemScores:
    provenance = pipeline_provenance(outputs)
    return SystemScores(
        name=name,
        extra={"pipeline": provenance} if provenance else {},
        missing=sum(1 for ref in summarised if brief_of(outputs.get(ref.id)) is None),
        missing_translation=sum(1 for ref in translated if translation_of(outputs.get(ref.id)) is None),
    )


class _Draws:
    """The bootstrap resamples and randomisation swaps for ``n`` articles, drawn once and shared by every metric
    and system scored on the same references (the same draws for all, as :mod:`~ringkas.evaluate.stats` says).
    Fewer than ``MIN_ARTICLES`` articles get none: one article resampled is itself, not an interval."""

    def __init__(self, settings: StatsSettings):
        self.settings = settings
        self._counts: dict[int, np.ndarray] = {}
        self._swaps: dict[int, np.ndarray] = {}

    def counts(self, n: int) -> np.ndarray | None:
        if n < MIN_ARTICLES:
            return None
        if n not in self._counts:
            self._counts[n] = resample_counts(n, self.settings.n_resamples, self.settings.seed)
        return self._counts[n]

    def swaps(self, n: int) -> np.ndarray:
        if n not in self._swaps:
            self._swaps[n] = swap_draws(n, self.settings.n_trials, self.settings.seed)
        return self._swaps[n]


def _fill_figures(scores: SystemScores, metric: Metric, stats: np.ndarray, draws: _Draws,
                  refs: Sequence[Reference], all_refs: Sequence[Reference]) -> None:
    scores.figures.update(metric.corpus_figures(stats))
    counts = draws.counts(len(stats))
    if counts is not None:
        scores.intervals.update(bootstrap_intervals(metric, stats, counts, draws.settings.confidence))
    position = {ref.id: i for i, ref in enumerate(refs)}
    for figure, values in metric.article_figures(stats).items():
        scores.per_article[figure] = [float(values[position[ref.id]]) if ref.id in position else math.nan
                                      for ref in all_refs]


def _compare(metric: Metric, stats: dict[str, np.ndarray], draws: _Draws) -> list[Comparison]:
    tested = [figure for figure in metric.figures if metric.direction_of(figure)]
    out = []
    for a, b in itertools.combinations(stats, 2):
        if not tested:
            break
        n = len(stats[a])
        counts = draws.counts(n)
        if counts is None:  # too few articles to test anything: the difference stands alone, p undefined
            p_boot = p_ar = dict.fromkeys(tested, math.nan)
        else:
            p_boot = paired_bootstrap(metric, stats[a], stats[b], counts)
            p_ar = approximate_randomisation(metric, stats[a], stats[b], swaps=draws.swaps(n))
        fig_a, fig_b = metric.corpus_figures(stats[a]), metric.corpus_figures(stats[b])
        out.extend(Comparison(figure, a, b, fig_a[figure] - fig_b[figure], p_boot[figure], p_ar[figure])
                   for figure in tested)
    return out


def _flag_articles(scores: SystemScores, references: Sequence[Reference], outputs: dict[str, Article]) -> None:
    """Per-article flags for the side-by-side view: the pipeline's own flags plus what scoring noticed."""
    from ringkas.evaluate.metrics.reference_free import checked_numbers

    for ref in references:
        article = outputs.get(ref.id)
        flags = list(article.flags) if article else []
        brief = brief_of(article)
        if brief is None:
            if ref.summary:
                flags.append("missing")
        elif ref.source:
            unsupported = checked_numbers(brief, ref.source)[0]
            if unsupported:
                flags.append("numbers_not_in_source: " + ", ".join(unsupported))
        scores.flags[ref.id] = flags
