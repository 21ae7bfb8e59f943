"""Reference-free translation checks per system: the share of its translated records that the number check
and the missing-sentence check (:mod:`ringkas.translate.checks`) flag.

The checks are run again here on each record's own fields, exactly as ``ringkas check`` runs them, so
systems are compared the same way whoever translated them (ours flag as they go, others do not). The
Indonesian side is the record's own ``text`` (the cleaned article the system translated); a record without
one (a job's ``briefs.jsonl``) is checked against the suite's source, cleaned by ringkas's cleaner first so
that navigation lines the system never saw are not counted as lost. Records without ``text_en`` are left out
of the share; a system with none is ``n/a``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from ringkas.evaluate.metrics.base import Metric, Segment, safe_ratio
from ringkas.record import Article
from ringkas.translate.checks import NUMBER_FLAG, SENTENCE_FLAG, TRANSLATED_FIELDS, check_translated, checks_provenance

STATS = ("translated", "numbers_flagged", "sentences_flagged")


@lru_cache(maxsize=4096)
def cleaned_source(text: str) -> str:
    """The suite's raw Indonesian article as ringkas's cleaner leaves it (the raw text if it rejects it)."""
    from ringkas.clean import clean_articles

    [article] = list(clean_articles([Article(id="source", text=text)]))
    return text if article.rejected else article.text


def record_flags(segment: Segment) -> list[str] | None:
    """The check flags for one system record, or None when it has no translation to check."""
    record = segment.record
    if record is None or not (record.text_en or "").strip():
        return None
    source = record.text or cleaned_source(segment.source or "")
    copy = Article(id=record.id, title=record.title, text=source, title_en=record.title_en, text_en=record.text_en)
    return check_translated(copy, TRANSLATED_FIELDS)


class TranslationChecks(Metric):
    name = "translation_checks"
    figures = ("mt_number_flagged", "mt_sentence_flagged")
    target = "reference_free"
    direction = {"mt_number_flagged": -1, "mt_sentence_flagged": -1}

    def segment_stats(self, segments: Sequence[Segment]) -> np.ndarray:
        rows = []
        for segment in segments:
            flags = record_flags(segment)
            rows.append([0, 0, 0] if flags is None else [1, NUMBER_FLAG in flags, SENTENCE_FLAG in flags])
        return np.asarray(rows, dtype=float).reshape(len(segments), len(STATS))

    def figures_from_sums(self, sums: np.ndarray, count: np.ndarray) -> dict[str, np.ndarray]:
        return {"mt_number_flagged": 100 * safe_ratio(sums[:, 1], sums[:, 0]),
                "mt_sentence_flagged": 100 * safe_ratio(sums[:, 2], sums[:, 0])}

    def signature(self) -> dict[str, Any]:
        return {"implementation": "ringkas.evaluate.metrics.translation_checks", "fields": TRANSLATED_FIELDS,
                "source": "the record's text, else the suite's source cleaned", **checks_provenance()}
