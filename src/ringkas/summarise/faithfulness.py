"""Faithfulness guards run on every generated brief before it is written.

Numbers: every number in a brief (and its headline) must occur in the source, read in Indonesian and English
formats by :mod:`ringkas.text.numbers`. Repetition loops (a phrase generated over and over) are the other
common failure of small models. Either problem is flagged; with a fallback set, the brief is replaced by an extractive one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from ringkas.summarise.brief import Brief, default_headline
from ringkas.text import tokens
from ringkas.text.numbers import unsupported_numbers

# A 2-6 letter piece four or more times inside one word: "antantantant", the loop of a subword model.
_SUBWORD_LOOP = re.compile(r"([^\W\d_]{2,6})\1{3,}")


def repetition_loop(text: str, ngram: int = 3, max_repeats: int = 3, max_run: int = 3) -> bool:
    """True for the loops degenerate generation makes: a word ``max_run`` times in a row, or one
    ``ngram``-gram ``max_repeats`` or more times, or the same bullet twice, or a piece repeated inside a word."""
    if _SUBWORD_LOOP.search(text.lower()):
        return True
    words = tokens.words(text)
    run = 1
    for previous, word in zip(words, words[1:]):
        run = run + 1 if word == previous else 1
        if run >= max_run:
            return True
    grams = Counter(tuple(words[i : i + ngram]) for i in range(len(words) - ngram + 1))
    if grams and max(grams.values()) >= max_repeats:
        return True
    lines = [line.strip().lower() for line in text.splitlines() if line.strip()]
    return len(lines) != len(set(lines))


class FaithfulnessGuard:
    """Checks a brief against its source; with ``fallback`` ("lead" or "textrank") replaces a failing one."""

    def __init__(self, fallback: str | None = None, fallback_sentences: int = 3):
        if fallback not in (None, "lead", "textrank"):
            raise ValueError("fallback must be 'lead', 'textrank' or None")
        self.fallback = fallback
        self.fallback_sentences = fallback_sentences

    def check(self, source: str, brief: Brief, title: str | None = None) -> tuple[Brief, dict[str, Any]]:
        reference = f"{title}\n\n{source}" if title else source
        missing = unsupported_numbers(f"{brief.headline or ''}\n{brief.text or ''}", reference)
        looping = repetition_loop(brief.text or "") or repetition_loop(brief.headline or "")
        report: dict[str, Any] = {"unsupported_numbers": missing, "repetition_loop": looping, "flags": []}
        if missing:
            report["flags"].append("unsupported_numbers")
        if looping:
            report["flags"].append("repetition_loop")
        if brief.text is not None and not brief.text.strip():
            report["flags"].append("empty_brief")  # a model that emits only special tokens
        if report["flags"] and self.fallback:
            report["flags"].append("extractive_fallback")
            report["fallback"] = self.fallback
            report["discarded_brief"] = brief.text
            report["discarded_headline"] = brief.headline
            fallback = self._extractive(source, title)
            # A headline-only brief stays headline-only: the record's brief is not this step's to set.
            text = None if brief.text is None else fallback.text
            brief = replace(fallback, text=text, metadata=brief.metadata)
        return brief, report

    def _extractive(self, source: str, title: str | None) -> Brief:
        from ringkas.summarise.methods import METHODS
        from ringkas.summarise.settings import SummariserSettings

        settings = SummariserSettings.from_options(self.fallback, sentences=self.fallback_sentences)
        summariser = METHODS.get(self.fallback)(settings)
        brief = summariser.summarise_batch([source], [title])[0]
        # ``title`` is in the source's language, which is the brief's wherever a fallback is allowed.
        return replace(brief, headline=default_headline(title, brief.text or ""))
