"""Bounds and sanitising: control characters and terminal escapes never survive cleaning, and a runaway
title is cut (and flagged) instead of being translated and shown whole."""

from __future__ import annotations

import json

import pytest

from ringkas.clean import clean_articles
from ringkas.clean.gates import DEFAULT_MAX_TITLE_CHARS, TitleLimit
from ringkas.clean.unicode import repair_text
from ringkas.record import Article

NEWS = ("Pemerintah Provinsi DKI Jakarta menyiapkan 15 pompa air tambahan untuk mengantisipasi banjir rob di "
        "wilayah Jakarta Utara selama puncak musim hujan yang diperkirakan berlangsung hingga Februari.")


@pytest.mark.parametrize("raw, expected", [
    ("Harga\x1b[2J beras", "Harga beras"),
    ("Harga \x1b[1;31mberas\x1b[0m naik", "Harga beras naik"),
    ("Judul\x1b]0;hacked\x07 asli", "Judul asli"),
    ("nol\x00 byte\x7f dan\x08 bel\x07", "nol byte dan bel"),
    ("baris\x0bvertikal\x0chalaman", "barisvertikalhalaman"),
    ("tab\ttetap spasi\nbaris tetap", "tab tetap spasi\nbaris tetap"),
], ids=["clear-screen", "colours", "window-title", "c0-controls", "vertical-tab-form-feed", "tab-and-newline-kept"])
def test_control_characters_and_terminal_escapes_are_dropped(raw, expected):
    assert repair_text(raw) == expected


def test_no_c0_or_c1_control_survives_cleaning():
    every = "".join(chr(c) for c in [*range(0x20), 0x7f, *range(0x80, 0xa0)] if chr(c) not in "\n")
    text = NEWS.replace("pompa", "pompa" + every[:16]) + "\n\n" + NEWS.replace("banjir", "banjir" + every[16:])
    [article] = clean_articles([Article(id="a", title="Banjir" + every + "Jakarta", text=text)])
    assert not article.rejected and "Februari" in article.text
    for text in (article.title, article.text):
        assert not any(ord(ch) < 0x20 and ch != "\n" or 0x7f <= ord(ch) < 0xa0 for ch in text), repr(text)


@pytest.mark.parametrize("length, cut", [(DEFAULT_MAX_TITLE_CHARS, False), (DEFAULT_MAX_TITLE_CHARS + 1, True),
                                         (1_000_000, True)], ids=["at-the-limit", "one-over", "a-megabyte"])
def test_a_runaway_title_is_cut_at_a_word_and_flagged(length, cut):
    title = ("Banjir rob melanda Jakarta Utara " * (length // 30 + 1))[:length]
    [article] = list(TitleLimit()([Article(id="a", title=title, text=NEWS)]))
    assert (len(article.title) <= DEFAULT_MAX_TITLE_CHARS) and (("title_cut" in article.flags) is cut)
    if cut:
        assert article.title.endswith("…") and title.startswith(article.title[:-1])
        assert article.title[:-1].split()[-1] in title.split()  # ends on a whole word


def test_clean_max_title_chars_flag(tmp_path):
    from ringkas.cli import main

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "title": "Banjir " * 30, "text": NEWS}) + "\n", encoding="utf-8")
    assert main(["-q", "clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--max-title-chars", "40"]) == 0
    line = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert len(line["title"]) <= 40 and "title_cut" in line["flags"]
