"""What clustering reads from one cleaned article: its time, outlet, lead, names and figures.

Everything here is cheap text work on the Indonesian article (no model). The lead (title and first sentences)
is what the sentence encoder embeds; names and figures are what two write-ups of one event share even when
their wording differs: "Prabowo", "Raja Ampat", "BMKG", "7,39 juta", "6-0" and "0-6" (a score is read as its
two figures, in any order).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources

from ringkas.record import Article

LEAD_SENTENCES = 3
LEAD_CHARS = 600
_NAME = re.compile(r"\b(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?|[A-Z]{2,}[a-z]?)\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“”]\s+|\n)$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@lru_cache(maxsize=1)
def common_capitalised() -> frozenset[str]:
    """Capitalised words that are not names of people, places or bodies (days, months, outlets ...)."""
    text = resources.files("ringkas.data").joinpath("stories_not_names.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.split() if w.strip() and not w.startswith("#"))


def lead(article: Article, sentences: int = LEAD_SENTENCES, max_chars: int = LEAD_CHARS) -> str:
    """The title and the first ``sentences`` sentences of the text, at most ``max_chars`` of text."""
    from ringkas.text.segment import split_paragraphs, split_sentences

    taken: list[str] = []
    for paragraph in split_paragraphs(article.text or ""):
        for sentence in split_sentences(paragraph):
            taken.append(sentence)
            if len(taken) >= sentences:
                break
        if len(taken) >= sentences:
            break
    body = " ".join(taken)[:max_chars]
    return "\n".join(part for part in ((article.title or "").strip(), body.strip()) if part)


def names(text: str) -> frozenset[str]:
    """Lower-cased capitalised words that are not a sentence's first word and not common capitalised words:
    people, places, bodies, brands (a title's Title Case is skipped: only its acronyms count)."""
    stop = common_capitalised()
    found = set()
    for line_no, line in enumerate(text.split("\n")):
        title_case = line_no == 0 and _mostly_title_case(line)
        for match in _NAME.finditer(line):
            word = match.group(0)
            if title_case and not word.isupper():
                continue
            if not word.isupper() and _SENTENCE_START.search(line[:match.start()]):
                continue
            if word.lower() not in stop:
                found.add(word.lower())
    return frozenset(found)


def _mostly_title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def figures(text: str) -> frozenset[float]:
    """The quantities a text states (scaled: "2,1 juta" is 2,100,000), without clock times and the parts of
    dates ("Rabu (18/6/2025)", "19 Juni 2025", "tahun 2025"): every write-up of a day carries those."""
    from ringkas.text.numbers import read_numbers

    found = read_numbers(text, "id")
    months = [(n.start, n.end) for n in found if n.kind == "month"]
    values: set[float] = set()
    for number in found:
        if number.kind != "n" or "/" in number.surface or _YEAR.match(number.surface.strip()):
            continue
        if any(start - 3 <= number.end <= start or end <= number.start <= end + 3 for start, end in months):
            continue
        values.update(value for _, value in number.keys)
    return frozenset(values)


def published_seconds(published: str | None) -> float | None:
    """Seconds since the epoch of an ISO date or date and time (a naive one read as UTC; a date alone as its
    noon), or None when there is none or it cannot be read."""
    if not published:
        return None
    text = published.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10:
        moment = moment.replace(hour=12)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def outlet(article: Article) -> str:
    """The outlet: ``source`` when set, else the host of ``url`` without ``www.``, else "" (also for a url that
    does not parse: an Article built in code or read from ringkas's own JSONL is not checked by a reader)."""
    from ringkas.readers.base import url_host

    if article.source:
        return article.source.strip().lower()
    return (url_host(article.url) or "").removeprefix("www.")


def term_counts(text: str) -> dict[str, int]:
    """How often each lower-cased word of ``text`` occurs (numbers kept whole)."""
    from ringkas.text.tokens import words

    counts: dict[str, int] = {}
    for word in words(text):
        counts[word] = counts.get(word, 0) + 1
    return counts


def tfidf(counts: dict[str, int], document_frequency: dict[str, int], documents: int) -> dict[str, float]:
    """Unit-length TF-IDF weights (log term frequency, smoothed inverse document frequency)."""
    weights = {term: (1 + math.log(count)) * (math.log((1 + documents) / (1 + document_frequency.get(term, 0))) + 1)
               for term, count in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items()}


@dataclass(frozen=True)
class Signals:
    """The cheap signals of one article (the encoder's vector is added by the caller)."""

    lead: str
    terms: dict[str, int]
    names: frozenset[str]
    figures: frozenset[float]
    seconds: float | None
    outlet: str
    words: int  # words in the whole text: how complete the write-up is


def read_signals(article: Article) -> Signals:
    text = lead(article)
    return Signals(text, term_counts(text), names(text), figures(text), published_seconds(article.published),
                   outlet(article), len((article.text or "").split()))
