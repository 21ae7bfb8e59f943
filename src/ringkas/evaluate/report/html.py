"""``report.html``: one self-contained file (inline CSS, plots as data: URIs); every text is HTML-escaped."""

from __future__ import annotations

import json
import math
from html import escape

from ringkas.evaluate.report.table import (SIDE_BY_SIDE_LIMIT, SIGNIFICANCE, columns, leaderboard_rows,
                                           signature_block, timing_columns)
from ringkas.evaluate.scoring import EvalResult

CSS = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222;line-height:1.4}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;white-space:nowrap}.best{font-weight:bold;background:#e6f4e6}
.ns{color:#777}.flag{display:inline-block;background:#fde2e2;color:#900;border-radius:3px;padding:0 .3em;
margin:.1em;font-size:.85em}.article{border-top:2px solid #ddd;margin-top:1.5em}
.sbs td{width:50%}pre{white-space:pre-wrap;background:#f8f8f8;padding:.5em;font-size:.85em}
details{margin:.3em 0}img{max-width:100%}.scroll{overflow-x:auto}
"""


def render_html(result: EvalResult, plots: dict[str, str]) -> str:
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>ringkas evaluation</title>",
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
    figures = columns(result)
    timing = timing_columns(result)
    head = "".join(f"<th>{escape(f)}</th>" for f in ["system", *figures, "missing", *(l for _k, l in timing)])
    rows = []
    for name, cells in leaderboard_rows(result):
        tds = [f"<th scope='row'>{escape(name)}</th>"]
        for figure in figures:
            cell = cells.get(figure)
            if cell is None:
                tds.append("<td class='num'>-</td>")
                continue
            css = "num best" if cell.best else "num ns" if cell.p_vs_best is not None and not cell.significant \
                else "num"
            title = f"95% interval [{cell.low:.2f}, {cell.high:.2f}]"
            if cell.p_vs_best is not None:
                title += f"; p vs best = {cell.p_vs_best:.3f}"
            tds.append(f"<td class='{css}' title='{escape(title)}'>{escape(cell.text())}</td>")
        tds.append(f"<td class='num'>{result.systems[name].missing}</td>")
        extra = result.systems[name].extra
        tds.extend(f"<td class='num'>{extra[k]:.2f}</td>" if isinstance(extra.get(k), (int, float))
                   else "<td>-</td>" for k, _label in timing)
        rows.append("<tr>" + "".join(tds) + "</tr>")
    note = (f"<p>Figure ± half the {result.settings.confidence:.0%} bootstrap interval ([low, high] when lopsided) "
            f"({result.settings.n_resamples} resamples over articles, seed {result.settings.seed}). "
            f"<span class='best'>Green</span>: best in the column; grey: not significantly worse than the best "
            f"(paired bootstrap p ≥ {SIGNIFICANCE}); hover a cell for its interval and p-value. "
            "Missing: reference ids with no brief, scored 0.</p>")
    return (f"<h2>Leaderboard</h2><div class='scroll'><table id='leaderboard'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>{note}")


def _shown_note(result: EvalResult) -> str:
    total = len(result.references)
    return f"<p>The first {SIDE_BY_SIDE_LIMIT} of {total} articles.</p>" if total > SIDE_BY_SIDE_LIMIT else ""


def _article(result: EvalResult, ref, position: int) -> str:
    title = f"{escape(ref.id)}" + (f": {escape(ref.title)}" if ref.title else "")
    rows = [f"<tr><th>reference</th><td>{escape(ref.summary or '')}</td></tr>"]
    for name, scores in result.systems.items():
        article = result.outputs[name].get(ref.id)
        brief = (article.brief if article else None) or ""
        figures = ", ".join(f"{f} {scores.per_article[f][position]:.1f}" for f in ("rouge1", "rougeLsum", "chrf++")
                            if f in scores.per_article and not math.isnan(scores.per_article[f][position]))
        flags = "".join(f"<span class='flag'>{escape(flag)}</span>" for flag in scores.flags.get(ref.id, []))
        rows.append(f"<tr><th>{escape(name)}<br><small>{escape(figures)}</small></th>"
                    f"<td>{escape(brief) or '<em>(missing)</em>'} {flags}</td></tr>")
    source = (f"<details><summary>source</summary><pre>{escape(ref.source)}</pre></details>"
              if ref.source else "")
    translation = (f"<details><summary>reference translation</summary><pre>{escape(ref.translation)}</pre>"
                   "</details>" if ref.translation else "")
    return (f"<div class='article' id='article-{escape(ref.id)}'><h3>{title}</h3>{source}{translation}"
            f"<table class='sbs'>{''.join(rows)}</table></div>")
