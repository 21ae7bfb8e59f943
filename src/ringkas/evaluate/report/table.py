"""The leaderboard as rows of cells, shared by the text, Markdown and HTML renderings.

A cell holds the corpus figure, its bootstrap interval, whether it is the best in its column (ties share it),
and the paired bootstrap p-value against the best system (see :mod:`ringkas.evaluate.stats`).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ringkas.evaluate.scoring import EvalResult

SIGNIFICANCE = 0.05
# The side-by-side view shows this many articles at most, so a 10,000-article suite still makes a report a
# browser opens; the figures always use every article.
SIDE_BY_SIDE_LIMIT = 300
TIMING_COLUMNS = (("seconds", "time (s)"), ("articles_per_second", "articles/s"), ("load_seconds", "load (s)"))
# The leaderboard's column groups, in order: what a figure is compared with (its metric's target), then cost.
GROUP_ORDER = ("brief", "translation", "reference_free", "stories", "cost")


@dataclass(frozen=True)
class Cell:
    value: float
    low: float = math.nan
    high: float = math.nan
    best: bool = False
    p_vs_best: float | None = None  # None: this is the best, or the figure has no direction

    @property
    def significant(self) -> bool:
        return self.p_vs_best is not None and self.p_vs_best < SIGNIFICANCE

    def text(self, digits: int = 2) -> str:
        return " ".join(part for part in self.parts(digits) if part)

    def parts(self, digits: int = 2) -> tuple[str, str]:
        """The figure and its interval apart: ``("41.23", "± 2.30")``, ``("0.32", "[0.00, 0.91]")``."""
        if math.isnan(self.value):
            return "n/a", ""
        out = f"{self.value:.{digits}f}"
        if math.isnan(self.low):
            return out, ""
        below, above = self.value - self.low, self.high - self.value
        if abs(above - below) > 0.25 * max(above + below, 1e-12):
            # A lopsided interval (near 0 or 100, few articles): "± half" would claim values below 0.
            return out, f"[{self.low:.{digits}f}, {self.high:.{digits}f}]"
        return out, f"± {(self.high - self.low) / 2:.{digits}f}"


@dataclass(frozen=True)
class Column:
    """A leaderboard column: ``key`` is a figure, ``missing`` or a timing key; ``short`` heads it and
    ``meaning`` is its legend line (None: its name says it)."""

    key: str
    short: str
    meaning: str | None = None


@dataclass(frozen=True)
class ColumnGroup:
    label: str
    meaning: str | None
    columns: tuple[Column, ...]


@functools.cache
def _column_labels() -> dict[str, Any]:
    from ringkas._toml import tomllib

    return tomllib.loads(resources.files("ringkas.data").joinpath("report_columns.toml").read_text("utf-8"))


def column(key: str) -> Column:
    entry = _column_labels()["columns"].get(key, {})
    return Column(key, entry.get("short", key), entry.get("meaning"))


def column_groups(result: EvalResult) -> list[ColumnGroup]:
    """The figures grouped by what they compare (reference brief, reference translation, nothing), then the
    cost columns; empty groups left out."""
    keys: dict[str, list[str]] = {group: [] for group in GROUP_ORDER}
    for figure in columns(result):
        keys.setdefault(result.targets.get(figure, "brief"), []).append(figure)
    keys["cost"] = [key for key, _label in timing_columns(result)]
    labels = _column_labels()["groups"]
    return [ColumnGroup(labels.get(group, {}).get("label", group), labels.get(group, {}).get("meaning"),
                        tuple(column(key) for key in members))
            for group, members in keys.items() if members]


def columns(result: EvalResult) -> list[str]:
    return result.figure_names


def timing_columns(result: EvalResult) -> list[tuple[str, str]]:
    return [(key, label) for key, label in TIMING_COLUMNS
            if any(key in s.extra for s in result.systems.values())]


def leaderboard_rows(result: EvalResult) -> list[tuple[str, dict[str, Cell]]]:
    """Each system's cells. "Best" needs something to beat: a figure only one system has is never best."""
    best = {figure: result.best(figure) if _scored_by(result, figure) > 1 else None for figure in columns(result)}
    rows = []
    for name, scores in result.systems.items():
        cells = {}
        for figure in columns(result):
            if figure not in scores.figures:
                continue
            low, high = scores.intervals.get(figure, (math.nan, math.nan))
            p = None
            if best[figure] and best[figure] != name:
                comparison = result.comparison(figure, name, best[figure])
                p = comparison.p_bootstrap if comparison else None
            value = scores.figures[figure]
            # ties share the mark: a system as good as the best is best too
            is_best = best[figure] is not None and value == result.systems[best[figure]].figures[figure]
            cells[figure] = Cell(value, low, high, is_best, None if is_best else p)
        rows.append((name, cells))
    return rows


def _scored_by(result: EvalResult, figure: str) -> int:
    return sum(1 for s in result.systems.values() if not math.isnan(s.figures.get(figure, math.nan)))


def signature_block(result: EvalResult) -> dict:
    """Everything that says how the figures were made: metric signatures, statistics, ringkas, pipelines."""
    return {"metrics": result.signatures, "statistics": result.settings.to_dict(), "ringkas": result.provenance,
            "systems": {name: scores.extra.get("pipeline") for name, scores in result.systems.items()}}
