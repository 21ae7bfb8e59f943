"""Feed text in Markdown is inert: checked by rendering with a CommonMark implementation (markdown-it-py)."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from ringkas.writers.markdown import inert

HOSTILE = [
    "[klik di sini](javascript:alert(1)) untuk hadiah",
    "**Promo** slot _gacor_ `kode` ~~coret~~",
    "<script>alert(1)</script> & <img src=x onerror=alert(1)>",
    "# Judul palsu",
    "- bukan daftar",
    "1. bukan daftar bernomor",
    "2) juga bukan",
    "*** --- ___",
    "> kutipan",
    "+ plus",
    "a | b | c",
    "![gambar](http://contoh.id/x.png)",
    "backslash \\ di tengah\\",
    "baris satu\nbaris dua",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_inert_text_renders_as_its_own_characters(text):
    rendered = MarkdownIt("commonmark").render(inert(text)).strip()
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[3:-4]
    assert not re.search(r"<[a-z/]", inner), rendered  # no element but the paragraph
    assert html.unescape(inner) == " ".join(text.split())


def test_inert_text_stays_in_its_table_cell():
    table = "| a | b |\n|---|---|\n| " + inert("x | y") + " | z |\n"
    rendered = MarkdownIt("commonmark").enable("table").render(table)
    assert rendered.count("<td>") == 2 and "x | y" in rendered
