"""One brief per story inside a model stage: the lead is briefed, the others get their title translated in
the same translator call, and the write-up chosen as lead is complete and central, not the longest."""

from __future__ import annotations

import numpy as np
import pytest

from ringkas.record import Article
from ringkas.stories.assign import choose_lead
from ringkas.stories.steps import leads_only
from tests.translate.conftest import EchoTranslator


def story_articles() -> list[Article]:
    roles = [("lead", "Banjir rendam Tawangsari", "Banjir merendam 350 rumah."),
             ("member", "Tawangsari terendam banjir", "Sebanyak 350 rumah terendam banjir."),
             ("member", "Banjir rendam Tawangsari", "Sungai Tawang meluap."),
             (None, "Resep kue lapis", "Kue lapis legit membutuhkan telur.")]
    out = []
    for k, (role, title, text) in enumerate(roles):
        article = Article(id=f"a{k}", title=title, text=text)
        if role:
            article.metadata["story"] = {"id": "a0", "role": role}
        out.append(article)
    return out


def test_members_titles_ride_in_the_leads_translator_call() -> None:
    translator = EchoTranslator()
    [step] = leads_only("translate", [translator])
    done = list(step(story_articles()))
    assert [a.id for a in done] == ["a0", "a1", "a2", "a3"]
    assert len(translator.batches) == 1  # one call for the unit, not one for leads and one for members
    assert translator.batches[0].count("Banjir rendam Tawangsari") == 1  # a title twice is translated once
    assert done[0].text_en == "BANJIR MERENDAM 350 RUMAH." and done[3].text_en
    for member in done[1:3]:
        assert member.title_en == member.title.upper() and member.text_en is None
        assert member.text  # what was hidden from the translator is back
        assert member.metadata["provenance"]["translate"]["fields"] == {"title": "title_en"}


def test_the_summariser_never_sees_a_member() -> None:
    seen: list[str] = []

    def summariser(articles):
        seen.extend(a.id for a in articles)
        return articles

    [step] = leads_only("summarise", [summariser])
    assert [a.id for a in step(story_articles())] == ["a0", "a1", "a2", "a3"]
    assert seen == ["a0", "a3"]


ALIKE = np.eye(3, dtype=np.float32)[[0, 0, 0]]  # three write-ups with the same meaning


@pytest.mark.parametrize("vectors, words, expected", [
    (ALIKE, [420, 180, 40], 1),
    (ALIKE, [180, 180, 420], 0),
    (ALIKE, [60, 90, 40], 1),
    (np.array([[1, 0], [0.8, 0.6], [0.8, 0.6]], dtype=np.float32), [150, 500, 480], 2),
    (np.array([[1, 0], [0.9, 0.436], [0, 1]], dtype=np.float32), [120, 300, 110], 1),
], ids=["shortest-complete-not-longest", "earliest-of-equals", "none-complete-longest",
        "central-pair-shorter", "most-central-though-longer"])
def test_the_brief_goes_to_a_complete_central_write_up_not_the_costliest(vectors, words, expected) -> None:
    assert choose_lead(vectors, words) == expected
