from __future__ import annotations

import pytest

from ringkas.summarise.longinput import InputTooLong, map_reduce, pack_parts, part_cap
from ringkas.text import split_paragraphs
from tests.summarise.conftest import long_article


def words(text: str) -> int:
    return len(text.split())


def test_pack_parts_keeps_every_word_and_fits_window() -> None:
    text = long_article(14)
    parts = pack_parts(text, words, window=60)
    assert len(parts) > 1
    assert all(words(part) <= 60 for part in parts)
    assert " ".join(" ".join(parts).split()) == " ".join(text.split())


def test_pack_parts_splits_an_overlong_paragraph_on_sentences_then_words() -> None:
    paragraph = "One two three four five six. " * 3 + "a " * 25
    parts = pack_parts(paragraph.strip(), words, window=10)
    assert all(words(part) <= 10 for part in parts)
    assert " ".join(parts).split() == paragraph.split()


def test_pack_parts_cuts_inside_a_word_longer_than_the_window() -> None:
    url = "https://contoh.co.id/" + "a/" * 40
    paragraph = f"Sumber data: {url} diakses Senin."

    def pieces(text: str) -> int:  # a tokenizer that splits URLs into many pieces: one per 4 characters
        return sum(-(-len(word) // 4) for word in text.split())

    parts = pack_parts(paragraph, pieces, window=8)
    assert all(pieces(part) <= 8 for part in parts)
    assert "".join("".join(parts).split()) == "".join(paragraph.split())


def test_map_reduce_records_depth_and_sees_every_part() -> None:
    seen: list[str] = []

    def first_words(texts: list[str], caps: list[int | None]) -> list[str]:
        seen.extend(texts)
        return [" ".join(t.split()[:6]) for t in texts]

    short = "Floods hit Bekasi on Tuesday."
    results = map_reduce([short, long_article(14)], first_words, words, window=60)
    assert results[0] == ("Floods hit Bekasi on Tuesday.", 0)
    summary, depth = results[1]
    assert depth >= 1
    # Every paragraph of the long article reached the model in some part.
    for paragraph in split_paragraphs(long_article(14)):
        assert any(paragraph in part for part in seen)


def test_map_reduce_goes_deeper_when_part_summaries_are_still_long() -> None:
    results = map_reduce([long_article(20)], lambda ts, caps: [" ".join(t.split()[:15]) for t in ts], words,
                         window=60)
    assert results[0][1] >= 2


def test_part_summaries_are_capped_at_their_share_of_the_window() -> None:
    """A model that writes up to its cap (random weights do) converges in one round when each part's summary
    is capped at its share of the window; ignoring the caps, it never fits and the article is refused."""
    seen_caps: list[int | None] = []

    def up_to_cap(texts: list[str], caps: list[int | None]) -> list[str]:
        seen_caps.extend(caps)
        return [" ".join(t.split()[: cap or 70]) for t, cap in zip(texts, caps)]

    [(summary, depth)] = map_reduce([long_article(8)], up_to_cap, words, window=120)
    assert depth == 1 and words(summary) <= 120
    parts = len(seen_caps) - 1  # the final round's one text has no cap of its own
    assert parts >= 2 and seen_caps[-1] is None and set(seen_caps[:-1]) == {part_cap(120, parts)}
    [(error, _)] = map_reduce([long_article(8)], lambda ts, caps: [" ".join(t.split()[:70]) for t in ts], words,
                              window=120)
    assert isinstance(error, InputTooLong)


def test_map_reduce_refuses_instead_of_truncating() -> None:
    results = map_reduce(["Floods hit Bekasi.", long_article(14)], lambda ts, caps: ts, words, window=60, max_depth=2)
    assert results[0] == ("Floods hit Bekasi.", 0)  # the short text keeps its summary
    error, depth = results[1]
    assert isinstance(error, InputTooLong) and "map-reduce rounds" in str(error) and depth == 2
    assert error.reason == "input_too_long"
