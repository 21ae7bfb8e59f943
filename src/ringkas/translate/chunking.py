"""Cut a paragraph into chunks that fit the model's window: pack whole sentences, split only what must be split.

A sentence longer than the limit is cut at clause boundaries (commas, semicolons, colons, dashes), then
between words, and only a single "word" longer than the limit (a pasted URL or hash) is cut inside.
Every cut is reported so the caller can record it; nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ringkas.text import split_sentences

CountTokens = Callable[[list[str]], list[int]]

# Split after clause punctuation followed by a space; keeps the punctuation with the left part.
_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+(?=[–—-]\s)")


@dataclass
class ParagraphChunks:
    chunks: list[str]
    lengths: list[int]
    # One line per sentence that had to be cut, for the record's metadata.
    warnings: list[str] = field(default_factory=list)


def chunk_paragraph(paragraph: str, count_tokens: CountTokens, limit: int) -> ParagraphChunks:
    """Sentences of ``paragraph`` packed greedily into chunks of at most ``limit`` source tokens."""
    sentences = split_sentences(paragraph) or [paragraph]
    lengths = count_tokens(sentences)
    pieces: list[tuple[str, int]] = []
    warnings: list[str] = []
    for sentence, length in zip(sentences, lengths):
        if length <= limit:
            pieces.append((sentence, length))
            continue
        parts = split_long_sentence(sentence, count_tokens, limit)
        warnings.append(f"sentence of {length} tokens split into {len(parts)} parts to fit {limit}: {sentence[:60]!r}")
        pieces.extend(parts)
    return _pack(pieces, count_tokens, limit, warnings)


def _pack(pieces: list[tuple[str, int]], count_tokens: CountTokens, limit: int,
          warnings: list[str]) -> ParagraphChunks:
    chunks: list[str] = []
    chunk_lengths: list[int] = []
    current: list[str] = []
    current_len = 0
    for text, length in pieces:
        # Lengths of separately tokenised sentences add up to at least the joined length (one fewer EOS per
        # join), so the sum is a safe upper bound.
        if current and current_len + length > limit:
            chunks.append(" ".join(current))
            chunk_lengths.append(current_len)
            current, current_len = [], 0
        current.append(text)
        current_len += length
    if current:
        chunks.append(" ".join(current))
        chunk_lengths.append(current_len)
    return ParagraphChunks(chunks, count_tokens(chunks) if len(chunks) > 0 else [], warnings)


def split_long_sentence(sentence: str, count_tokens: CountTokens, limit: int) -> list[tuple[str, int]]:
    """(text, tokens) parts of an over-long sentence, each within ``limit``: clauses, then words, then characters."""
    out: list[tuple[str, int]] = []
    clauses = [c for c in _CLAUSE_BREAK.split(sentence) if c.strip()]
    for clause, length in zip(clauses, count_tokens(clauses)):
        if length <= limit:
            out.append((clause, length))
        else:
            out.extend(_split_words(clause, count_tokens, limit))
    return _merge_small(out, count_tokens, limit)


def _split_words(text: str, count_tokens: CountTokens, limit: int) -> list[tuple[str, int]]:
    words = text.split()
    out: list[tuple[str, int]] = []
    current: list[str] = []
    for word, length in zip(words, count_tokens(words)):
        if length > limit:
            if current:
                out.append(_measured(" ".join(current), count_tokens))
                current = []
            out.extend(_split_chars(word, count_tokens, limit))
            continue
        candidate = " ".join(current + [word])
        if current and count_tokens([candidate])[0] > limit:
            out.append(_measured(" ".join(current), count_tokens))
            current = [word]
        else:
            current.append(word)
    if current:
        out.append(_measured(" ".join(current), count_tokens))
    return out


def _split_chars(word: str, count_tokens: CountTokens, limit: int) -> list[tuple[str, int]]:
    """A single token-heavy word: halve the slice width until every slice fits."""
    width = max(1, len(word) // 2)
    while True:
        parts = [word[i : i + width] for i in range(0, len(word), width)]
        lengths = count_tokens(parts)
        if max(lengths) <= limit or width == 1:
            return list(zip(parts, lengths))
        width = max(1, width // 2)


def _merge_small(parts: list[tuple[str, int]], count_tokens: CountTokens, limit: int) -> list[tuple[str, int]]:
    """Rejoin neighbouring clauses while they fit, so a split sentence becomes as few parts as possible."""
    merged: list[tuple[str, int]] = []
    for text, length in parts:
        if merged and merged[-1][1] + length <= limit:
            joined = merged[-1][0] + " " + text
            merged[-1] = _measured(joined, count_tokens)
        else:
            merged.append((text, length))
    return merged


def _measured(text: str, count_tokens: CountTokens) -> tuple[str, int]:
    return text, count_tokens([text])[0]
