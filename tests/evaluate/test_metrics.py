"""Every figure against the reference implementation called directly on the same inputs."""

from __future__ import annotations

import pytest
import sacrebleu
from rouge_score import rouge_scorer

from ringkas.evaluate.metrics import METRICS, Segment
from ringkas.evaluate.metrics.rouge import ROUGE_TYPES
from ringkas.text import split_sentences

REFERENCES = [
    "Indonesia's inflation rose to 2.1 percent in May. Rice prices were the main driver.",
    "Floods in Bekasi forced 15,720 residents into 42 shelters.",
    "Parliament extended village heads' terms to eight years. Activists objected.",
    "Persebaya beat Persib 2-1 with a late header.",
]
HYPOTHESES = [
    "Inflation in Indonesia rose to 2.1 percent in May, driven by rice prices.",
    "Bekasi floods: 15,720 people fled. They went to 42 shelters. Boats were used.",
    "",  # a missing brief scores 0
    "Persib lost 1-2 to Persebaya after a header in the 87th minute.",
]
BULLETED = [  # the brief format ringkas writes, with the lines rouge-score must see written out by hand
    ("- Inflation rose to 2.1 percent in May\n- Rice prices drove it\n- Traders blamed the drought",
     "Inflation rose to 2.1 percent in May\nRice prices drove it\nTraders blamed the drought"),
    ("- Floods hit Bekasi. 15,720 people fled\n- Boats were used in 42 shelters",
     "Floods hit Bekasi.\n15,720 people fled\nBoats were used in 42 shelters"),
]
CASES = {
    "paraphrases": (HYPOTHESES, REFERENCES),
    "identical": (REFERENCES, REFERENCES),
    "one_article": (HYPOTHESES[:1], REFERENCES[:1]),
}


def segments(hypotheses, references):
    return [Segment(id=str(i), hypothesis=h, reference=r) for i, (h, r) in enumerate(zip(hypotheses, references))]


@pytest.mark.parametrize("hypotheses,references", CASES.values(), ids=CASES.keys())
def test_rouge_matches_rouge_score(hypotheses, references):
    metric = METRICS.build("rouge")
    figures = metric.corpus_figures(metric.segment_stats(segments(hypotheses, references)))
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    expected = {kind: 0.0 for kind in ROUGE_TYPES}
    for hypothesis, reference in zip(hypotheses, references):
        scores = scorer.score(target="\n".join(split_sentences(reference)),
                              prediction="\n".join(split_sentences(hypothesis)))
        for kind in ROUGE_TYPES:
            expected[kind] += scores[kind].fmeasure * 100 / len(references)
    for kind in ROUGE_TYPES:
        assert figures[kind] == pytest.approx(expected[kind], abs=1e-6), kind


def test_rouge_lsum_sees_one_line_per_bullet():
    metric = METRICS.build("rouge")
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    briefs = [brief for brief, _ in BULLETED]
    figures = metric.corpus_figures(metric.segment_stats(segments(briefs, REFERENCES[:2])))
    for kind in ROUGE_TYPES:
        expected = sum(scorer.score(target="\n".join(split_sentences(reference)), prediction=lines)[kind].fmeasure
                       for (_, lines), reference in zip(BULLETED, REFERENCES[:2])) * 100 / 2
        assert figures[kind] == pytest.approx(expected, abs=1e-6), kind


def test_rouge_passes_the_reference_as_target(monkeypatch):
    """rouge-score's score(target, prediction) takes the reference first; F1 would hide a swap, so spy."""
    metric = METRICS.build("rouge")
    calls = []
    real_score = metric._scorer.score
    monkeypatch.setattr(metric._scorer, "score",
                        lambda target, prediction: calls.append((target, prediction)) or real_score(target, prediction))
    metric.segment_stats([Segment("x", hypothesis="The brief.", reference="The reference. Two lines.")])
    assert calls == [("The reference.\nTwo lines.", "The brief.")]


def test_rouge_lsum_uses_sentence_lines():
    """Lsum differs from L when sentences are reordered: the split must reach rouge-score."""
    metric = METRICS.build("rouge")
    stats = metric.segment_stats([Segment("x", "Rates were kept. Prices rose in May.",
                                          "Prices rose in May. Rates were kept.")])
    figures = metric.corpus_figures(stats)
    assert figures["rougeLsum"] == pytest.approx(100.0)
    assert figures["rougeL"] < figures["rougeLsum"]


@pytest.mark.parametrize("hypotheses,references", CASES.values(), ids=CASES.keys())
def test_bleu_matches_sacrebleu(hypotheses, references):
    metric = METRICS.build("bleu")
    figures = metric.corpus_figures(metric.segment_stats(segments(hypotheses, references)))
    assert figures["bleu"] == pytest.approx(sacrebleu.BLEU().corpus_score(hypotheses, [references]).score, abs=1e-6)


@pytest.mark.parametrize("hypotheses,references", CASES.values(), ids=CASES.keys())
def test_chrf_plus_plus_matches_sacrebleu(hypotheses, references):
    metric = METRICS.build("chrf++")
    figures = metric.corpus_figures(metric.segment_stats(segments(hypotheses, references)))
    expected = sacrebleu.CHRF(word_order=2).corpus_score(hypotheses, [references]).score
    assert figures["chrf++"] == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("name,expected", [
    ("bleu", sacrebleu.BLEU()), ("chrf++", sacrebleu.CHRF(word_order=2)),
], ids=["bleu", "chrf++"])
def test_signature_is_sacrebleus(name, expected):
    expected.corpus_score(HYPOTHESES, [REFERENCES])
    assert METRICS.build(name).signature()["sacrebleu"] == str(expected.get_signature())


def test_article_figures_are_each_article_alone():
    metric = METRICS.build("bleu")
    per_article = metric.article_figures(metric.segment_stats(segments(HYPOTHESES, REFERENCES)))["bleu"]
    for value, hypothesis, reference in zip(per_article, HYPOTHESES, REFERENCES):
        assert value == pytest.approx(sacrebleu.BLEU().corpus_score([hypothesis], [[reference]]).score, abs=1e-6)


@pytest.mark.parametrize("name,reference", [
    ("bleu", lambda h, r: sacrebleu.BLEU().corpus_score(h, [r]).score),
    ("chrf++", lambda h, r: sacrebleu.CHRF(word_order=2).corpus_score(h, [r]).score),
    ("rouge", None), ("reference_free", None),
], ids=["bleu", "chrf++", "rouge", "reference_free"])
def test_systems_scored_together_match_each_alone_across_reference_blocks(name, reference, monkeypatch):
    import ringkas.evaluate.metrics.sacrebleu_metrics as sacrebleu_metrics

    monkeypatch.setattr(sacrebleu_metrics, "REFERENCE_BLOCK", 3)  # 4 articles: two blocks
    metric = METRICS.build(name)
    systems = {"a": HYPOTHESES, "b": list(reversed(HYPOTHESES)), "c": REFERENCES}
    together = metric.systems_stats({k: segments(h, REFERENCES) for k, h in systems.items()})
    for key, hypotheses in systems.items():
        alone = METRICS.build(name).segment_stats(segments(hypotheses, REFERENCES))
        assert together[key] == pytest.approx(alone)
        if reference:
            assert metric.corpus_figures(together[key])[name] == pytest.approx(reference(hypotheses, REFERENCES),
                                                                               abs=1e-6)
