"""Map-reduce for articles longer than a summariser's window: never truncate silently.

A text that does not fit is split on paragraph boundaries into parts that fit (a paragraph that alone is
too long is split on sentences, a sentence that alone is too long at clauses, then words, then inside a word
such as a pasted URL, by the translator's splitter); the parts are summarised, the
part-summaries joined as paragraphs, and the joined text summarised again, as many rounds as it takes. The
number of rounds is the brief's ``map_reduce_depth``. Every word of the input reaches the model. A part's
summary is capped at its share of the window (the window over the article's number of parts), so the
joined part-summaries fit in one round instead of staying as long as the cap for ever.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional

from ringkas.text import join_paragraphs, split_paragraphs, split_sentences
from ringkas.translate.chunking import split_long_sentence

CountTokens = Callable[[str], int]
# texts and, per text, a cap on its summary's new tokens (None: the summariser's own cap)
SummariseTexts = Callable[[list[str], list[Optional[int]]], list[str]]
# Below this a part's summary says too little to summarise again.
MIN_PART_TOKENS = 16


class InputTooLong(ValueError):
    """The part-summaries did not shrink below the window within the allowed rounds."""

    reason = "input_too_long"


def part_cap(window: int, parts: int) -> int:
    """New tokens for each of ``parts`` part-summaries so that, joined, they fit ``window``. The count is
    rounded up to a power of two, so articles of 3 and 4 parts (5 to 8 ...) share a cap, and their parts
    share model batches."""
    share = 1 << max(0, parts - 1).bit_length()
    floor = max(4, min(MIN_PART_TOKENS, window // 4))  # a prompt may leave little room: shrink anyway
    return max(floor, (window - 4 * share) // share)


def pack_parts(text: str, count_tokens: CountTokens, window: int) -> list[str]:
    """Split ``text`` into parts of at most ``window`` tokens, on the coarsest boundary that fits."""
    units: list[str] = []
    for paragraph in split_paragraphs(text):
        units.extend(_fitting_units(paragraph, count_tokens, window))
    parts: list[str] = []
    current: list[str] = []
    for unit in units:
        candidate = join_paragraphs(current + [unit])
        if current and count_tokens(candidate) > window:
            parts.append(join_paragraphs(current))
            current = [unit]
        else:
            current.append(unit)
    if current:
        parts.append(join_paragraphs(current))
    return parts


def _fitting_units(paragraph: str, count_tokens: CountTokens, window: int) -> list[str]:
    if count_tokens(paragraph) <= window:
        return [paragraph]
    units: list[str] = []
    for sentence in split_sentences(paragraph):
        if count_tokens(sentence) <= window:
            units.append(sentence)
        else:
            pieces = split_long_sentence(sentence, lambda texts: [count_tokens(t) for t in texts], window)
            units.extend(piece for piece, _ in pieces)
    # Sentences of one paragraph are packed back together by pack_parts when they fit.
    return units


def map_reduce(
    texts: list[str],
    summarise: SummariseTexts,
    count_tokens: CountTokens,
    window: int,
    max_depth: int = 4,
) -> list[tuple[str | InputTooLong, int]]:
    """Summarise every text, map-reducing those over ``window``; returns (summary, depth) per text, or
    (:class:`InputTooLong`, depth) for a text that still did not fit after ``max_depth`` rounds (only that
    record is rejected; the others keep their summaries).

    All parts of all texts in one round go to ``summarise`` together, so the model sees full batches. Part
    caps are shares of the room the text has in the window (``count_tokens("")`` is what a prompt or prefix
    takes whatever the text).
    """
    current: list[str] = list(texts)
    depth = [0] * len(texts)
    failed: dict[int, InputTooLong] = {}
    room = max(1, window - count_tokens(""))
    pending = [i for i, text in enumerate(texts) if count_tokens(text) > window]
    while pending:
        for i in [i for i in pending if depth[i] >= max_depth]:
            failed[i] = InputTooLong(
                f"still longer than the {window}-token window after {max_depth} map-reduce rounds; "
                "lower max_new_tokens or use a model with a longer window"
            )
        pending = [i for i in pending if i not in failed]
        if not pending:
            break
        parts = {i: pack_parts(current[i], count_tokens, window) for i in pending}
        flat = [part for i in pending for part in parts[i]]
        caps: list[int | None] = [part_cap(room, len(parts[i])) for i in pending for _ in parts[i]]
        summaries = iter(summarise(flat, caps))
        for i in pending:
            current[i] = join_paragraphs([next(summaries).strip() for _ in parts[i]])
            depth[i] += 1
        pending = [i for i in pending if count_tokens(current[i]) > window]
    done = [i for i in range(len(texts)) if i not in failed]
    finals = iter(summarise([current[i] for i in done], [None] * len(done)))
    return [(failed[i] if i in failed else next(finals), depth[i]) for i in range(len(texts))]


def describe_window(window: int, max_depth: int) -> dict[str, Any]:
    return {"window_tokens": window, "max_map_reduce_depth": max_depth}
