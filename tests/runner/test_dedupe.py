"""Near-duplicate groups: the first article of a story is canonical, later copies link to it."""

from __future__ import annotations

import pytest

from ringkas.runner.dedupe import NearDuplicateIndex, shingles
from ringkas.runner.shard import shard_of

WIRE = ("Presiden meresmikan jembatan baru di Surabaya pada hari Senin. Jembatan itu menghubungkan dua "
        "kecamatan yang selama ini terpisah sungai. Pembangunan menghabiskan dana Rp 1,2 triliun dan "
        "selesai dua bulan lebih cepat dari jadwal.")
OTHER = ("Banjir merendam ratusan rumah warga di Bekasi setelah hujan deras semalaman. Petugas mengevakuasi "
         "warga lanjut usia ke masjid terdekat dan membuka dapur umum.")


def test_shingles_are_word_trigrams() -> None:
    assert shingles("Harga beras naik lagi") == {b"harga beras naik", b"beras naik lagi"}
    assert shingles("Banjir!") == {b"banjir"}


CASES = [
    ("same-story-other-portal", ["JAKARTA, KOMPAS.com - " + WIRE], True),
    ("story-with-baca-juga", [WIRE + " Baca juga: Harga beras naik"], True),
    ("different-story", [OTHER], False),
]


@pytest.mark.parametrize("name, texts, linked", CASES, ids=[c[0] for c in CASES])
def test_links(name: str, texts: list[str], linked: bool) -> None:
    index = NearDuplicateIndex(threshold=0.7)
    assert index.check("first", 0, WIRE) is None
    link = index.check("second", 1, texts[0])
    assert (link is not None) is linked
    if link:
        assert link.canonical_id == "first" and 0.7 <= link.similarity <= 1.0


def test_links_to_earliest_canonical_and_is_deterministic() -> None:
    def run() -> list:
        index = NearDuplicateIndex(threshold=0.7)
        return [index.check(key, seq, text) for seq, (key, text) in
                enumerate([("a", OTHER), ("b", WIRE), ("c", WIRE + " Baca juga"), ("d", "SURABAYA - " + WIRE)])]

    first = run()
    assert first[:2] == [None, None]
    assert [link.canonical_id for link in first[2:]] == ["b", "b"]
    assert run() == first


# Pinned: the same on every machine and in every process. Python's hash() of a str is salted per process,
# so calling shard_of twice in one process could never catch a shard_of built on it; these figures do.
PINNED = [("art-0001", 4, 3), ("art-0002", 4, 1), ("rk-001", 4, 1), ("antara-2026-12-01-001", 4, 3),
          ("art-0001", 2, 1), ("art-0001", 16, 11)]


@pytest.mark.parametrize("key, count, shard", PINNED, ids=[f"{k}-of-{n}" for k, n, _ in PINNED])
def test_shard_of_a_known_id_is_pinned(key: str, count: int, shard: int) -> None:
    assert shard_of(key, count) == shard


def test_shard_of_is_spread() -> None:
    spread = {k: 0 for k in range(1, 5)}
    for n in range(400):
        spread[shard_of(f"art-{n:04d}", 4)] += 1
    assert all(60 < count < 140 for count in spread.values()), spread
