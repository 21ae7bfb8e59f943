"""Prompt templates and the instruct path with a tiny causal chat model and tiny T5, loaded from folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.errors import ConfigError
from ringkas.record import Article
from ringkas.summarise import build_summariser
from ringkas.summarise.prompts import available_prompts, load_prompt
from tests.conftest import REPO
from tests.summarise.conftest import long_article


@pytest.mark.parametrize(
    "name, produces, style",
    [("brief_3_bullets", "brief", "bullets"), ("brief_paragraph", "brief", "paragraph"), ("headline", "headline", "bullets")],
    ids=["three-bullets", "paragraph", "headline"],
)
def test_shipped_prompts_have_versions_and_render(name: str, produces: str, style: str) -> None:
    template = load_prompt(name)
    assert template.version
    assert template.produces == produces
    assert template.style == style
    rendered = template.render(article="Floods hit Bekasi on Tuesday.", title="Floods in Bekasi")
    assert "Floods hit Bekasi on Tuesday." in rendered
    assert "---" not in rendered and "version" not in rendered


def test_installed_prompts_are_the_repository_prompts() -> None:
    assert set(available_prompts()) == {p.stem for p in (REPO / "prompts").glob("*.j2")}


def test_title_is_optional_in_brief_prompts() -> None:
    rendered = load_prompt("brief_3_bullets").render(article="Floods hit Bekasi.", title=None)
    assert "Title:" not in rendered


def test_prompt_from_another_folder_and_bad_front_matter(tmp_path: Path) -> None:
    (tmp_path / "mine.j2").write_text('---\nname: mine\nversion: "7"\nproduces: brief\n---\nSay: {{ article }}\n')
    assert load_prompt("mine", tmp_path).render(article="x") == "Say: x"
    (tmp_path / "bare.j2").write_text("Say: {{ article }}\n")
    with pytest.raises(ConfigError, match="front matter"):
        load_prompt("bare", tmp_path)
    with pytest.raises(ConfigError, match="available: bare, mine"):
        load_prompt("nope", tmp_path)


@pytest.mark.slow
def test_causal_chat_model_with_prompts(tiny_model) -> None:
    summariser = build_summariser(model=str(tiny_model("causal")), device="cpu", max_new_tokens=6,
                                  headline_prompt="headline")
    assert summariser.method == "instruct" and summariser.causal
    articles = [Article(id="a", text="x", text_en="Floods hit Bekasi on Tuesday.", title_en="Floods"),
                Article(id="b", text="x", text_en=long_article(40))]
    done = list(summariser(articles))
    for article in done:
        assert article.rejection is None
        provenance = article.metadata["provenance"]["summarise"]
        assert provenance["prompt"]["name"] == "brief_3_bullets"
        assert provenance["prompt"]["version"] == load_prompt("brief_3_bullets").version
        assert provenance["headline_prompt"]["name"] == "headline"
        assert article.brief and len(article.brief.splitlines()) <= 3
        assert article.headline_en
    assert done[0].metadata["provenance"]["summarise"]["map_reduce_depth"] == 0
    assert done[1].metadata["provenance"]["summarise"]["map_reduce_depth"] >= 1


@pytest.mark.slow
def test_chat_input_uses_the_tokenizers_template(tiny_model) -> None:
    summariser = build_summariser(model=str(tiny_model("causal")), device="cpu", max_new_tokens=4)
    model_input = summariser.model_input(summariser.prompt, "Floods hit Bekasi.")
    assert model_input.startswith("<s><|user|>\n") and model_input.endswith("<|assistant|>\n")


@pytest.mark.slow
def test_headline_only_prompt_leaves_brief(tiny_model) -> None:
    summariser = build_summariser(model=str(tiny_model("causal")), prompt="headline", device="cpu", max_new_tokens=4)
    [article] = list(summariser([Article(id="a", text="x", text_en="Floods hit Bekasi.", brief="- kept")]))
    assert article.brief == "- kept"
    assert article.headline_en


@pytest.mark.slow
def test_flan_t5_style_seq2seq_with_a_prompt(tiny_model) -> None:
    summariser = build_summariser(model=str(tiny_model("t5")), prompt="brief_paragraph", device="cpu",
                                  max_new_tokens=6)
    assert summariser.method == "instruct" and not summariser.causal
    [article] = list(summariser([Article(id="a", text="x", text_en="Floods hit Bekasi on Tuesday.")]))
    assert "\n" not in article.brief and not article.brief.startswith("- ")
    assert article.metadata["provenance"]["summarise"]["prompt"]["name"] == "brief_paragraph"


@pytest.mark.parametrize("body, message", [
    ('---\nname: x\nversion: "1"\nproduces: brief\n---\nSay: {{ artikel }}\n', "does not render"),
    ('---\nname: x\nversion: "1"\nproduces: brief\n---\n{% if title %}Say: {{ article }}\n', "does not render"),
    ('---\nname: [x\nversion: "1"\n---\nSay: {{ article }}\n', "not valid YAML"),
    ('---\n- a list\n---\nSay: {{ article }}\n', "must be a YAML mapping"),
], ids=["undefined-variable", "unclosed-block", "bad-yaml", "not-a-mapping"])
def test_a_prompt_that_cannot_render_is_refused_at_start(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "x.j2").write_text(body)
    with pytest.raises(ConfigError, match=message):
        load_prompt("x", tmp_path)


@pytest.mark.slow
def test_tiny_t5_with_a_prompt_converges_in_two_rounds_at_most(tiny_model) -> None:
    """Issue 16 item 6: a small window and a prompt that takes most of it. Part summaries used to run to the
    160-token cap, so every round made more parts than the last (13.5 minutes, then rejected); capped at
    their share of the room the prompt leaves, every round shrinks the text."""
    summariser = build_summariser(model=str(tiny_model("t5")), prompt="brief_3_bullets", device="cpu")
    assert summariser.generation.max_new_tokens == 160
    text = long_article(4)
    room = summariser.window - summariser.count_tokens("")
    assert summariser.count_tokens(text) > 5 * room  # the prompt leaves the article little of the window
    [article] = list(summariser([Article(id="long", text="x", text_en=text)]))
    assert article.rejection is None
    assert 1 <= article.metadata["provenance"]["summarise"]["map_reduce_depth"] <= 2


@pytest.mark.slow
def test_an_article_too_long_for_the_rounds_costs_only_its_own_record(tiny_model) -> None:
    summariser = build_summariser(model=str(tiny_model("bart")), device="cpu", max_new_tokens=8, num_beams=1,
                                  max_depth=1, batch_size=8)
    calls = []
    real = summariser.process_batch
    summariser.process_batch = lambda batch: calls.append(len(batch)) or real(batch)
    done = list(summariser([Article(id="short", text="x", text_en="Floods hit Bekasi on Tuesday."),
                            Article(id="huge", text="x", text_en=long_article(120))]))
    assert done[0].rejection is None and done[0].brief
    assert done[1].rejection.reason == "input_too_long"
    assert calls == [2]  # one batch: no record-by-record retry of the others
