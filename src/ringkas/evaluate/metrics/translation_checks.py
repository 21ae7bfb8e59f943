"""Reference-free checks per system: the share of its translated records that the number check, the
missing-sentence check and the added-sentence check (:mod:`ringkas.translate.checks`) flag, and the share of
its briefs with a sentence the English article does not say (:mod:`ringkas.summarise.support`).

A record that already carries these checks' verdict (a ringkas translation or ``ringkas check`` output: its
provenance names the same checks version) is taken as it is, flags and all; any other is checked here,
exactly as ``ringkas check`` checks it, so systems are compared the same way whoever translated them. The
Indonesian side is the record's own ``text`` (the cleaned article the system translated); a record without
one (a job's ``briefs.jsonl``) is checked against the suite's source, cleaned by ringkas's cleaner (built
once) first so that navigation lines the system never saw are not counted as lost. Records without
``text_en`` are left out of the shares; a system with none is ``n/a``. The meaning checks load the encoder
once, and its vectors are cached per text.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from ringkas.evaluate.metrics.base import Metric, Segment, safe_ratio
from ringkas.record import Article
from ringkas.translate.checks import (
    ADDED_FLAG,
    CHECKS_VERSION,
    NUMBER_FLAG,
    SENTENCE_FLAG,
    TRANSLATED_FIELDS,
    check_translated,
    checks_provenance,
)

STATS = ("translated", "numbers_flagged", "sentences_flagged", "added_flagged", "briefed", "brief_flagged")


@lru_cache(maxsize=1)
def _cleaner() -> list[Any]:
    from ringkas.clean import build_cleaner

    return build_cleaner(dedupe_ids=False)


@lru_cache(maxsize=4096)
def cleaned_source(text: str) -> str:
    """The suite's raw Indonesian article as ringkas's cleaner leaves it (the raw text if it rejects it)."""
    stream: Any = [Article(id="source", text=text)]
    for step in _cleaner():
        stream = step(stream)
    [article] = list(stream)
    return text if article.rejected else article.text


def _carried(record: Any) -> tuple[bool, bool]:
    """Whether ``record`` already carries this version's translation checks, and the brief check."""
    provenance = (record.metadata or {}).get("provenance") or {}
    check = provenance.get("check") or {}
    translate = (provenance.get("translate") or {}).get("checks") or {}
    translation = CHECKS_VERSION in (check.get("version"), translate.get("version"))
    brief = "brief" in check or "support" in (provenance.get("summarise") or {})
    return translation, brief


class TranslationChecks(Metric):
    name = "translation_checks"
    figures = ("mt_number_flagged", "mt_sentence_flagged", "mt_added_flagged", "brief_unsupported")
    target = "reference_free"
    direction = {"mt_number_flagged": -1, "mt_sentence_flagged": -1, "mt_added_flagged": -1, "brief_unsupported": -1}

    def __init__(self) -> None:
        self._meaning: Any = None
        self._support: Any = None
        self._built = False

    def _checks(self) -> tuple[Any, Any]:
        """The meaning and brief-support checks (None when the meaning checks are off), one encoder for both."""
        if not self._built:
            from ringkas.summarise.support import brief_support
            from ringkas.translate.meaning import meaning_check

            self._meaning = meaning_check()
            self._support = brief_support(encoder=self._meaning.encoder) if self._meaning is not None else None
            self._built = True
        return self._meaning, self._support

    def record_flags(self, segment: Segment) -> list[str] | None:
        """The check flags for one system record, or None when it has no translation to check."""
        record = segment.record
        if record is None or not (record.text_en or "").strip():
            return None
        carried, brief_carried = _carried(record)
        flags = [f for f in record.flags if f in (NUMBER_FLAG, SENTENCE_FLAG, ADDED_FLAG)] if carried else None
        meaning, support = self._checks()
        if flags is None:
            source = record.text or cleaned_source(segment.source or "")
            copy = Article(id=record.id, title=record.title, text=source, title_en=record.title_en,
                           text_en=record.text_en)
            flags = check_translated(copy, TRANSLATED_FIELDS, meaning=meaning)
        if brief_carried:
            flags += [f for f in record.flags if f == "brief_unsupported"]
        elif support is not None and (record.brief or record.headline_en):
            from ringkas.summarise.support import check_brief

            copy = Article(id=record.id, brief=record.brief, headline_en=record.headline_en, title_en=record.title_en,
                           text_en=record.text_en)
            flags += check_brief(copy, support)
        return flags

    def segment_stats(self, segments: Sequence[Segment]) -> np.ndarray:
        rows = []
        for segment in segments:
            flags = self.record_flags(segment)
            briefed = segment.record is not None and bool(segment.record.brief or segment.record.headline_en)
            rows.append([0] * len(STATS) if flags is None else
                        [1, NUMBER_FLAG in flags, SENTENCE_FLAG in flags, ADDED_FLAG in flags, briefed,
                         briefed and "brief_unsupported" in flags])
        return np.asarray(rows, dtype=float).reshape(len(segments), len(STATS))

    def figures_from_sums(self, sums: np.ndarray, count: np.ndarray) -> dict[str, np.ndarray]:
        return {"mt_number_flagged": 100 * safe_ratio(sums[:, 1], sums[:, 0]),
                "mt_sentence_flagged": 100 * safe_ratio(sums[:, 2], sums[:, 0]),
                "mt_added_flagged": 100 * safe_ratio(sums[:, 3], sums[:, 0]),
                "brief_unsupported": 100 * safe_ratio(sums[:, 5], sums[:, 4])}

    def signature(self) -> dict[str, Any]:
        meaning, support = self._checks()
        return {"implementation": "ringkas.evaluate.metrics.translation_checks", "fields": TRANSLATED_FIELDS,
                "source": "the record's text, else the suite's source cleaned",
                "reused": "flags of records that carry this checks version", **checks_provenance(meaning=meaning),
                "brief": support.provenance() if support is not None else False}
