from __future__ import annotations

import pytest

from ringkas.record import Article
from ringkas.summarise import build_summariser
from ringkas.summarise.base import bullet_lines
from ringkas.summarise.extractive import textrank_scores


@pytest.mark.parametrize(
    "sentences, expected",
    [
        (1, ["JAKARTA - The weather in the capital was cloudy on Monday morning."]),
        (2, ["JAKARTA - The weather in the capital was cloudy on Monday morning.",
             "The price of rice in Jakarta markets rose 2.1 percent this week, traders said."]),
    ],
    ids=["lead-1", "lead-2"],
)
def test_lead_takes_first_sentences(rice_article: str, sentences: int, expected: list[str]) -> None:
    summariser = build_summariser("lead", sentences=sentences)
    [brief] = summariser.summarise_batch([rice_article], [None])
    assert bullet_lines(brief.text) == expected
    assert all(line.startswith("- ") for line in brief.text.splitlines())


def test_textrank_picks_central_sentences_in_article_order(rice_article: str) -> None:
    [brief] = build_summariser("textrank", sentences=3).summarise_batch([rice_article], [None])
    lines = bullet_lines(brief.text)
    assert len(lines) == 3
    assert lines[0].startswith("The price of rice")
    assert lines[1].startswith("Bulog said")
    assert lines[2].startswith("Traders at Cipinang")


def test_textrank_scores_are_a_distribution_and_favour_the_hub() -> None:
    sentences = ["rice price market", "rice price", "rice market", "football stadium"]
    scores = textrank_scores(sentences)
    assert sum(scores) == pytest.approx(1.0)
    assert scores[0] == max(scores)
    assert scores[3] == min(scores)


def test_step_writes_brief_headline_and_provenance(rice_article: str) -> None:
    articles = [
        Article(id="a", text="teks", text_en=rice_article, title_en="Rice prices rise in Jakarta"),
        Article(id="b", text="teks", text_en="   "),
    ]
    done = list(build_summariser("textrank", sentences=2)(articles))
    assert done[0].headline_en == "Rice prices rise in Jakarta"
    assert done[0].brief.count("\n- ") == 1
    assert done[0].metadata["provenance"]["ringkas"]["ringkas"]  # the signature (once): version, git, libraries
    provenance = done[0].metadata["provenance"]["summarise"]
    assert provenance == {"method": "textrank", "pipeline": "translate-then-summarise", "source_field": "text_en",
                          "sentences": 2, "damping": 0.85,
                          "similarity": "content-word overlap"}
    assert done[1].rejection.reason == "empty_source"


def test_headline_falls_back_to_first_sentence(rice_article: str) -> None:
    [done] = list(build_summariser("lead", sentences=2)([Article(id="a", text="teks", text_en=rice_article)]))
    assert done.headline_en == "JAKARTA - The weather in the capital was cloudy on Monday morning."


def test_extractive_methods_refuse_a_model() -> None:
    from ringkas.errors import ConfigError

    with pytest.raises(ConfigError, match="uses no model"):
        build_summariser("lead", model="sshleifer/distilbart-cnn-12-6")


@pytest.mark.parametrize(
    "generated, style, brief",
    [
        ("Floods hit Bekasi. Residents left.", "bullets", "- Floods hit Bekasi.\n- Residents left."),
        ("Here are the points:\n* Floods hit Bekasi.\n2) Residents left.", "bullets",
         "- Floods hit Bekasi.\n- Residents left."),
        ("Floods hit Bekasi.<n>Residents left.", "paragraph", "Floods hit Bekasi. Residents left."),
    ],
    ids=["sentences-to-bullets", "chat-preamble-and-markers", "pegasus-newlines-to-paragraph"],
)
def test_format_brief(generated: str, style: str, brief: str) -> None:
    from ringkas.summarise.base import format_brief

    assert format_brief(generated, style) == brief
