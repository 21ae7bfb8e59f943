"""Pages written for these tests in the style of portals we have no real page of (Tribun, Okezone, Tempo,
Suara): headline, kicker, byline, caption, inline "Baca juga", ads, tags, related lists, a comment section's
disclaimer, a hidden summary and a log-in pop-up around the story. Every story sentence stays, every noise
string goes, the headline and the dateline are found (expectations in tests/data/pages/expectations.json)."""

import json
from pathlib import Path

import pytest

from ringkas.clean import clean_articles
from ringkas.record import Article

PAGES = Path(__file__).parent.parent / "data" / "pages"
EXPECT = json.loads((PAGES / "expectations.json").read_text(encoding="utf-8"))
STYLES = ["portal_tribun_style.html", "portal_okezone_style.html", "portal_tempo_style.html",
          "portal_suara_style.html"]


@pytest.mark.parametrize("name", STYLES, ids=[n.split("_")[1] for n in STYLES])
def test_a_page_in_another_portals_style_comes_out_clean(name):
    expect = EXPECT[name]
    (article,) = clean_articles([Article(id=name, html=(PAGES / name).read_text(encoding="utf-8"))])
    assert not article.rejected, article.rejection
    text = " ".join(article.text.split())
    assert [s for s in expect["must_keep"] if s not in text] == []
    assert [n for n in expect["noise"] if n in text] == []
    assert article.title == expect["title"]
    assert article.metadata["dateline"]["text"].rstrip(" -") == expect["dateline"].rstrip(" -")
