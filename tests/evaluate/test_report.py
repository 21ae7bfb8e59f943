"""report.md and the self-contained report.html (checked in headless Chromium)."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from ringkas.evaluate.references import Reference
from ringkas.evaluate.report.table import Cell
from ringkas.evaluate.report import write_report
from ringkas.evaluate.scoring import score_systems
from ringkas.evaluate.stats import StatsSettings
from ringkas.record import Article

REFS = [Reference(id=f"r{i}", summary=f"Floods displaced {i}00 people in Bekasi on Monday.",
                  translation=f"Floods displaced {i}00 residents in Bekasi on Monday.",
                  source=f"Banjir membuat {i}00 warga Bekasi mengungsi pada Senin.", title=f"Banjir {i}")
        for i in range(1, 7)]


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    good = {r.id: Article(id=r.id, brief=f"- {r.summary}\n- Boats were used", text_en=r.translation) for r in REFS}
    # a brief with markup and an invented number: it must be escaped and flagged
    weak = {r.id: Article(id=r.id, brief="<script>alert(1)</script> Floods & 999 people", text_en="Floods.",
                          flags=["long_source"]) for r in REFS[:5]}
    result = score_systems(REFS, {"good": good, "weak<b>": weak}, settings=StatsSettings(200, 200, 1))
    folder = tmp_path_factory.mktemp("report")
    write_report(result, folder)
    return folder


def test_markdown_report(report_dir):
    text = (report_dir / "report.md").read_text("utf-8")
    assert "| system | rouge1 |" in text
    good_row = next(line for line in text.splitlines() if line.startswith("| good |"))
    assert "**100.00 ± 0.00**" in good_row  # best marked
    assert "(p=" in next(line for line in text.splitlines() if line.startswith("| weak\\<b\\> |"))
    rendered = MarkdownIt("commonmark").enable("table").render(text)  # as a Markdown viewer shows it
    assert re.search(r"numbers_not_in_source: [^_<]*999", rendered)
    assert "&lt;script&gt;" in rendered and "<script>" not in rendered and "<td>weak&lt;b&gt;</td>" in rendered
    assert '"sacrebleu": "nrefs:1|' in text
    # per article: the source, and a bulleted brief as a nested list (not squashed into one line)
    assert "- source: Banjir membuat 100 warga Bekasi mengungsi pada Senin." in text
    assert "<li>Floods displaced 100 people in Bekasi on Monday.</li>\n<li>Boats were used</li>" in rendered


def test_html_is_self_contained_and_escaped(report_dir):
    html = (report_dir / "report.html").read_text("utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "weak&lt;b&gt;" in html
    assert not re.search(r"""(src|href)=['"](?!data:|#)""", html)  # nothing loaded from elsewhere
    assert html.count("data:image/png;base64,") == 2
    assert "<style>" in html


@pytest.mark.browser
def test_html_leaderboard_renders_in_chromium(report_dir, browser):
    page = browser.open(report_dir / "report.html", width=1280, height=800)
    table = page.evaluate("document.getElementById('leaderboard').outerHTML")
    assert "<th scope=\"row\">good</th>" in table and "weak&lt;b&gt;" in table
    assert 'class="num best"' in table
    page.close()


@pytest.mark.parametrize("cell, text", [
    (Cell(41.234, 38.9, 43.5), "41.23 ± 2.30"),
    (Cell(0.32, 0.0, 0.91), "0.32 [0.00, 0.91]"),  # near a bound: no "± 0.45" that reaches below 0
    (Cell(float("nan")), "n/a"),
    (Cell(12.0), "12.00"),
], ids=["symmetric", "lopsided", "undefined", "no-interval"])
def test_cell_text(cell, text):
    assert cell.text() == text
