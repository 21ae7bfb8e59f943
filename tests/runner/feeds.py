"""Synthetic Indonesian feeds for runner tests: distinct stories, planted near-duplicates, broken lines.

Stories are drawn from the packaged Indonesian sentences (the tiny models' training corpus), so the real
cleaner accepts them as Indonesian and the tiny translator has seen their words.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from ringkas.testing.tiny_models.common import parallel_corpus

CITIES = ["Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Semarang", "Palembang", "Denpasar"]
PORTALS = ["kompas.example", "detik.example", "tempo.example", "antara.example", "cnn.example"]


def story(rng: random.Random, number: int) -> tuple[str, str]:
    sentences = [s for s, _ in parallel_corpus()]
    body = rng.sample(sentences, 5)
    city = rng.choice(CITIES)
    paragraphs = [f"{city} - {body[0]} Laporan nomor {number} dari {city}.", " ".join(body[1:3]),
                  " ".join(body[3:])]
    return body[0].rstrip("."), "\n\n".join(paragraphs)


def make_feed(path: Path, count: int, seed: int = 7, duplicates: dict[int, int] | None = None,
              broken_at: tuple[int, ...] = ()) -> list[str]:
    """Write ``count`` JSONL lines to ``path``; return the ids in order.

    ``duplicates`` maps a line number to the earlier line it repeats (same story, another portal, a
    "Baca juga" line added); ``broken_at`` lines are not JSON at all.
    """
    rng = random.Random(seed)
    lines, ids, stories = [], [], {}
    for n in range(count):
        if n in broken_at:
            lines.append('{"id": "broken-%d", "text": "Presiden meresmikan' % n)  # cut off mid-record
            ids.append(None)
            continue
        if duplicates and n in duplicates:
            title, text = stories[duplicates[n]]
            text = text + "\n\nBaca juga: Harga beras naik lagi"
        else:
            title, text = story(rng, n)
        stories[n] = (title, text)
        article_id = f"art-{n:04d}"
        ids.append(article_id)
        lines.append(json.dumps({"id": article_id, "title": title, "text": text,
                                 "url": f"https://{PORTALS[n % len(PORTALS)]}/berita/{n}",
                                 "source": PORTALS[n % len(PORTALS)]}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids
