"""ROUGE-1/2/L/Lsum F1 x100 exactly as Google's ``rouge-score`` computes them, averaged over articles.

``use_stemmer=True`` (Porter). ROUGE-Lsum needs sentences on separate lines: each line of the reference and
the brief (a bullet, its "- " marker removed) is split with :func:`ringkas.text.split_sentences` (rule-based,
so no NLTK punkt download; it knows Indonesian abbreviations and does not break "2.1" or "15,720"), the
sentences are joined with newlines before scoring, and ``split_summaries`` stays off so rouge-score uses
exactly those lines. A bulleted brief thus counts one line per bullet at least, never one run-on sentence.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from functools import cached_property
from typing import Any

import numpy as np

from ringkas.evaluate.metrics.base import Metric, Segment
from ringkas.summarise.base import bullet_lines
from ringkas.text import split_sentences

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")


def lines_for_lsum(text: str) -> str:
    """``text`` with one sentence per line, the form ROUGE-Lsum expects; line breaks (bullets) stay breaks."""
    return "\n".join(sentence for line in bullet_lines(text) for sentence in split_sentences(line))


class _MemoTokenizer:
    """rouge-score's own tokenizer (``tokenize.tokenize`` with its Porter stemmer), remembering what it did:
    each word is stemmed once and each text tokenized once, so a reference scored against several systems,
    and the words every article shares, cost nothing the second time. The tokens are exactly rouge-score's."""

    def __init__(self, use_stemmer: bool, max_texts: int = 200_000):
        from rouge_score import tokenize
        from rouge_score.tokenizers import DefaultTokenizer

        self._tokenize = tokenize.tokenize
        stemmer = DefaultTokenizer(use_stemmer)._stemmer  # the very stemmer rouge-score would use
        self._stemmer = _MemoStemmer(stemmer) if stemmer is not None else None
        self._texts: dict[str, list[str]] = {}
        self._max_texts = max_texts

    def tokenize(self, text: str) -> list[str]:
        tokens = self._texts.get(text)
        if tokens is None:
            tokens = self._tokenize(text, self._stemmer)
            if len(self._texts) < self._max_texts:
                self._texts[text] = tokens
        return list(tokens)  # a copy: the cached list is never shared with the scorer


class _MemoStemmer:
    def __init__(self, stemmer: Any):
        self._stem = functools.lru_cache(maxsize=1 << 18)(stemmer.stem)

    def stem(self, word: str) -> str:
        return self._stem(word)


class Rouge(Metric):
    name = "rouge"
    figures = ROUGE_TYPES
    target = "brief"

    def __init__(self, use_stemmer: bool = True):
        self.use_stemmer = use_stemmer

    @cached_property
    def _scorer(self) -> Any:
        import logging

        from rouge_score import rouge_scorer

        logging.getLogger("absl").setLevel(logging.WARNING)  # "Using default tokenizer" on every build
        return rouge_scorer.RougeScorer(list(ROUGE_TYPES), split_summaries=False,
                                        tokenizer=_MemoTokenizer(self.use_stemmer))

    def segment_stats(self, segments: Sequence[Segment]) -> np.ndarray:
        rows = []
        lines: dict[str, str] = {}  # each reference is split once, however many systems are scored
        for segment in segments:
            reference = segment.reference or ""
            if reference not in lines:
                lines[reference] = lines_for_lsum(reference)
            # rouge-score's signature is score(target, prediction): the REFERENCE comes first.
            scores = self._scorer.score(target=lines[reference], prediction=lines_for_lsum(segment.hypothesis))
            rows.append([scores[kind].fmeasure * 100 for kind in ROUGE_TYPES])
        return np.asarray(rows, dtype=float).reshape(len(segments), len(ROUGE_TYPES))

    def figures_from_sums(self, sums: np.ndarray, count: np.ndarray) -> dict[str, np.ndarray]:
        means = sums / np.asarray(count, dtype=float)[:, None]
        return {kind: means[:, i] for i, kind in enumerate(ROUGE_TYPES)}

    def signature(self) -> dict[str, Any]:
        from importlib.metadata import version

        return {
            "implementation": f"rouge-score {version('rouge-score')}",
            "use_stemmer": self.use_stemmer,
            "score": "F1 x100, mean over reference ids (missing briefs score 0)",
            "lsum_sentences": "one line per bullet, each split by ringkas.text.split_sentences",
        }
