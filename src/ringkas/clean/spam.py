"""SEO spam lines (backlink sellers, gambling promotions), told apart from news about them.

A line is spam when it names a spam keyword and either does not read as a sentence and is no headline of
reporting ("jasa backlink pbn", "slot gacor | situs slot"), or reads as one but is a promotion: enough
promotional cues and no word of reporting. "Polisi memblokir 800 situs slot gacor." and the subhead "Bahaya
Judi Slot Online bagi Keluarga" keep their place in the article.
"""

from __future__ import annotations

import re

from ringkas.clean.patterns import SpamRules

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s*$")
MIN_SENTENCE_WORDS = 6


def reads_as_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) and len(line.split()) >= MIN_SENTENCE_WORDS


def is_seo_spam(line: str, rules: SpamRules) -> bool:
    """``line`` must be lower-cased (the rules are written and compiled for lower case)."""
    if not rules.keywords.search(line):
        return False
    news = bool(rules.news_words.search(line))
    cues = sum(1 for cue in rules.promo_cues if cue.search(line))
    if not reads_as_sentence(line):
        # A headline or subhead about gambling ("Polisi Bongkar Jaringan Situs Slot Online di Medan") names
        # the news; a spam line names none, or carries a promotional cue.
        return not news or cues > 0
    return not news and cues >= rules.min_promo_cues
