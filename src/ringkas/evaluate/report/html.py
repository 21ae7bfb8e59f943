"""``report.html``: one self-contained file (inline CSS, plots as data: URIs); every text is HTML-escaped."""

from __future__ import annotations

import json
import math
from html import escape

from ringkas.evaluate.report.table import (SIDE_BY_SIDE_LIMIT, SIGNIFICANCE, Cell, Column, ColumnGroup, column,
                                           column_groups, leaderboard_rows, signature_block, timing_columns)
from ringkas.evaluate.scoring import EvalResult
from ringkas.writers.digest import html_brief

CSS = """
body{font-family:system-ui,sans-serif;margin:1.5em 2em;color:#222;line-height:1.4}
p,.article{max-width:75em}img{max-width:100%}details{margin:.3em 0}.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .4em;vertical-align:top}
th{background:#f3f3f3}.num{text-align:right;white-space:nowrap}.best{font-weight:bold;background:#e6f4e6}
.ns{color:#777}.flag{display:inline-block;background:#fde2e2;color:#900;border-radius:3px;padding:0 .3em;
margin:.1em;font-size:.85em}.article{border-top:2px solid #ddd;margin-top:1.5em}
#leaderboard{font-size:.9em}#leaderboard th[scope=row]{text-align:left;overflow-wrap:anywhere;max-width:14em}
#leaderboard thead th{font-weight:600}#leaderboard .group{border-bottom:2px solid #bbb}
#leaderboard .start{border-left:2px solid #999}abbr{text-decoration:none}
#leaderboard .ci{display:block;font-size:.78em;color:#666;font-weight:normal;white-space:normal}
.legend{font-size:.85em;color:#444;max-width:90em}.legend span{white-space:nowrap;margin-right:1em}
.sbs{width:100%}.sbs th{width:13em;text-align:left;font-weight:600}.sbs ul,.sbs p{margin:.2em 0}
.sbs ul{padding-left:1.3em}.sbs small{font-weight:normal;color:#555}
pre{white-space:pre-wrap;background:#f8f8f8;padding:.5em;font-size:.85em}
@media (max-width:1320px){body{margin:1em}#leaderboard{font-size:.74em}
#leaderboard th,#leaderboard td{padding:.25em .3em}#leaderboard th[scope=row]{max-width:9em}}
"""


def render_html(result: EvalResult, plots: dict[str, str]) -> str:
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'><title>ringkas evaluation</title>",
        f"<style>{CSS}</style></head><body><h1>ringkas evaluation</h1>",
        _leaderboard(result),
        *(f"<h2>{escape(title)}</h2><img alt='{escape(title)}' src='data:image/png;base64,{png}'>"
          for title, png in plots.items()),
        "<h2>Per article</h2>",
        _shown_note(result),
        *(_article(result, ref, i) for i, ref in enumerate(result.references[:SIDE_BY_SIDE_LIMIT])),
        "<h2>Signatures</h2><pre>",
        escape(json.dumps(signature_block(result), indent=2, ensure_ascii=False)),
        "</pre></body></html>",
    ]
    return "\n".join(parts)


def _leaderboard(result: EvalResult) -> str:
    """Every column on a laptop screen: grouped under what it compares, short headers, a legend below."""
    groups = column_groups(result)
    missing = column("missing")
    top = ["<th rowspan='2' scope='col'>system</th>", f"<th rowspan='2' scope='col'>{_header(missing)}</th>"]
    top += [f"<th colspan='{len(g.columns)}' scope='colgroup' class='group start'"
            + (f" title='{escape(g.meaning)}'>" if g.meaning else ">") + f"{escape(g.label)}</th>" for g in groups]
    sub = [f"<th scope='col'{_start(i)}>{_header(c)}</th>" for g in groups for i, c in enumerate(g.columns)]
    rows = []
    for name, cells in leaderboard_rows(result):
        tds = [f"<th scope='row'>{escape(name)}</th>", f"<td class='num'>{result.systems[name].missing}</td>"]
        for group in groups:
            tds += [_cell(result, name, cells, c.key, i == 0) for i, c in enumerate(group.columns)]
        rows.append("<tr>" + "".join(tds) + "</tr>")
    legend = [missing, *(c for g in groups for c in g.columns)]
    note = (f"<p>Figure and, under it, ± half the {result.settings.confidence:.0%} bootstrap interval ([low, high] "
            f"when lopsided) ({result.settings.n_resamples} resamples over articles, seed {result.settings.seed}). "
            + (f"<span class='best'>Green</span>: best in the column; grey: not significantly worse than the best "
               f"(paired bootstrap p ≥ {SIGNIFICANCE}). " if len(result.systems) > 1 else
               "One system: nothing to compare, so no column marks a best. ")
            + "Hover a cell for its interval and p-value.</p>")
    return (f"<h2>Leaderboard</h2><div class='scroll'><table id='leaderboard'><thead><tr>{''.join(top)}</tr>"
            f"<tr>{''.join(sub)}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
            f"<p class='legend'>{_legend(groups, legend)}</p>{note}")


def _legend(groups: list[ColumnGroup], legend: list[Column]) -> str:
    entries = [(g.label, g.meaning) for g in groups] + [(c.short, c.meaning) for c in legend]
    return "".join(f"<span><b>{escape(short)}</b>: {escape(meaning)}</span> " for short, meaning in entries
                   if meaning)


def _header(col: Column) -> str:
    title = f"{col.key}: {col.meaning}" if col.meaning else col.key
    return f"<abbr title='{escape(title)}'>{escape(col.short)}</abbr>"


def _start(position: int) -> str:
    return " class='start'" if position == 0 else ""


def _cell(result: EvalResult, name: str, cells: dict[str, Cell], key: str, starts_group: bool) -> str:
    start = " start" if starts_group else ""
    extra = result.systems[name].extra
    if key in dict(timing_columns(result)):
        value = extra.get(key)
        return (f"<td class='num{start}'>{value:.2f}</td>" if isinstance(value, (int, float))
                else f"<td class='num{start}'>-</td>")
    cell = cells.get(key)
    if cell is None:
        return f"<td class='num{start}'>-</td>"
    css = "num best" if cell.best else "num ns" if cell.p_vs_best is not None and not cell.significant else "num"
    title = f"{key}: 95% interval [{cell.low:.2f}, {cell.high:.2f}]"
    if cell.p_vs_best is not None:
        title += f"; p vs best = {cell.p_vs_best:.3f}"
    value, interval = cell.parts()
    # "± 2.30" stays on one line; "[13.33, 26.67]" may break after its comma when the column is narrow
    interval_html = f"<span class='ci'>{escape(interval).replace('± ', '±&nbsp;')}</span>" if interval else ""
    return f"<td class='{css}{start}' title='{escape(title)}'>{escape(value)}{interval_html}</td>"


def _shown_note(result: EvalResult) -> str:
    total = len(result.references)
    return f"<p>The first {SIDE_BY_SIDE_LIMIT} of {total} articles.</p>" if total > SIDE_BY_SIDE_LIMIT else ""


def _article(result: EvalResult, ref, position: int) -> str:
    title = f"{escape(ref.id)}" + (f": {escape(ref.title)}" if ref.title else "")
    rows = [f"<tr><th>reference</th><td>{html_brief(ref.summary) if ref.summary else ''}</td></tr>"]
    for name, scores in result.systems.items():
        article = result.outputs[name].get(ref.id)
        brief = (article.brief if article else None) or ""
        figures = ", ".join(f"{f} {scores.per_article[f][position]:.1f}" for f in ("rouge1", "rougeLsum", "chrf++")
                            if f in scores.per_article and not math.isnan(scores.per_article[f][position]))
        flags = "".join(f"<span class='flag'>{escape(flag)}</span>" for flag in scores.flags.get(ref.id, []))
        rows.append(f"<tr><th>{escape(name)}<br><small>{escape(figures)}</small></th>"
                    f"<td>{html_brief(brief) if brief else '<em>(missing)</em>'} {flags}</td></tr>")
    source = (f"<details><summary>source</summary><pre>{escape(ref.source)}</pre></details>"
              if ref.source else "")
    translation = (f"<details><summary>reference translation</summary><pre>{escape(ref.translation)}</pre>"
                   "</details>" if ref.translation else "")
    return (f"<div class='article' id='article-{escape(ref.id)}'><h3>{title}</h3>{source}{translation}"
            f"<table class='sbs'>{''.join(rows)}</table></div>")

