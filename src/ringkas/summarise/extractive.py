"""Extractive baselines that need no model weights: ``lead`` and ``textrank``.

They are the floor every model must beat in the evaluation harness and the fallback when a generated brief
fails the faithfulness guard. Both pick whole source sentences, so every number in their briefs is in the
source by construction.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from ringkas.models.runtime import Budget
from ringkas.summarise.base import Brief, Summariser, as_bullets
from ringkas.text import split_sentences

_WORD = re.compile(r"\w+", re.UNICODE)


def article_sentences(text: str) -> list[str]:
    return split_sentences(text)


class LeadSummariser(Summariser):
    """The first ``sentences`` sentences of the article: strong on news, where the lede carries the facts."""

    method = "lead"

    def __init__(self, settings: Any, budget: Budget | None = None):
        super().__init__(settings, budget)
        self.sentences = settings.sentences or 3

    def summarise_batch(self, texts: list[str], titles: list[str | None]) -> list[Brief]:
        return [self._brief(article_sentences(t)[: self.sentences], title) for t, title in zip(texts, titles)]

    def _brief(self, chosen: list[str], title: str | None) -> Brief:
        return Brief(text=as_bullets(chosen))

    def provenance(self) -> dict[str, Any]:
        return {**super().provenance(), "sentences": self.sentences}


class TextRankSummariser(LeadSummariser):
    """TextRank (Mihalcea & Tarau 2004): PageRank over a sentence graph weighted by content-word overlap.

    The top ``sentences`` by score are returned in article order, so the brief reads like the article.
    """

    method = "textrank"

    def __init__(self, settings: Any, budget: Budget | None = None):
        super().__init__(settings, budget)
        self.damping = settings.damping

    def summarise_batch(self, texts: list[str], titles: list[str | None]) -> list[Brief]:
        out = []
        for text, title in zip(texts, titles):
            sentences = article_sentences(text)
            scores = textrank_scores(sentences, self.damping)
            top = sorted(sorted(range(len(sentences)), key=lambda i: (-scores[i], i))[: self.sentences])
            out.append(self._brief([sentences[i] for i in top], title))
        return out

    def provenance(self) -> dict[str, Any]:
        return {**super().provenance(), "damping": self.damping, "similarity": "content-word overlap"}


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("ringkas.data").joinpath("summarise_stopwords.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def content_words(sentence: str) -> set[str]:
    skip = stopwords()
    return {w for w in (m.lower() for m in _WORD.findall(sentence)) if w not in skip and not w.isdigit()}


def similarity_matrix(sentences: list[str]) -> Any:
    """TextRank's overlap similarity: shared words over log(len(a)) + log(len(b))."""
    import numpy as np

    words = [content_words(s) for s in sentences]
    n = len(sentences)
    matrix = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            shared = len(words[i] & words[j])
            if shared:
                norm = math.log(len(words[i]) + 1) + math.log(len(words[j]) + 1)
                matrix[i, j] = matrix[j, i] = shared / norm
    return matrix


def textrank_scores(sentences: list[str], damping: float = 0.85, iterations: int = 100, tol: float = 1e-8) -> list[float]:
    """PageRank scores of the sentence graph (power iteration; isolated sentences get the teleport share)."""
    import numpy as np

    n = len(sentences)
    if n == 0:
        return []
    matrix = similarity_matrix(sentences)
    out_weight = matrix.sum(axis=1, keepdims=True)
    # A sentence with no links spreads its score evenly, as in PageRank's dangling nodes.
    transition = np.where(out_weight > 0, matrix / np.where(out_weight > 0, out_weight, 1), 1.0 / n)
    scores = np.full(n, 1.0 / n)
    for _ in range(iterations):
        updated = (1 - damping) / n + damping * transition.T @ scores
        if np.abs(updated - scores).sum() < tol:
            scores = updated
            break
        scores = updated
    return scores.tolist()
