"""Spot degenerate translations: repeat loops and output/input length ratios far outside the normal range.

opus-mt and NLLB are known to loop ("the the the ...", or one clause over and over) on noisy Indonesian
input, and to return nothing or a fragment for odd chunks. Both show up cheaply in the text itself.
"""

from __future__ import annotations

# Consecutive repeats that make a loop: a single word 4 times, a 2-6 word phrase 3 times.
_MIN_REPEATS = {1: 4, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3}
# Below this many source characters the length ratio says little ("Ya." -> "Yes.").
_MIN_CHARS_FOR_RATIO = 20


def degenerate_reason(source: str, output: str, min_ratio: float, max_ratio: float) -> str | None:
    """Why ``output`` looks degenerate for ``source`` (``"empty"``, ``"repeat_loop"``, ``"length_ratio"``), or None."""
    if not output.strip():
        return "empty" if source.strip() else None
    if repeat_loop(output.split()):
        return "repeat_loop"
    if len(source) >= _MIN_CHARS_FOR_RATIO:
        ratio = len(output) / len(source)
        if ratio < min_ratio or ratio > max_ratio:
            return "length_ratio"
    return None


def repeat_loop(words: list[str]) -> bool:
    """True when some 1-6 word phrase repeats back to back often enough to be a decoding loop."""
    lowered = [w.lower().strip(".,;:!?\"'") for w in words]
    for size, needed in _MIN_REPEATS.items():
        if len(lowered) < size * needed:
            continue
        for start in range(len(lowered) - size * needed + 1):
            phrase = lowered[start : start + size]
            if not any(phrase):
                continue
            repeats = 1
            pos = start + size
            while lowered[pos : pos + size] == phrase:
                repeats += 1
                pos += size
                if repeats >= needed:
                    return True
    return False
