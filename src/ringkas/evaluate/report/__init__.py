"""Reports of an :class:`~ringkas.evaluate.scoring.EvalResult`: ``report.md`` and a self-contained
``report.html`` (inline CSS, plots as embedded PNG)."""

from __future__ import annotations

from pathlib import Path

from ringkas.evaluate.scoring import EvalResult
from ringkas.files import atomic_write


def write_report(result: EvalResult, folder: Path) -> list[Path]:
    """Write ``report.md`` and ``report.html`` into ``folder``; return their paths."""
    from ringkas.evaluate.report.html import render_html
    from ringkas.evaluate.report.markdown import render_markdown
    from ringkas.evaluate.report.plots import render_plots

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    markdown, html = folder / "report.md", folder / "report.html"
    atomic_write(markdown, render_markdown(result))
    atomic_write(html, render_html(result, render_plots(result)))
    return [markdown, html]
