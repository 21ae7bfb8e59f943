"""Tiny BART/T5/mT5 folders through the real from_pretrained path."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.record import Article
from ringkas.summarise import build_summariser
from tests.summarise.conftest import long_article

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "kind, family, prefix",
    [("bart", "bart", ""), ("t5", "t5", "summarize: ")],
    ids=["bart", "t5-prefix-from-config"],
)
def test_seq2seq_writes_brief_and_provenance(tiny_model, rice_article: str, kind: str, family: str, prefix: str) -> None:
    folder: Path = tiny_model(kind)
    summariser = build_summariser(model=str(folder), device="cpu", max_new_tokens=8, num_beams=1)
    assert summariser.method == "seq2seq"
    articles = [Article(id="a", text="x", text_en=rice_article, title_en="Rice prices rise"),
                Article(id="b", text="x", text_en="Floods hit Bekasi on Tuesday.")]
    done = list(summariser(articles))
    for article in done:
        assert article.rejection is None
        assert article.brief is not None
        assert all(line.startswith("- ") for line in article.brief.splitlines())
        provenance = article.metadata["provenance"]["summarise"]
        assert provenance["model"] == str(folder)
        assert provenance["revision"].startswith("local-")
        assert provenance["family"] == family
        assert provenance["prefix"] == prefix
        assert provenance["generation"]["max_new_tokens"] == 8
        assert provenance["generation"]["no_repeat_ngram_size"] == 3  # from the family table
        assert provenance["map_reduce_depth"] == 0
        assert "faithfulness" in provenance
    assert done[0].headline_en == "Rice prices rise"


def test_window_comes_from_the_tokenizer(tiny_model) -> None:
    summariser = build_summariser(model=str(tiny_model("bart")), device="cpu", max_new_tokens=8)
    assert summariser.window == 256


def test_long_article_is_map_reduced_not_truncated(tiny_model) -> None:
    summariser = build_summariser(model=str(tiny_model("bart")), device="cpu", max_new_tokens=10, num_beams=1)
    text = long_article(12)
    assert summariser.count_tokens(text) > summariser.window
    [article] = list(summariser([Article(id="long", text="x", text_en=text)]))
    assert article.rejection is None
    assert article.metadata["provenance"]["summarise"]["map_reduce_depth"] >= 1


def test_direct_summarises_indonesian_text(tiny_model) -> None:
    folder = tiny_model("mt5")
    summariser = build_summariser("direct", model=str(folder), device="cpu", max_new_tokens=8, num_beams=1)
    assert summariser.source_field == "text"
    [article] = list(summariser([Article(id="a", text="Harga beras naik 2,1 persen.", title="Harga beras naik")]))
    provenance = article.metadata["provenance"]["summarise"]
    assert provenance["method"] == "direct"
    assert provenance["family"] == "mt5"
    assert provenance["source_field"] == "text"
    # The Indonesian title is not an English headline.
    assert article.headline_en != "Harga beras naik"


def test_unknown_generation_setting_fails_at_construction(tiny_model) -> None:
    from ringkas.errors import ConfigError

    with pytest.raises(ConfigError, match="num_beamz"):
        build_summariser(model=str(tiny_model("t5")), device="cpu", num_beamz=2)


def test_missing_model_is_a_clear_error(hf_home) -> None:
    from ringkas.models import ModelNotFoundError

    with pytest.raises(ModelNotFoundError, match="ringkas models download"):
        build_summariser("seq2seq", model="nobody/no-such-summariser", device="cpu")
