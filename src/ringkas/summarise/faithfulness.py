"""Faithfulness guards run on every generated brief before it is written.

Numbers: every number in a brief (and its headline) must occur in the source. Indonesian and English write
numbers differently ("15.720" / "15,720", "2,1 persen" / "2.1 percent", "Rp 150.000" / "Rp 150,000",
"1,5 juta" / "1.5 million", "tiga" / "three" / "3"), and a summary may be in either language, so each number
is read under both conventions and scale words multiply it (the words are in ``data/number_words.toml``); a brief number is supported when one of its readings equals one
of the source's. Repetition loops (a phrase generated over and over) are the other common failure of small
models. Either problem is flagged; with a fallback set, the brief is replaced by an extractive one.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ringkas.summarise.base import Brief

# (thousands separator, decimal separator) of Indonesian and of English.
_CONVENTIONS = ((".", ","), (",", "."))
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def number_words() -> dict[str, dict[str, float]]:
    """Scale words and counts written as words, from ``ringkas/data/number_words.toml``."""
    text = resources.files("ringkas.data").joinpath("number_words.toml").read_text("utf-8")
    table = tomllib.loads(text)
    return {"scales": {k.lower(): float(v) for k, v in table["scales"].items()},
            "numbers": {k.lower(): float(v) for k, v in table["numbers"].items()}}


@lru_cache(maxsize=1)
def number_pattern() -> re.Pattern[str]:
    """A number (digits or a number word), an optional percent, an optional scale word."""
    words = number_words()

    def alternation(names: dict[str, float]) -> str:
        return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))

    return re.compile(
        rf"(?<![\w.,])(\d+(?:[.,]\d+)*|\b(?:{alternation(words['numbers'])})\b)"
        r"(?:\s*(%|persen|percent|per cent))?"
        rf"(?:\s+({alternation(words['scales'])}))?(?!\w)",
        re.IGNORECASE,
    )


def readings(token: str) -> set[float]:
    """Every value ``token`` can mean under the Indonesian or the English convention."""
    word = number_words()["numbers"].get(" ".join(token.lower().split()))
    if word is not None:
        return {word}
    values = set()
    for thousands, decimal in _CONVENTIONS:
        grouped = rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+(?:{re.escape(decimal)}\d+)?"
        plain = rf"\d+(?:{re.escape(decimal)}\d+)?"
        if re.fullmatch(grouped, token) or re.fullmatch(plain, token):
            values.add(float(token.replace(thousands, "").replace(decimal, ".")))
    return values


def numbers_in(text: str) -> list[tuple[str, set[float], set[float]]]:
    """(surface form, values with the scale word applied, values without it) for each number in ``text``."""
    found = []
    for match in number_pattern().finditer(text):
        token, _, scale = match.groups()
        plain = readings(token)
        if not plain:  # e.g. "1.2.3": a version or a list, not a quantity
            continue
        factor = number_words()["scales"].get((scale or "").lower(), 1.0)
        found.append((match.group(0).strip(), {v * factor for v in plain}, plain))
    return found


def unsupported_numbers(brief: str, source: str) -> list[str]:
    """Numbers in ``brief`` with no reading equal to a number in ``source`` (scaled or as written)."""
    known: set[float] = set()
    for _, scaled, plain in numbers_in(source):
        known |= scaled | plain
    missing = []
    for surface, scaled, _ in numbers_in(brief):
        if not any(math.isclose(v, k, rel_tol=1e-9) for v in scaled for k in known):
            missing.append(surface)
    return missing


def repetition_loop(text: str, ngram: int = 3, max_repeats: int = 3, max_run: int = 3) -> bool:
    """True for the loops degenerate generation makes: a word ``max_run`` times in a row, or one
    ``ngram``-gram ``max_repeats`` or more times, or the same bullet twice."""
    words = [w.lower() for w in _WORD.findall(text)]
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
        from ringkas.summarise import build_summariser

        summariser = build_summariser(self.fallback, sentences=self.fallback_sentences)
        return summariser.summarise_batch([source], [title])[0]
