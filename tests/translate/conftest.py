"""Fixtures for translator tests: Indonesian articles written for these tests and an echo translator."""

from __future__ import annotations

import pytest

from ringkas.record import Article
from ringkas.testing.tiny_models.common import parallel_corpus
from ringkas.translate.base import Translator
from ringkas.translate.settings import TranslationSettings


class EchoTranslator(Translator):
    """Returns each chunk upper-cased, and records the batches it was given: the base's bookkeeping, bare."""

    backend = "echo"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.batches: list[list[str]] = []

    def translate_batch(self, texts: list[str], settings: TranslationSettings | None = None) -> list[str]:
        self.batches.append(list(texts))
        return [t.upper() for t in texts]


def long_article(paragraphs: int = 64, article_id: str = "panjang") -> Article:
    """An article of ``paragraphs`` paragraphs of 2-3 corpus sentences each (thousands of tokens)."""
    sentences = [src for src, _ in parallel_corpus()]
    body = []
    for p in range(paragraphs):
        count = 2 + p % 2
        body.append(" ".join(sentences[(p * 3 + k) % len(sentences)] for k in range(count)))
    return Article(id=article_id, title="Rangkuman berita hari ini", text="\n\n".join(body))


@pytest.fixture()
def articles() -> list[Article]:
    """Short articles of different lengths, so sorting by length really reorders them."""
    return [
        Article(id="banjir", title="Banjir di Bekasi",
                text="Banjir merendam ratusan rumah warga di Bekasi. Warga diminta tetap waspada terhadap cuaca ekstrem."),
        Article(id="gempa", title="Gempa Cianjur", text="Gempa bermagnitudo 5,6 mengguncang Cianjur pagi ini."),
        Article(id="harga", title="Harga naik",
                text="Harga beras naik 2,1 persen dibandingkan bulan lalu.\n\n"
                     "Harga cabai merah di pasar mencapai Rp 150.000 per kilogram. "
                     "Petani mengeluhkan harga pupuk yang terus naik. Inflasi tahunan tercatat sebesar 3,2 persen."),
        Article(id="polisi", title=None, text="Polisi menangkap tiga tersangka kasus penipuan daring."),
    ]
