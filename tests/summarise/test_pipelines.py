from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.errors import ConfigError
from ringkas.record import Article
from ringkas.step import BatchStep
from ringkas.summarise import build_summariser
from ringkas.summarise.base import Brief, Summariser
from ringkas.pipelines import pipeline_steps, stage_plans
from ringkas.summarise.settings import SummariserSettings

REPO = Path(__file__).resolve().parents[2]


class UpperTranslator(BatchStep):
    """A test double of the translator contract: a ``fields`` mapping; 'translates' by upper-casing and
    records which fields it saw, so tests can check what each pipeline sends through translation."""

    name = "translate"

    def __init__(self, fields: dict[str, str] | None = None):
        self.fields = dict(fields or {"title": "title_en", "text": "text_en"})
        self.seen: list[str] = []

    def process_batch(self, articles: list[Article]) -> list[Article]:
        for article in articles:
            for source, target in self.fields.items():
                value = getattr(article, source)
                if value:
                    self.seen.append(value)
                    # Paragraph by paragraph, lines inside one joined: what the real translator does.
                    paragraphs = [" ".join(p.split()) for p in value.split("\n\n")]
                    setattr(article, target, "\n\n".join(paragraphs).upper())
            article.add_provenance("translate", {"fields": self.fields})
        return articles


TEXT = "Harga beras naik 2,1 persen. Bulog menyalurkan 15.720 ton beras. Warga antre di pasar."


def run(steps, article: Article) -> Article:
    records = [article]
    for step in steps:
        records = list(step(records))
    return records[0]


def test_translate_then_summarise_translates_the_text_first() -> None:
    translator = UpperTranslator()
    steps = pipeline_steps("translate-then-summarise", translator, build_summariser("lead", sentences=2))
    assert steps[0] is not translator and steps[0].fields == translator.fields  # a copy, same model
    article = run(steps, Article(id="a", text=TEXT, title="Harga beras naik"))
    assert article.brief == "- HARGA BERAS NAIK 2,1 PERSEN.\n- BULOG MENYALURKAN 15.720 TON BERAS."
    assert article.headline_en == "HARGA BERAS NAIK"
    assert translator.seen == ["Harga beras naik", TEXT]


def test_summarise_then_translate_translates_only_title_brief_and_headline() -> None:
    translator = UpperTranslator()
    summariser = build_summariser("lead", sentences=2, pipeline="summarise-then-translate")
    steps = pipeline_steps("summarise-then-translate", translator, summariser)
    assert steps[0] is summariser
    article = run(steps, Article(id="a", text=TEXT, title="Harga beras naik"))
    assert article.text_en is None
    assert article.title_en == "HARGA BERAS NAIK"
    # Bullets survive a translator that joins the lines of a paragraph.
    assert article.brief == "- HARGA BERAS NAIK 2,1 PERSEN.\n- BULOG MENYALURKAN 15.720 TON BERAS."
    assert article.headline_en == "HARGA BERAS NAIK"
    assert TEXT not in steps[2].seen and steps[2].seen[1] == "Harga beras naik 2,1 persen.\n\nBulog menyalurkan 15.720 ton beras."
    assert translator.fields == {"title": "title_en", "text": "text_en"}  # the caller's step is not changed
    assert "brief_bullets_as_paragraphs" not in article.metadata


class InventingTranslator(UpperTranslator):
    """Translates the brief and turns "2,1 persen" into "21 percent": a number the source never had."""

    def process_batch(self, articles):
        articles = super().process_batch(articles)
        for article in articles:
            if article.brief:
                article.brief = article.brief.replace("2,1 PERSEN", "21 percent")
        return articles


def test_summarise_then_translate_checks_the_english_brief_against_the_source() -> None:
    summariser = build_summariser("lead", sentences=2, pipeline="summarise-then-translate")
    steps = pipeline_steps("summarise-then-translate", InventingTranslator(), summariser)
    article = run(steps, Article(id="a", text=TEXT, title="Harga beras naik"))
    assert "21 percent" in article.brief and "unsupported_numbers" in article.flags
    report = article.metadata["provenance"]["summarise"]["faithfulness_translated"]
    assert report["unsupported_numbers"] == ["21 percent"]
    honest = run(pipeline_steps("summarise-then-translate", UpperTranslator(), summariser),
                 Article(id="b", text=TEXT, title="Harga beras naik"))
    assert "unsupported_numbers" not in honest.flags


class CrossLingualDouble(Summariser):
    """Stands in for a cross-lingual model: 'summarises' Indonesian text as a fixed English bullet."""

    def __init__(self, headline: str | None = "Rice up"):
        settings = SummariserSettings.from_options("direct", model=str(REPO / "tests"), pipeline="direct",
                                                   check_faithfulness=False)
        super().__init__(settings)
        self.headline = headline
        self.titles: list[str | None] = []

    def summarise_batch(self, texts, titles):
        self.titles.extend(titles)
        return [Brief(text="- Rice prices rose 2.1 percent.", headline=self.headline) for _ in texts]


def test_direct_translates_nothing_but_the_title() -> None:
    summariser = CrossLingualDouble()
    steps = pipeline_steps("direct", UpperTranslator(), summariser)
    article = run(steps, Article(id="a", text=TEXT, title="Harga beras naik"))
    assert steps[1] is summariser and steps[0].fields == {"title": "title_en"}
    assert article.title_en == "HARGA BERAS NAIK" and article.text_en is None
    assert article.brief == "- Rice prices rose 2.1 percent." and article.headline_en == "Rice up"
    assert summariser.titles == ["Harga beras naik"]  # the model reads the title in the article's language
    assert pipeline_steps("direct", None, summariser) == [summariser]


@pytest.mark.parametrize("translator, headline", [(UpperTranslator(), "HARGA BERAS NAIK"),
                                                  (None, "Rice prices rose 2.1 percent.")],
                         ids=["translated-title", "no-translator-first-sentence"])
def test_direct_never_writes_the_indonesian_title_as_headline_en(translator, headline) -> None:
    steps = pipeline_steps("direct", translator, CrossLingualDouble(headline=None))
    article = run(steps, Article(id="a", text=TEXT, title="Harga beras naik"))
    assert article.headline_en == headline


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: pipeline_steps("summarise-then-translate", UpperTranslator(), build_summariser("lead")),
         "built for pipeline 'translate-then-summarise'"),
        (lambda: pipeline_steps("summarise-then-translate", None,
                                build_summariser("lead", pipeline="summarise-then-translate")), "needs a translator"),
        (lambda: build_summariser("lead", pipeline="sideways"), "unknown pipeline"),
        (lambda: build_summariser("lead", pipeline="direct"), "needs a cross-lingual model"),
        (lambda: build_summariser("direct", pipeline="summarise-then-translate"), "direct pipeline's seq2seq"),
    ],
    ids=["other-pipeline", "no-translator", "unknown", "direct-extractive", "direct-method-elsewhere"],
)
def test_pipeline_misconfigurations_are_config_errors(build, message) -> None:
    with pytest.raises(ConfigError, match=message):
        build()


@pytest.mark.parametrize("pipeline", ["translate-then-summarise", "summarise-then-translate", "direct"])
def test_stage_plans_name_each_stage_once_in_record_order(pipeline: str) -> None:
    plans = stage_plans(pipeline)
    assert sorted(p.name for p in plans) == ["summarise", "translate"]
    order = [p.name for p in plans]
    assert order == (["summarise", "translate"] if pipeline == "summarise-then-translate" else ["translate", "summarise"])
    if pipeline != "summarise-then-translate":  # which needs the translator (a case above)
        assert [p.name for p in stage_plans(pipeline, translate=False)] == ["summarise"]
    assert [p.name for p in stage_plans(pipeline, summarise=False)] == ["translate"]


@pytest.mark.parametrize(
    "pipeline, field", [("translate-then-summarise", "text_en"), ("summarise-then-translate", "text")],
    ids=["tts", "stt"],
)
def test_build_summariser_takes_its_source_field_from_the_pipeline(pipeline: str, field: str) -> None:
    assert build_summariser("textrank", pipeline=pipeline).source_field == field
