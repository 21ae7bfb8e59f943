"""scripts/score_pages.py on the pages written for the tests (it needs no shared folder), and its scoring."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "data" / "pages"
sys.path.insert(0, str(ROOT / "scripts"))

from score_pages import duplicated_paragraphs, score  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def test_score_counts_kept_removed_title_dateline_and_repeats():
    expect = {"title": "Harga Beras Naik", "must_keep": ["Harga beras naik 2 persen.", "Stok aman."],
              "noise": ["Baca juga", "(Rin/Dwi)"], "dateline": "Contoh.com, Jakarta -"}
    paragraph = "Pedagang di Pasar Induk mengatakan pasokan dari Jawa Tengah mulai lancar."
    text = f"Harga beras naik 2 persen.\n\n{paragraph}\n\n{paragraph}\n\n(Rin/Dwi)"
    result = score(expect, "Harga Beras Naik", text, "Contoh.com, Jakarta")
    assert (result.kept, result.removed, result.titles, result.datelines_moved, result.duplicates) == (1, 1, 1, 1, 1)
    assert score(expect, "Harga Beras", "Contoh.com, Jakarta - Stok aman.", None).cells()[2:4] == [
        "0/1   0.0%", "0/1   0.0%"]
    assert duplicated_paragraphs("pendek\n\npendek") == 0


def test_script_prints_both_extractors_per_page_and_in_total(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_pages.py"), str(PAGES),
                             str(PAGES / "expectations.json")], capture_output=True, text=True, timeout=120, env=ENV)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    pages = json.loads((PAGES / "expectations.json").read_text(encoding="utf-8"))
    for name in pages:
        assert any(line.startswith(name) and "ringkas" in line for line in lines)
    total = [line for line in lines if line.startswith("TOTAL")][0]
    assert "ringkas" in total and "100.0%" in total
    assert any("trafilatura" in line for line in lines[lines.index(total):])


def test_script_says_what_is_missing(tmp_path):
    script = str(ROOT / "scripts" / "score_pages.py")
    missing = subprocess.run([sys.executable, script, str(tmp_path / "nope"), str(PAGES / "expectations.json")],
                             capture_output=True, text=True, timeout=60, env=ENV)
    assert missing.returncode == 2 and "not a folder of pages" in missing.stderr
    (tmp_path / "expect.json").write_text('{"gone.html": {"title": "x", "must_keep": [], "noise": []}}')
    partial = subprocess.run([sys.executable, script, str(tmp_path), str(tmp_path / "expect.json")],
                             capture_output=True, text=True, timeout=60, env=ENV)
    assert partial.returncode == 0 and "gone.html not found" in partial.stderr


def test_by_portal_prints_each_portals_totals_and_what_each_rule_took():
    from score_pages import portal_of

    assert [portal_of(n) for n in ("kompas_4.html", "liputan6_covid.html", "detik2.html", "mediaindonesia_2025.html")] \
        == ["kompas", "liputan6", "detik", "mediaindonesia"]
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_pages.py"), str(PAGES),
                             str(PAGES / "expectations.json"), "--by-portal"],
                            capture_output=True, text=True, timeout=120, env=ENV)
    assert result.returncode == 0, result.stderr
    per_portal = result.stdout.split("\nper portal\n")[1]
    portals = {portal_of(name) for name in json.loads((PAGES / "expectations.json").read_text(encoding="utf-8"))}
    for portal in portals:
        assert any(line.startswith(f"{portal} (") for line in per_portal.splitlines())
    rules = per_portal.split("what each rule took")[1].splitlines()
    assert any(line.startswith("page_boxes") for line in rules)
