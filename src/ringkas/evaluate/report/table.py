"""The leaderboard as rows of cells, shared by the text, Markdown and HTML renderings.

A cell holds the corpus figure, its bootstrap interval, whether it is the best in its column (ties share it),
and the paired bootstrap p-value against the best system (see :mod:`ringkas.evaluate.stats`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ringkas.evaluate.scoring import EvalResult

SIGNIFICANCE = 0.05
# The side-by-side view shows this many articles at most, so a 10,000-article suite still makes a report a
# browser opens; the figures always use every article.
SIDE_BY_SIDE_LIMIT = 300
TIMING_COLUMNS = (("seconds", "time (s)"), ("articles_per_second", "articles/s"), ("load_seconds", "load (s)"))


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
        if math.isnan(self.value):
            return "n/a"
        out = f"{self.value:.{digits}f}"
        if not math.isnan(self.low):
            below, above = self.value - self.low, self.high - self.value
            if abs(above - below) > 0.25 * max(above + below, 1e-12):
                # A lopsided interval (near 0 or 100, few articles): "± half" would claim values below 0.
                return out + f" [{self.low:.{digits}f}, {self.high:.{digits}f}]"
            out += f" ± {(self.high - self.low) / 2:.{digits}f}"
        return out


def columns(result: EvalResult) -> list[str]:
    return result.figure_names


def timing_columns(result: EvalResult) -> list[tuple[str, str]]:
    return [(key, label) for key, label in TIMING_COLUMNS
            if any(key in s.extra for s in result.systems.values())]


def leaderboard_rows(result: EvalResult) -> list[tuple[str, dict[str, Cell]]]:
    best = {figure: result.best(figure) for figure in columns(result)}
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


def signature_block(result: EvalResult) -> dict:
    """Everything that says how the figures were made: metric signatures, statistics, ringkas, pipelines."""
    return {"metrics": result.signatures, "statistics": result.settings.to_dict(), "ringkas": result.provenance,
            "systems": {name: scores.extra.get("pipeline") for name, scores in result.systems.items()}}
