"""score_systems: missing hypotheses, translation metrics only where references have them, JSON shape."""

from __future__ import annotations

import json
import math

import pytest
from rouge_score import rouge_scorer

from ringkas.evaluate.references import Reference
from ringkas.evaluate.scoring import score_systems
from ringkas.evaluate.stats import StatsSettings
from ringkas.record import Article
from ringkas.text import split_sentences

REFS = [
    Reference(id="a", summary="Inflation rose to 2.1 percent in May.", translation="Inflation rose to 2.1 percent.",
              source="Inflasi naik menjadi 2,1 persen pada Mei."),
    Reference(id="b", summary="Floods displaced 15,720 people in Bekasi.",
              translation="Floods displaced 15,720 residents.", source="Banjir membuat 15.720 warga mengungsi."),
    Reference(id="c", summary="Police arrested three suspects.", source="Polisi menangkap tiga tersangka."),
]
FAST = StatsSettings(n_resamples=200, n_trials=200, seed=1)


def system(**briefs: str) -> dict[str, Article]:
    return {key: Article(id=key, brief=brief, text_en=brief) for key, brief in briefs.items()}


def rouge1(reference: str, hypothesis: str) -> float:
    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    return scorer.score(target="\n".join(split_sentences(reference)),
                        prediction="\n".join(split_sentences(hypothesis)))["rouge1"].fmeasure * 100


@pytest.mark.parametrize("outputs,missing", [
    (system(a="Inflation rose to 2.1 percent in May.", b="Floods hit Bekasi."), 1),
    (system(a="Inflation rose.", b="", c="Three arrested."), 1),  # an empty brief is missing too
    ({}, 3),
], ids=["absent_id", "empty_brief", "no_outputs"])
def test_missing_briefs_score_zero_and_are_counted(outputs, missing):
    result = score_systems(REFS, {"sys": outputs}, metrics=["rouge"], settings=FAST)
    briefs = [outputs[r.id].brief if r.id in outputs and outputs[r.id].brief else "" for r in REFS]
    expected = sum(rouge1(r.summary, b) if b else 0.0 for r, b in zip(REFS, briefs)) / len(REFS)
    assert result.systems["sys"].missing == missing
    assert result.systems["sys"].figures["rouge1"] == pytest.approx(expected, abs=1e-6)
    assert len(result.systems["sys"].per_article["rouge1"]) == len(REFS)


def test_translation_metrics_use_only_references_with_a_translation():
    import sacrebleu

    outputs = system(a="Inflation rose to 2.1 percent.", b="Floods displaced residents.", c="Three arrested.")
    result = score_systems(REFS, {"sys": outputs}, metrics=["bleu"], settings=FAST)
    expected = sacrebleu.corpus_bleu([outputs["a"].text_en, outputs["b"].text_en],
                                     [[REFS[0].translation, REFS[1].translation]]).score
    assert result.systems["sys"].figures["bleu"] == pytest.approx(expected, abs=1e-6)
    assert math.isnan(result.systems["sys"].per_article["bleu"][2])


def test_translation_metrics_without_translations_are_reported_not_scored():
    refs = [Reference(id="a", summary="A brief.")]
    result = score_systems(refs, {"sys": system(a="A brief.")}, metrics=["rouge", "chrf++"], settings=FAST)
    assert "chrf++" not in result.systems["sys"].figures
    assert "translation" in result.not_scored["chrf++"]


def test_json_shape():
    outputs = {"lead": system(a="Inflation rose to 2.1 percent in May.", b="Floods in Bekasi."),
               "other": system(a="Prices went up by 99 percent.", b="Floods displaced 15,720 people in Bekasi.",
                               c="Police arrested three suspects.")}
    data = json.loads(json.dumps(score_systems(REFS, outputs, settings=FAST).to_json()))
    lead = data["systems"]["lead"]
    assert {"rouge1", "rouge2", "rougeL", "rougeLsum", "bleu", "chrf++", "number_fidelity"} <= set(lead)
    assert lead["missing"] == 1 and data["systems"]["other"]["missing"] == 0
    low, high = lead["rouge1"]["ci"]
    assert low <= lead["rouge1"]["f"] <= high
    assert data["signatures"]["bleu"]["sacrebleu"].startswith("nrefs:1|")
    assert data["statistics"]["bootstrap_resamples"] == 200
    assert data["provenance"]["ringkas"]
    pairs = {(c["figure"], c["a"], c["b"]) for c in data["comparisons"]}
    assert ("rouge1", "lead", "other") in pairs and not any(f == "length" for f, _a, _b in pairs)
    # "other" invented 99; every number of "lead" is in the source
    assert lead["number_fidelity"]["f"] == 100.0
    # 15,720 yes (15.720), "three" yes ("tiga"), 99 no
    assert data["systems"]["other"]["number_fidelity"]["f"] == pytest.approx(200 / 3, abs=1e-4)


def test_flags_name_unsupported_numbers_and_missing_briefs():
    result = score_systems(REFS, {"sys": system(a="Inflation hit 3.4 percent.")}, metrics=["rouge"],
                           settings=FAST)
    assert result.systems["sys"].flags["a"] == ["numbers_not_in_source: 3.4 percent"]
    assert result.systems["sys"].flags["b"] == ["missing"]


def test_system_provenance_is_carried_into_the_json():
    article = Article(id="a", brief="Inflation rose.")
    article.add_provenance("summarise", {"method": "lead", "sentences": 3})
    data = score_systems(REFS, {"lead": {"a": article}}, metrics=["rouge"], settings=FAST).to_json()
    assert data["systems"]["lead"]["pipeline"] == {"summarise": {"method": "lead", "sentences": 3}}
