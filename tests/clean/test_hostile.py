"""Hostile text costs bounded time: no pattern in the data file backtracks badly, and the whole cleaner
gets through adversarial articles quickly. A regex that went quadratic or exponential would hang here
(pytest-timeout ends it) rather than in someone's nightly job."""

import pytest

from ringkas.clean import clean_articles
from ringkas.clean.patterns import load_patterns
from ringkas.record import Article

ADVERSARIAL = {
    "digits": "halaman " + "1" * 20_000 + "x",
    "digits-spaces": "halaman " + "1 " * 10_000 + "x",
    "digit-dots": "1." * 20_000 + "x",
    "dots": "." * 50_000,
    "parens": "(" * 50_000,
    "initials": "(ab/" * 20_000,
    "hashes": "#a " * 20_000 + "!",
    "capitals": "JAKARTA " * 10_000,
    "dashes": "Bandung - " * 8_000,
    "whitespace": " \t" * 30_000 + "a",
    "brackets": "[gambas:" * 10_000,
    "spam-words": "slot gacor " * 9_000,
    "outlet": "Jakarta, " + "Kompas." * 10_000,
}


def every_regex():
    patterns = load_patterns()
    yield from ((f.name, f.regex.search) for f in patterns.families)
    yield from ((f"{f.name}.finds", f.finds) for f in patterns.families)
    yield "spam.keywords", patterns.spam.keywords.search
    yield "spam.news_words", patterns.spam.news_words.search
    yield from ((f"spam.cue{i}", cue.search) for i, cue in enumerate(patterns.spam.promo_cues))
    yield from ((f"dateline{i}", d.match) for i, d in enumerate(patterns.datelines))


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_no_pattern_backtracks_on_long_adversarial_lines(name):
    """A backtracking pattern takes minutes on these lines: pytest-timeout ends it and names the line. The
    time each pattern takes is a benchmark figure (scripts/bench_hostile.py), not asserted here."""
    line = ADVERSARIAL[name]
    searched = 0
    for _, find in every_regex():
        for variant in (line, line.lower()):
            find(variant)
            searched += 1
    assert searched >= 2 * len(load_patterns().families)


@pytest.mark.timeout(60)
def adversarial_articles() -> list[Article]:
    articles = [Article(id=name, text=text) for name, text in ADVERSARIAL.items()]
    articles.append(Article(id="many-lines", text="Baca juga: x\n" * 7_000))
    articles.append(Article(id="one-long-paragraph", text="Harga beras naik lagi hari ini. " * 3_000))
    return articles


def test_whole_cleaner_on_adversarial_articles():
    articles = adversarial_articles()
    out = list(clean_articles(articles))
    assert len(out) == len(articles)
    assert [a.id for a in out] == [a.id for a in articles]
