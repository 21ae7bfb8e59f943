"""Metric registry: a file per metric family, imported only when a metric is built.

``rouge`` (ROUGE-1/2/L/Lsum), ``bleu`` and ``chrf++`` (sacrebleu, on translations), ``reference_free``
(length, compression, novel bigrams, repetition, number fidelity), ``translation_checks`` (share of records
whose text_en the number and missing-sentence checks flag), ``stories`` (B-cubed and pairwise P/R/F1 of the
systems' ``story`` against the references' ``event``), and behind extras ``bertscore`` and
``comet``.
"""

from ringkas.evaluate.metrics.base import Metric, Segment
from ringkas.registry import Registry

METRICS = Registry("metric", {
    "rouge": "ringkas.evaluate.metrics.rouge:Rouge",
    "bleu": "ringkas.evaluate.metrics.sacrebleu_metrics:Bleu",
    "chrf++": "ringkas.evaluate.metrics.sacrebleu_metrics:ChrfPlusPlus",
    "reference_free": "ringkas.evaluate.metrics.reference_free:ReferenceFree",
    "translation_checks": "ringkas.evaluate.metrics.translation_checks:TranslationChecks",
    "bertscore": "ringkas.evaluate.metrics.model_based:BertScore",
    "comet": "ringkas.evaluate.metrics.model_based:Comet",
    "stories": "ringkas.evaluate.metrics.clustering:StoryClustering",
})

# What `ringkas eval` computes when no --metrics is given (translation metrics only where references have
# a `translation`).
DEFAULT_METRICS = ("rouge", "bleu", "chrf++", "reference_free", "translation_checks")

__all__ = ["DEFAULT_METRICS", "METRICS", "Metric", "Segment"]
