"""Translation checks: did every figure and every sentence of the source survive the translation, and did
the translation say nothing the source does not?

The checks run on one source chunk and its translation (a chunk of packed sentences for our translator's
repairs, a paragraph for the flags a record carries, whoever translated it):

- **numbers**: every number of the source (read as Indonesian) must have an equal in the translation (read as
  English), and every number of the translation one in the source (see :mod:`ringkas.text.numbers`);
- **sentences**: when the translation has fewer sentences than the source, the two are aligned by length,
  Gale & Church (1993) style, and a source sentence aligned to nothing is missing. A deletion costs its prior
  only, not the length term: a sentence left out is exactly what the check is for, so it must not look
  dearer than two sources squeezed into one target. Names and figures both sides share (``anchors``) make a
  bead likelier, so the sentence named is the one that went missing, not a neighbour of about its length.
  This is the sentence check when the meaning check is off;
- **meaning** (with an encoder, :mod:`ringkas.translate.meaning`): sentences aligned by similarity; a source
  sentence with no match is missing, whatever its length or numbers, and a translation sentence with none
  was added.

Flags: ``mt_number_mismatch``, ``mt_sentence_missing`` and ``mt_sentence_added``; details in
``metadata.check.numbers``, ``.sentences`` and ``.added``, each entry with its field and chunk (the paragraph),
and the aligned pairs with their scores in ``metadata.check.meaning``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ringkas.text import split_paragraphs, split_sentences
from ringkas.text.numbers import one_per_place, read_numbers, unmatched

CHECKS_VERSION = "2"
NUMBER_FLAG = "mt_number_mismatch"
SENTENCE_FLAG = "mt_sentence_missing"
ADDED_FLAG = "mt_sentence_added"
REPAIRED_FLAG = "mt_repaired"
CHECK_FLAGS = (NUMBER_FLAG, SENTENCE_FLAG, ADDED_FLAG, REPAIRED_FLAG)
# metadata.check section -> the flag its entries raise
_SECTIONS = {"numbers": NUMBER_FLAG, "sentences": SENTENCE_FLAG, "added": ADDED_FLAG}
# Source field -> translated field, for records translated by anyone.
TRANSLATED_FIELDS = {"title": "title_en", "text": "text_en"}

# Gale-Church length model: English characters per Indonesian character and the variance per character
# (measured on the references of eval/data/ringkas-id-news.jsonl, see scripts/bench_checks.py).
LENGTH_RATIO = 0.93
LENGTH_VARIANCE = 6.8
# A name or figure both sides of a bead share makes it this much likelier (in -log units): with it the check
# names the sentence that went missing, not a neighbour of about its length.
ANCHOR_WEIGHT = 2.0
# Bead priors: (source sentences, target sentences) -> probability (Gale & Church 1993, Table 5).
BEAD_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2, (2, 2): 0.011}


def checks_provenance(check_numbers: bool = True, check_sentences: bool = True, repair: bool | None = None,
                      meaning: Any = None) -> dict[str, Any]:
    """What the checks depend on, for the provenance of every checked record (``repair``: None where the
    caller does not translate; ``meaning``: the :class:`SentenceMeaning` check, None when it is off)."""
    length = {"method": "gale-church", "length_ratio": LENGTH_RATIO, "length_variance": LENGTH_VARIANCE,
              "anchor_weight": ANCHOR_WEIGHT}
    out: dict[str, Any] = {"version": CHECKS_VERSION,
                           "numbers": check_numbers and {"reader": "ringkas.text.numbers", "source": "id",
                                                         "translation": "en"},
                           "sentences": check_sentences and (meaning.provenance() if meaning is not None else length)}
    if repair is not None:
        out["repair"] = repair and "one sentence per input"
    return out


@dataclass
class ChunkCheck:
    """What one chunk's translation lost or gained."""

    numbers: list[dict[str, str]] = field(default_factory=list)  # {"number": surface, "in": source|translation}
    sentences: list[str] = field(default_factory=list)  # source sentences with no counterpart
    added: list[str] = field(default_factory=list)  # translation sentences with no source behind them
    pairs: list[dict[str, Any]] | None = None  # the meaning alignment's beads, where it ran

    @property
    def flags(self) -> list[str]:
        return [flag for flag, found in ((NUMBER_FLAG, self.numbers), (SENTENCE_FLAG, self.sentences),
                                         (ADDED_FLAG, self.added)) if found]

    @property
    def passed(self) -> bool:
        return not (self.numbers or self.sentences or self.added)

    @property
    def problems(self) -> int:
        return len(self.numbers) + len(self.sentences) + len(self.added)


def check_chunk(source: str, translation: str, numbers: bool = True, sentences: bool = True,
                meaning: Any = None) -> ChunkCheck:
    """The checks on one source chunk and its translation; with ``meaning`` (a :class:`SentenceMeaning`) the
    sentence check aligns by similarity and also finds added sentences."""
    result = ChunkCheck()
    if numbers:
        result.numbers = number_mismatches(source, translation)
    if sentences and meaning is not None:
        src = split_sentences(source) or ([source] if source.strip() else [])
        tgt = split_sentences(translation) or ([translation] if translation.strip() else [])
        alignment = meaning.align(src, tgt)
        result.sentences = [src[i] for i in alignment.missing]
        result.added = [tgt[j] for j in alignment.added]
        result.pairs = alignment.as_pairs()
    elif sentences:
        result.sentences = missing_sentences(source, translation)
    return result


def number_mismatches(source: str, translation: str) -> list[dict[str, str]]:
    """Numbers of the source with no equal in the translation, then numbers of the translation with none
    in the source."""
    src, tgt = read_numbers(source, "id"), read_numbers(translation, "en")
    return ([{"number": n.surface, "in": "source"} for n in one_per_place(unmatched(src, tgt))]
            + [{"number": n.surface, "in": "translation"} for n in one_per_place(unmatched(tgt, src))])


def missing_sentences(source: str, translation: str) -> list[str]:
    """Source sentences with no counterpart in ``translation``: sentence counts first, then a length
    alignment when the translation has fewer."""
    src = split_sentences(source) or ([source] if source.strip() else [])
    tgt = split_sentences(translation)
    if len(tgt) >= len(src):
        return []
    beads = align_lengths([len(s) for s in src], [len(t) for t in tgt], [anchors(s) for s in src],
                          [anchors(t) for t in tgt])
    return [src[i] for (i, j), (di, dj) in beads if (di, dj) == (1, 0)]


_ANCHOR = re.compile(r"(?<=\s)[A-Z][\w-]+|\d[\d.,]*\d|\d")


def anchors(sentence: str) -> frozenset[str]:
    """Tokens a translation keeps as they are: names and other capitalised words after the first, and
    figures with their separators taken out (so "15.720" and "15,720" are one anchor)."""
    return frozenset(re.sub(r"[.,]", "", token) for token in _ANCHOR.findall(sentence))


def _normal_tail(z: float) -> float:
    """P(|Z| >= |z|) for a standard normal Z."""
    return math.erfc(abs(z) / math.sqrt(2))


def _bead_cost(source_len: int, target_len: int, bead: tuple[int, int], shared: int) -> float:
    prior = -math.log(BEAD_PRIORS[bead])
    if source_len == 0 or target_len == 0:
        return prior
    mean = (source_len + target_len / LENGTH_RATIO) / 2
    z = (LENGTH_RATIO * source_len - target_len) / math.sqrt(LENGTH_VARIANCE * mean)
    return prior - math.log(max(_normal_tail(z), 1e-300)) - ANCHOR_WEIGHT * shared


def align_lengths(source: list[int], target: list[int], source_anchors: list[frozenset[str]] | None = None,
                  target_anchors: list[frozenset[str]] | None = None
                  ) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Gale-Church alignment of sentence lengths, each anchor a bead's two sides share lowering its cost:
    ((source start, target start), (source n, target n)) per bead, in order."""
    n, m = len(source), len(target)
    src_anchors = source_anchors or [frozenset()] * n
    tgt_anchors = target_anchors or [frozenset()] * m
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for di, dj in BEAD_PRIORS:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                shared = len(frozenset().union(*src_anchors[i:a]) & frozenset().union(*tgt_anchors[j:b]))
                c = cost[i][j] + _bead_cost(sum(source[i:a]), sum(target[j:b]), (di, dj), shared)
                if c < cost[a][b]:
                    cost[a][b], back[a][b] = c, (di, dj)
    beads = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = back[i][j]
        i, j = i - di, j - dj
        beads.append(((i, j), (di, dj)))
    return beads[::-1]


def record_check(article: Any, results: list[tuple[str, int, ChunkCheck]], fields: Any = ()) -> None:
    """Flags and ``metadata.check`` for a record from its chunks' checks ((source field, chunk, check)).

    What an earlier check said about the source fields in ``fields`` (and those in ``results``) is replaced;
    what it said about other fields (the text, when a later step translates the brief) is kept."""
    checked = set(fields) | {f for f, _, _ in results}
    earlier = article.metadata.get("check", {})
    report = {name: [e for e in earlier.get(name, []) if e.get("field") not in checked]
              for name in (*_SECTIONS, "meaning")}
    others = {name: found for name, found in earlier.items() if name not in report}  # the brief's, say
    report["numbers"] += [{"field": f, "chunk": k, **entry} for f, k, check in results for entry in check.numbers]
    report["sentences"] += [{"field": f, "chunk": k, "sentence": s} for f, k, check in results
                            for s in check.sentences]
    report["added"] += [{"field": f, "chunk": k, "sentence": s} for f, k, check in results for s in check.added]
    report["meaning"] += [{"field": f, "chunk": k, "pairs": check.pairs} for f, k, check in results
                          if check.pairs is not None]
    report = {**others, **{name: found for name, found in report.items() if found}}
    article.metadata.pop("check", None)
    if report:
        article.metadata["check"] = report
    for name, flag in _SECTIONS.items():
        if flag in article.flags:
            article.flags.remove(flag)
        if name in report:
            article.flag(flag)


def check_translated(article: Any, fields: dict[str, str], numbers: bool = True, sentences: bool = True,
                     meaning: Any = None) -> list[str]:
    """Re-check a record translated by anyone: each source field against its translation, paragraph by
    paragraph when the paragraphs line up, else as one text. Sets flags and ``metadata.check``; returns the
    check flags it set."""
    results = []
    for source_field, target_field in fields.items():
        source, translation = getattr(article, source_field, None), getattr(article, target_field, None)
        if not source or translation is None:
            continue
        src, tgt = split_paragraphs(source), split_paragraphs(translation)
        if len(src) != len(tgt):
            src, tgt = [" ".join(src)], [" ".join(tgt)]
        results.append((source_field, src, tgt))
    if meaning is not None and sentences:
        meaning.prepare([(split_sentences(s), split_sentences(t)) for _, src, tgt in results for s, t in zip(src, tgt)])
    checks = [(f, k, check_chunk(s, t, numbers=numbers, sentences=sentences, meaning=meaning))
              for f, src, tgt in results for k, (s, t) in enumerate(zip(src, tgt))]
    record_check(article, checks, fields)
    return [flag for flag in _SECTIONS.values() if flag in article.flags]
