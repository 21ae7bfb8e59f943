"""Plots for the HTML report, rendered with matplotlib's Agg backend to base64 PNG (no files, no display)."""

from __future__ import annotations

import base64
import io
import math

from ringkas.evaluate.scoring import EvalResult

# The per-article figures worth a distribution plot, in order of preference.
DISTRIBUTION_FIGURES = ("rouge1", "rouge2", "rougeLsum", "chrf++", "bleu", "bertscore", "comet")


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _values(result: EvalResult, name: str, figure: str) -> list[float]:
    return [v for v in result.systems[name].per_article.get(figure, []) if not math.isnan(v)]


def distribution_figure(plt, result: EvalResult, figures: list[str], names: list[str]):
    """One panel per figure, two panels a row; each box lies on its system's name, so every panel reads on
    its own, and the constrained layout keeps one panel's labels out of the next."""
    ncols = min(2, len(figures))
    nrows = math.ceil(len(figures) / ncols)
    height = 0.9 + 0.38 * len(names)
    fig, axes = plt.subplots(nrows, ncols, figsize=(5.6 * ncols, (height + 0.3) * nrows), squeeze=False,
                             layout="constrained")
    fig.get_layout_engine().set(w_pad=0.25, h_pad=0.15)  # inches of air around each panel and its labels
    for axis, figure in zip(axes.flat, figures):
        # top to bottom in leaderboard order
        data = [_values(result, name, figure) or [math.nan] for name in reversed(names)]
        axis.boxplot(data, orientation="horizontal", showmeans=True, widths=0.6)
        axis.set_yticks(range(1, len(names) + 1), list(reversed(names)))
        axis.set_title(f"{figure} per article", fontsize="medium")
        axis.grid(axis="x", alpha=0.3)
    for axis in list(axes.flat)[len(figures):]:
        axis.set_visible(False)
    return fig


def render_plots(result: EvalResult) -> dict[str, str]:
    """Title -> base64 PNG: per-article score distributions, and brief length against score."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plots = {}
    figures = [f for f in DISTRIBUTION_FIGURES if f in result.figure_names][:4]
    names = list(result.systems)
    if figures and names:
        fig = distribution_figure(plt, result, figures, names)
        plots["Per-article score distributions"] = _png(fig)
        plt.close(fig)
    score = next((f for f in ("rougeLsum", "chrf++", "bleu") if f in result.figure_names), None)
    if score and "length" in result.figure_names:
        fig, axis = plt.subplots(figsize=(5, 3.6))
        for name in names:
            per_article = result.systems[name].per_article
            pairs = [(x, y) for x, y in zip(per_article.get("length", []), per_article.get(score, []))
                     if not (math.isnan(x) or math.isnan(y))]
            axis.scatter([x for x, _ in pairs], [y for _, y in pairs], label=name, alpha=0.7, s=18)
        axis.set_xlabel("brief length (words)")
        axis.set_ylabel(f"{score} per article")
        axis.legend(fontsize="small")
        plots[f"Brief length vs {score}"] = _png(fig)
        plt.close(fig)
    return plots
