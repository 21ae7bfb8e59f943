"""Repair and retry, the translator's two second chances (the loop in :mod:`ringkas.translate.base`).

- **repair**: a chunk whose translation fails a check (:mod:`ringkas.translate.checks`) is translated again
  one sentence per input; the repair is kept if it passes or has fewer problems;
- **retry**: a degenerate output (:mod:`ringkas.translate.quality`: empty, a repeat loop, a length ratio far
  off) is translated once more with safer settings, one sentence per input where its repair was kept.

Both fill notes (why, and whether it helped) that go into the record's ``metadata.translate`` and the cache.
"""

from __future__ import annotations

from typing import Any

from ringkas.text import split_sentences
from ringkas.translate.quality import degenerate_reason
from ringkas.translate.settings import TranslationSettings


def repair_flagged(translator: Any, texts: list[str], done: dict[str, str],
                   notes: dict[str, dict[str, Any]]) -> tuple[set[str], set[str]]:
    """Translate each flagged chunk of ``texts`` again, one sentence per input; keep the repair if it
    passes the checks or has fewer problems. Returns the chunks tried and those whose repair was kept."""
    if not translator.settings.repairs:
        return set(), set()
    flagged = []
    for text in texts:
        check = translator._check(text, done[text])
        sentences = split_sentences(text)
        if not check.passed and len(sentences) > 1:  # one sentence is what the first input was already
            flagged.append((text, sentences, check))
    if not flagged:
        return set(), set()
    translator.stats.repaired += len(flagged)
    again = translate_split(translator, [sentences for _, sentences, _ in flagged], translator.settings)
    kept = set()
    for (text, _, first), output in zip(flagged, again):
        second = translator._check(text, output)
        better = second.passed or second.problems < first.problems
        notes[text] = {"source": text[:200], "reason": first.flags, "fixed": second.passed,
                       "kept": "repair" if better else "first"}
        if better:
            done[text] = output
            kept.add(text)
    return {text for text, _, _ in flagged}, kept


def translate_split(translator: Any, pieces: list[list[str]], settings: TranslationSettings) -> list[str]:
    """Translate each list of sentences one sentence per input; one joined output per list."""
    flat = [sentence for sentences in pieces for sentence in sentences]
    outputs = iter(translator._run_batches(flat, translator.count_tokens(flat), settings))
    return [" ".join(next(outputs) for _ in sentences) for sentences in pieces]


def retry_degenerate(translator: Any, texts: list[str], length_of: dict[str, int], done: dict[str, str],
                     notes: dict[str, dict[str, Any]], split: set[str]) -> None:
    """Retry each degenerate output of ``texts`` once with safer settings (one sentence per input where
    its repair was kept), noting why and whether it helped."""
    settings = translator.settings
    if not settings.retry_degenerate:
        return
    bad = [t for t in texts if degenerate(settings, t, done[t])]
    if not bad:
        return
    translator.stats.retried += len(bad)
    whole = [t for t in bad if t not in split]
    parts = [t for t in bad if t in split]
    safer = settings.safer()
    again = dict(zip(whole, translator._run_batches(whole, [length_of[t] for t in whole], safer)))
    again.update(zip(parts, translate_split(translator, [split_sentences(t) for t in parts], safer)))
    for text in bad:
        first = degenerate(settings, text, done[text])
        still = degenerate(settings, text, again[text])
        notes[text] = {"source": text[:200], "reason": first, "fixed": still is None, "retry_reason": still}
        done[text] = again[text]


def degenerate(settings: TranslationSettings, source: str, output: str) -> str | None:
    return degenerate_reason(source, output, settings.min_length_ratio, settings.max_length_ratio)
