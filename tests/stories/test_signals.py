"""What clustering reads from an article: names, figures, time and outlet."""

from __future__ import annotations

import pytest

from ringkas.record import Article
from ringkas.stories.signals import figures, lead, names, outlet, published_seconds

FIGURES = [
    ("skor 6-0 untuk tuan rumah", {6.0, 0.0}),
    ("tuan rumah kalah 0-6", {6.0, 0.0}),
    ("7,39 juta penerima dinonaktifkan", {7390000.0}),
    ("Rabu (18/6/2026) pukul 10.00 WIB", set()),
    ("Kamis 19 Juni 2026, tahun 2026", set()),
]


@pytest.mark.parametrize("text, expected", FIGURES, ids=["score", "score-reversed", "millions", "date-and-clock",
                                                          "date-in-words"])
def test_figures_are_quantities_not_dates(text: str, expected: set[float]) -> None:
    assert figures(text) == expected


def test_names_skip_sentence_starts_title_case_and_common_words() -> None:
    text = ("Banjir Rendam Ratusan Rumah di Tawangsari\nWarga Tawangsari mengungsi. Kepala BPBD Semarang "
            "Wahyu Pranoto mengatakan pada Senin bahwa hujan reda.")
    assert names(text) == {"tawangsari", "bpbd", "semarang", "wahyu", "pranoto"}


def test_lead_is_title_and_first_sentences() -> None:
    article = Article(id="x", title="Judul", text="Satu dua. Tiga empat. Lima enam. Tujuh delapan.")
    assert lead(article) == "Judul\nSatu dua. Tiga empat. Lima enam."


@pytest.mark.parametrize("published, expected", [
    ("2026-03-02T07:10", 1772435400.0), ("2026-03-02T07:10:00+07:00", 1772410200.0),
    ("2026-03-02", 1772452800.0), ("kemarin", None), (None, None)],
    ids=["naive", "with-offset", "date-only-is-noon", "unreadable", "missing"])
def test_published_seconds(published: str | None, expected: float | None) -> None:
    assert published_seconds(published) == expected


@pytest.mark.parametrize("source, url, expected", [("Kompas", None, "kompas"),
                                                   (None, "https://www.detik.com/x", "detik.com"), (None, None, ""),
                                                   (None, "http://[berita/1", ""), (None, "http://a.id:99999/x", "")],
                         ids=["source", "url-host", "none", "unclosed-bracket", "port-out-of-range"])
def test_outlet(source: str | None, url: str | None, expected: str) -> None:
    assert outlet(Article(id="x", source=source, url=url)) == expected
