"""summarise-then-translate with the real translator (transformers backend) and a tiny MarianMT."""

from __future__ import annotations

import pytest

from ringkas.record import Article
from ringkas.summarise import build_summariser
from ringkas.pipelines import pipeline_steps

pytestmark = pytest.mark.slow

TEXT = "Harga beras naik 2,1 persen. Bulog menyalurkan 15.720 ton beras. Warga antre di pasar."


def test_summarise_then_translate_with_marian(tiny_model) -> None:
    from ringkas.translate import build_translator

    translator = build_translator(str(tiny_model("marian")), backend="transformers", device="cpu", max_new_tokens=8)
    summariser = build_summariser("lead", sentences=2, pipeline="summarise-then-translate")
    records = [Article(id="a", title="Harga beras naik", text=TEXT)]
    for step in pipeline_steps("summarise-then-translate", translator, summariser):
        records = list(step(records))
    [article] = records
    assert article.rejection is None
    assert article.text_en is None  # the article body is never translated
    lines = article.brief.splitlines()
    assert len(lines) == 2 and all(line.startswith("- ") for line in lines)
    assert article.title_en and article.headline_en
    provenance = article.metadata["provenance"]
    assert provenance["translate"]["fields"] == {"title": "title_en", "brief": "brief", "headline_en": "headline_en"}
    assert provenance["summarise"]["source_field"] == "text"
