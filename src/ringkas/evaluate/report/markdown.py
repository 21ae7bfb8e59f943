"""``report.md`` and the plain-text leaderboard ``ringkas eval`` prints."""

from __future__ import annotations

import json

from ringkas.evaluate.report.table import (
    SIDE_BY_SIDE_LIMIT,
    SIGNIFICANCE,
    columns,
    leaderboard_rows,
    signature_block,
    timing_columns,
)
from ringkas.evaluate.scoring import EvalResult
from ringkas.summarise.base import brief_points
from ringkas.writers.markdown import inert


def leaderboard_text(result: EvalResult) -> str:
    """A fixed-width table for the terminal: figure ± half the 95% interval (or [low, high] when lopsided),
    * best, ~ not significantly worse."""
    figures = columns(result)
    header = ["system", *figures, "missing", *(label for _key, label in timing_columns(result))]
    lines = []
    for name, cells in leaderboard_rows(result):
        row = [name]
        for figure in figures:
            cell = cells.get(figure)
            mark = "*" if cell and cell.best else ("~" if cell and cell.p_vs_best is not None
                                                  and not cell.significant else "")
            row.append(cell.text() + mark if cell else "-")
        row.append(str(result.systems[name].missing))
        row.extend(_timing(result, name))
        lines.append(row)
    widths = [max(len(str(r[i])) for r in [header, *lines]) for i in range(len(header))]
    out = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths)) for row in [header, *lines]]
    out.append(f"(* best; ~ not significantly worse than the best, paired bootstrap p >= {SIGNIFICANCE}; "
               f"± half the {result.settings.confidence:.0%} bootstrap interval, [low, high] when lopsided; "
               f"{result.sample_note()})")
    return "\n".join(out)


def _timing(result: EvalResult, name: str) -> list[str]:
    extra = result.systems[name].extra
    return [f"{extra[key]:.2f}" if isinstance(extra.get(key), (int, float)) else "-"
            for key, _label in timing_columns(result)]


def render_markdown(result: EvalResult) -> str:
    figures = columns(result)
    timing = timing_columns(result)
    lines = ["# ringkas evaluation", "", "## Leaderboard", "",
             "| system | " + " | ".join(figures) + " | missing |" + "".join(f" {label} |" for _k, label in timing),
             "|---" * (len(figures) + 2 + len(timing)) + "|"]
    for name, cells in leaderboard_rows(result):
        row = []
        for figure in figures:
            cell = cells.get(figure)
            text = cell.text() if cell else "-"
            if cell and cell.best:
                text = f"**{text}**"
            elif cell and cell.p_vs_best is not None:
                text += f" (p={cell.p_vs_best:.3f})"
            row.append(text)
        lines.append(f"| {inert(name)} | " + " | ".join(row) + f" | {result.systems[name].missing} |"
                     + "".join(f" {value} |" for value in _timing(result, name)))
    marks = ("Bold: best in the column. (p=…): paired bootstrap p-value against the best system "
             if len(result.systems) > 1 else "One system: nothing to compare, so nothing is marked best ")
    lines += ["", marks + f"({result.settings.n_resamples} resamples, seed {result.settings.seed}); ± is half the "
              f"{result.settings.confidence:.0%} percentile bootstrap interval over articles ([low, high] where "
              "the interval is lopsided). Missing: reference "
              "ids with no brief, scored 0.", ""]
    if result.not_scored:
        lines += ["Not scored: " + "; ".join(f"{k} ({v})" for k, v in result.not_scored.items()), ""]
    lines += ["## Per article", ""]
    if len(result.references) > SIDE_BY_SIDE_LIMIT:
        lines += [f"The first {SIDE_BY_SIDE_LIMIT} of {len(result.references)} articles.", ""]
    for ref in result.references[:SIDE_BY_SIDE_LIMIT]:
        lines += [f"### {inert(ref.id)}" + (f": {inert(ref.title)}" if ref.title else ""), ""]
        if ref.source:
            lines.append(f"- source: {inert(_excerpt(ref.source))}")
        lines += _item("reference", ref.summary or ref.translation or "")
        for name, scores in result.systems.items():
            article = result.outputs[name].get(ref.id)
            flags = scores.flags.get(ref.id) or []
            lines += _item(f"**{inert(name)}**", (article.brief if article else None) or "(missing)",
                           f" _[{inert(', '.join(flags))}]_" if flags else "")
        lines.append("")
    lines += ["## Signatures", "", "```json", json.dumps(signature_block(result), indent=2, ensure_ascii=False),
              "```", ""]
    return "\n".join(lines)


def _item(label: str, brief: str, suffix: str = "") -> list[str]:
    """One list item; a bulleted brief keeps its bullets as a nested list."""
    points = brief_points(brief)
    if points is None:
        return [f"- {label}: {inert(brief)}{suffix}"]
    return [f"- {label}:{suffix}"] + [f"  - {inert(point)}" for point in points]


def _excerpt(text: str, limit: int = 400) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"
