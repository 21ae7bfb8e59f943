"""report.md and the self-contained report.html (checked in headless Chromium)."""

from __future__ import annotations

import re
from html import escape

import pytest
from markdown_it import MarkdownIt

from ringkas.evaluate.references import Reference
from ringkas.evaluate.report import write_report
from ringkas.evaluate.report.html import render_html
from ringkas.evaluate.report.markdown import leaderboard_text, render_markdown
from ringkas.evaluate.report.plots import distribution_figure
from ringkas.evaluate.report.table import Cell, Column, column_groups, leaderboard_rows
from ringkas.evaluate.scoring import score_systems
from ringkas.evaluate.stats import StatsSettings
from ringkas.record import Article
from tests.browser import OVERFLOWING_TABLES

REFS = [Reference(id=f"r{i}", summary=f"Floods displaced {i}00 people in Bekasi on Monday.",
                  translation=f"Floods displaced {i}00 residents in Bekasi on Monday.",
                  source=f"Banjir membuat {i}00 warga Bekasi mengungsi pada Senin.", title=f"Banjir {i}")
        for i in range(1, 7)]


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    # "weak<b>": a brief with markup and an invented number; it must be escaped and flagged
    result = _result(_systems(2))
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


def _result(systems: dict[str, dict[str, Article]], timing: bool = False):
    result = score_systems(REFS, systems, settings=StatsSettings(200, 200, 1))
    if timing:  # as `eval run` adds them from each run's manifest
        for k, scores in enumerate(result.systems.values()):
            scores.extra.update(seconds=12.5 + k, articles_per_second=0.48, load_seconds=3.25)
    return result


def _with_flag_share(result):
    """Room for one more reference-free column (the share of records a translation check flags)."""
    result.directions["flagged"] = -1
    result.targets["flagged"] = "reference_free"
    for k, scores in enumerate(result.systems.values()):
        scores.figures["flagged"] = 12.5 * k
        scores.intervals["flagged"] = (0.0, 12.5 * k + 20)
    return result


def _systems(count: int) -> dict[str, dict[str, Article]]:
    good = {r.id: Article(id=r.id, brief=f"- {r.summary}\n- Boats were used", text_en=r.translation) for r in REFS}
    weak = {r.id: Article(id=r.id, brief="<script>alert(1)</script> Floods & 999 people", text_en="Floods.",
                          flags=["long_source"]) for r in REFS[:5]}
    lead = {r.id: Article(id=r.id, brief=f"- {r.translation}", text_en=r.translation) for r in REFS}
    return dict(list({"good": good, "weak<b>": weak, "nllb-600m-ct2+lead-3": lead}.items())[:count])


def test_one_system_has_no_best():
    result = _result(_systems(1))
    rows = leaderboard_rows(result)
    assert rows and not any(cell.best for _name, cells in rows for cell in cells.values())
    assert "*" not in leaderboard_text(result).splitlines()[1]
    markdown = render_markdown(result).split("## Per article")[0]
    assert "**" not in markdown and "nothing is marked best" in markdown
    html = render_html(result, {})
    assert "best" not in html.split("<table id='leaderboard'>")[1].split("</table>")[0]
    assert "no column marks a best" in html


def test_columns_grouped_by_what_they_compare():
    result = _result(_systems(2), timing=True)
    groups = {g.label: [c.key for c in g.columns] for g in column_groups(result)}
    assert groups == {"Brief vs reference": ["rouge1", "rouge2", "rougeL", "rougeLsum"],
                      "Translation vs reference": ["bleu", "chrf++"],
                      "Reference-free": ["length", "compression", "novel_bigrams", "repetition", "number_fidelity",
                                         "mt_number_flagged", "mt_sentence_flagged", "mt_added_flagged",
                                         "brief_unsupported"],
                      "Cost": ["seconds", "articles_per_second", "load_seconds"]}
    # a new reference-free figure (a check's flag share, say) joins its group, headed by its own name
    reference_free = next(g for g in column_groups(_with_flag_share(result)) if g.label == "Reference-free")
    assert reference_free.columns[-1] == Column("flagged", "flagged", None)
    html = render_html(result, {})
    assert "<abbr title='flagged'>flagged</abbr>" in html and "colspan='10'" in html
    # every abbreviation is explained in the legend
    legend = html.split("<p class='legend'>")[1].split("</p>")[0]
    for short in ("R-1", "R-Lsum", "BLEU", "chrF++", "len", "novel", "rep", "num", "mt num", "mt sent", "mt add", "unsup", "miss", "time",
                  "art/s", "load"):
        assert f"<b>{escape(short)}</b>: " in legend, short


@pytest.fixture(scope="module")
def report_page(tmp_path_factory):
    """``report_page(count, timing) -> report.html`` of ``count`` systems, with the cost columns of
    ``eval run`` when ``timing`` (and then one more reference-free column); built once each."""
    built = {}

    def get(count: int, timing: bool):
        if (count, timing) not in built:
            result = _result(_systems(count), timing)
            folder = tmp_path_factory.mktemp(f"report-{count}-{timing}")
            write_report(_with_flag_share(result) if timing else result, folder)
            built[count, timing] = folder / "report.html", result
        return built[count, timing]

    return get


# Chromium at small-laptop, laptop and desktop sizes: every column visible (no table wider than its box, no sideways
# scrolling), bulleted briefs as list items. RINGKAS_SCREENSHOTS=DIR keeps the screenshots to look at.
@pytest.mark.browser
@pytest.mark.parametrize("count, timing", [(2, False), (1, False), (3, True)],
                         ids=["eval-score", "one-system", "eval-run"])
@pytest.mark.parametrize("width, height", [(1024, 768), (1280, 800), (1920, 1080)], ids=["1024", "1280", "1920"])
def test_html_report_in_chromium(browser, report_page, tmp_path, count, timing, width, height):
    html_file, result = report_page(count, timing)
    page = browser.open(html_file, width=width, height=height)
    assert page.evaluate(OVERFLOWING_TABLES) == []
    names = page.evaluate("[...document.querySelectorAll('#leaderboard tbody th')].map(th => th.textContent)")
    assert names == list(result.systems)
    headers = page.evaluate("[...document.querySelectorAll('#leaderboard thead tr:last-child th')].length")
    assert headers == len(result.figure_names) + (3 if timing else 0)  # figure_names has "flagged" too
    # first article: the reference is a paragraph; "good" has two bullets, the third system one
    items = page.evaluate("[...document.querySelector('.article .sbs').rows].map(r => r.cells[1]"
                          ".querySelectorAll('ul > li').length)")
    assert items == [0, 2, 0, 1][:count + 1]
    best = page.evaluate("document.querySelectorAll('#leaderboard td.best').length")
    assert (best == 0) == (count == 1)
    page.screenshot(tmp_path / f"report-{count}-{'run' if timing else 'score'}-{width}.png", full_page=True)
    page.close()


@pytest.mark.parametrize("cell, text", [
    (Cell(41.234, 38.9, 43.5), "41.23 ± 2.30"),
    (Cell(0.32, 0.0, 0.91), "0.32 [0.00, 0.91]"),  # near a bound: no "± 0.45" that reaches below 0
    (Cell(float("nan")), "n/a"),
    (Cell(12.0), "12.00"),
], ids=["symmetric", "lopsided", "undefined", "no-interval"])
def test_cell_text(cell, text):
    assert cell.text() == text
    value, interval = cell.parts()  # the HTML shows them on two lines
    assert value == text.split(" ")[0] and interval == text[len(value):].strip()


@pytest.mark.parametrize("count", [1, 3], ids=["one-system", "three-systems"])
def test_box_plots_name_their_boxes_and_keep_apart(count):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = _result(_systems(count))
    figures = ["rouge1", "rouge2", "rougeLsum", "chrf++"]
    fig = distribution_figure(plt, result, figures, list(result.systems))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    panels = [axis for axis in fig.axes if axis.get_visible()]
    assert [axis.get_title() for axis in panels] == [f"{f} per article" for f in figures]
    for axis in panels:  # every panel names its boxes, top to bottom in leaderboard order
        assert [label.get_text() for label in axis.get_yticklabels()][::-1] == list(result.systems)
    # each panel with its labels and title keeps a quarter inch from every other (the old one-row layout
    # left 0.06 in between a panel and the next one's labels)
    boxes = [axis.get_tightbbox(renderer) for axis in panels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            gap = max(b.x0 - a.x1, a.x0 - b.x1, b.y0 - a.y1, a.y0 - b.y1)
            assert gap >= 0.25 * fig.dpi, (a, b)
    plt.close(fig)
