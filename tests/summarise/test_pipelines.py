from __future__ import annotations

import pytest

from ringkas.errors import ConfigError
from ringkas.record import Article
from ringkas.step import BatchStep
from ringkas.summarise import build_summariser
from ringkas.summarise.base import Brief, Summariser
from ringkas.summarise.pipelines import pipeline_steps, source_field_for


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
    assert steps[0] is translator
    article = run(steps, Article(id="a", text=TEXT, title="Harga beras naik"))
    assert article.brief == "- HARGA BERAS NAIK 2,1 PERSEN.\n- BULOG MENYALURKAN 15.720 TON BERAS."
    assert article.headline_en == "HARGA BERAS NAIK"
    assert translator.seen == ["Harga beras naik", TEXT]


def test_summarise_then_translate_translates_only_title_brief_and_headline() -> None:
    translator = UpperTranslator()
    summariser = build_summariser("lead", sentences=2, source_field=source_field_for("summarise-then-translate"))
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
    summariser = build_summariser("lead", sentences=2, source_field=source_field_for("summarise-then-translate"))
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

    method = "direct"

    def summarise_batch(self, texts, titles):
        return [Brief(text="- Rice prices rose 2.1 percent.", headline="Rice up") for _ in texts]


class TitleHeadlineDouble(CrossLingualDouble):
    """A cross-lingual model without a headline of its own: the headline defaults to the title it was given."""

    def summarise_batch(self, texts, titles):
        return [Brief(text="- Rice prices rose 2.1 percent.", headline=title) for title in titles]


def test_direct_translates_nothing_but_the_title() -> None:
    summariser = CrossLingualDouble(source_field="text")
    steps = pipeline_steps("direct", UpperTranslator(), summariser)
    article = run(steps, Article(id="a", text=TEXT, title="Harga beras naik"))
    assert steps[1] is summariser and steps[0].fields == {"title": "title_en"}
    assert article.title_en == "HARGA BERAS NAIK" and article.text_en is None
    assert article.brief == "- Rice prices rose 2.1 percent." and article.headline_en == "Rice up"
    assert pipeline_steps("direct", None, summariser) == [summariser]


@pytest.mark.parametrize("translator, headline", [(UpperTranslator(), "HARGA BERAS NAIK"),
                                                  (None, "Rice prices rose 2.1 percent.")],
                         ids=["translated-title", "no-translator-first-sentence"])
def test_direct_never_writes_the_indonesian_title_as_headline_en(translator, headline) -> None:
    steps = pipeline_steps("direct", translator, TitleHeadlineDouble(source_field="text"))
    article = run(steps, Article(id="a", text=TEXT, title="Harga beras naik"))
    assert article.headline_en == headline


@pytest.mark.parametrize(
    "name, source_field, translator, message",
    [
        ("summarise-then-translate", "text_en", UpperTranslator(), "source_field='text'"),
        ("translate-then-summarise", "text", UpperTranslator(), "source_field='text_en'"),
        ("summarise-then-translate", "text", None, "needs a translator"),
        ("sideways", "text", None, "unknown pipeline"),
        ("direct", "text", None, "needs a cross-lingual model"),
    ],
    ids=["wrong-field", "wrong-field-default", "no-translator", "unknown", "direct-extractive"],
)
def test_pipeline_misconfigurations_are_config_errors(name, source_field, translator, message) -> None:
    with pytest.raises(ConfigError, match=message):
        pipeline_steps(name, translator, build_summariser("lead", source_field=source_field))


@pytest.mark.parametrize(
    "pipeline, field", [("translate-then-summarise", "text_en"), ("summarise-then-translate", "text"), ("direct", "text")],
    ids=["tts", "stt", "direct"],
)
def test_build_summariser_takes_its_source_field_from_the_pipeline(pipeline: str, field: str) -> None:
    assert build_summariser("textrank", pipeline=pipeline).source_field == field
