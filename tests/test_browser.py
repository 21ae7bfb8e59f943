"""The shared browser helper: skip or fail without Chromium, and checks that can fail."""

from __future__ import annotations

import pytest

from tests.browser import INSTALL_HINT, OVERFLOWING_TABLES, REQUIRE_ENV, chromium_or_skip


@pytest.mark.parametrize("required, outcome", [("", pytest.skip.Exception), ("1", pytest.fail.Exception)],
                         ids=["skip-by-default", "fail-in-ci"])
def test_missing_chromium(required, outcome, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no browser on it
    monkeypatch.setenv(REQUIRE_ENV, required)
    with pytest.raises(outcome) as raised:
        chromium_or_skip()
    assert "apt-get install -y chromium" in str(raised.value) and INSTALL_HINT in str(raised.value)


@pytest.mark.browser
@pytest.mark.parametrize("box, problems", [
    ("width:300px", ["table wide: ", "page scrolls sideways"]),
    ("width:300px;overflow-x:auto", ["table wide: "]),  # hidden behind a scroll bar still counts
    ("", []),
], ids=["spills-out", "scrolls", "fits"])
def test_overflow_check(browser, tmp_path, box, problems):
    cell = "word " * 40 if box == "" else "x" * 400
    page_file = tmp_path / "page.html"
    page_file.write_text(f"<!DOCTYPE html><html><body><div style='{box}'><table id='wide'><tr><td>{cell}</td></tr>"
                         "</table></div></body></html>", encoding="utf-8")
    page = browser.open(page_file, width=1280, height=800)
    found = page.evaluate(OVERFLOWING_TABLES)
    page.close()
    assert len(found) == len(problems) and all(p in f for p, f in zip(problems, found)), found


@pytest.mark.browser
def test_page_tools(browser, tmp_path):
    page_file = tmp_path / "page.html"
    page_file.write_text("<!DOCTYPE html><ul><li>Banjir</li><li>Gempa</li></ul>", encoding="utf-8")
    page = browser.open(page_file, width=640, height=480)
    assert page.evaluate("[innerWidth, innerHeight]") == [640, 480]
    assert page.evaluate("[...document.querySelectorAll('li')].map(li => li.textContent)") == ["Banjir", "Gempa"]
    assert "<li>Gempa</li>" in page.dom()
    shot = page.screenshot(tmp_path / "page.png").read_bytes()
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(shot[16:20], "big") == 640
    page.close()
