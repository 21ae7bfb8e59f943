#!/usr/bin/env python
"""Planted-error benchmark for the translation checks (ringkas.translate.checks).

usage: python scripts/bench_checks.py [--per-kind 300] [--seed 13] [--quick]

Run from the repository root (``src/`` is put on the path). The sources of eval/data/ringkas-id-news.jsonl
are cleaned with ringkas's cleaner and paired with their reference translations; where source and
reference have the same number of sentences, every run of 1-4 consecutive sentences is also a pair (a
chunk, as the translator packs them). On those untouched pairs the checks should flag nothing (the
false-flag rate). Then corruptions are planted in the references, each in a fresh copy:

- ``wrong_digit``: one digit of one number changed;
- ``wrong_scale``: one scale word swapped (million -> billion ...), or one added to a number without one;
- ``dropped_sentence``: one sentence of a chunk of 2-4 sentences left out, split by whether it holds a
  number (``dropped_with_number``) or not (``dropped_without_number``; as most sentences of news hold a
  number, more of these are made by writing "beberapa" for the figures of the source sentence dropped);

and the script prints, per kind, how many were planted and the share flagged by the check meant for it
(numbers for the first two, sentences for the others; either check for a dropped sentence with a number),
then the cost per chunk of both checks, in microseconds.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ringkas.clean import clean_articles  # noqa: E402
from ringkas.record import Article  # noqa: E402
from ringkas.text import split_sentences  # noqa: E402
from ringkas.text.numbers import number_words, read_numbers  # noqa: E402
from ringkas.translate.checks import check_chunk  # noqa: E402

DATA = ROOT / "eval" / "data" / "ringkas-id-news.jsonl"
SCALES = ["thousand", "million", "billion", "trillion"]


def pairs() -> tuple[list[tuple[str, str]], list[tuple[list[str], list[str]]]]:
    """(source, reference) per record, and sentence-aligned records (source sentences, reference sentences)."""
    records = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    cleaned = {a.id: a for a in clean_articles(Article(id=r["id"], title=r["title"], text=r["text"]) for r in records)}
    whole, aligned = [], []
    for record in records:
        article = cleaned[record["id"]]
        if article.rejected or not record.get("translation"):
            continue
        source, reference = " ".join(article.text.split()), record["translation"]
        whole.append((source, reference))
        src, ref = split_sentences(source), split_sentences(reference)
        if len(src) == len(ref):
            aligned.append((src, ref))
    return whole, aligned


def chunks(aligned: list[tuple[list[str], list[str]]], sizes: range) -> list[tuple[list[str], list[str]]]:
    out = []
    for src, ref in aligned:
        for size in sizes:
            for start in range(len(src) - size + 1):
                out.append((src[start : start + size], ref[start : start + size]))
    return out


def wrong_digit(text: str, rng: random.Random) -> str | None:
    numbers = [n for n in read_numbers(text, "en") if n.kind == "n" and re.search(r"\d", n.surface)]
    if not numbers:
        return None
    number = rng.choice(numbers)
    digits = [i for i in range(number.start, number.end) if text[i].isdigit()]
    i = rng.choice(digits)
    new = rng.choice([d for d in "0123456789" if d != text[i]])
    return text[:i] + new + text[i + 1 :]


def wrong_scale(text: str, rng: random.Random) -> str | None:
    words = [m for m in re.finditer(rf"\b({'|'.join(SCALES)})\b", text)]
    if words and rng.random() < 0.7:
        word = rng.choice(words)
        new = rng.choice([s for s in SCALES if s != word.group(1)])
        return text[: word.start()] + new + text[word.end() :]
    scales = number_words()["scales"]
    plain = [n for n in read_numbers(text, "en") if n.kind == "n" and n.keys == n.plain and "/" not in n.surface
             and re.search(r"\d", n.surface)
             and not re.match(rf"\s+(?:{'|'.join(scales)})\b", text[n.end :])
             and not re.match(r"\s*(?:%|percent)", text[n.end :])]
    if not plain:
        return None
    number = rng.choice(plain)
    return text[: number.end] + " " + rng.choice(SCALES) + text[number.end :]


def _without_numbers(sentence: str, numbers: list) -> str:
    for number in sorted({(n.start, n.end) for n in numbers}, reverse=True):
        sentence = sentence[: number[0]] + "beberapa" + sentence[number[1] :]
    return sentence


def flagged(source: str, translation: str, check: str) -> bool:
    result = check_chunk(source, translation)
    return bool(result.numbers if check == "numbers" else result.sentences if check == "sentences" else result.flags)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-kind", type=int, default=300, help="corruptions planted per kind (default 300)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--quick", action="store_true", help="50 per kind")
    args = parser.parse_args()
    per_kind = 50 if args.quick else args.per_kind
    rng = random.Random(args.seed)
    whole, aligned = pairs()
    windows = chunks(aligned, range(1, 5))
    untouched = whole + [(" ".join(s), " ".join(r)) for s, r in windows]
    false_flags = {name: sum(flagged(s, r, name) for s, r in untouched) for name in ("numbers", "sentences", "any")}

    results: dict[str, list[bool]] = {k: [] for k in ("wrong_digit", "wrong_scale", "dropped_without_number",
                                                      "dropped_with_number")}
    candidates = [(" ".join(s), " ".join(r)) for s, r in windows]
    for kind, corrupt in (("wrong_digit", wrong_digit), ("wrong_scale", wrong_scale)):
        tries = 0
        while len(results[kind]) < per_kind and tries < 50 * per_kind:
            tries += 1
            source, reference = rng.choice(candidates)
            planted = corrupt(reference, rng)
            if planted is not None and planted != reference:
                results[kind].append(flagged(source, planted, "numbers"))
    named: dict[str, list[bool]] = {"dropped_without_number": [], "dropped_with_number": []}
    drops = [(s, r, k) for s, r in chunks(aligned, range(2, 5)) for k in range(len(s))]
    rng.shuffle(drops)
    for src, ref, k in drops + [(s, r, k) for s, r, k in drops if read_numbers(s[k], "id")]:
        numbers = read_numbers(src[k], "id")
        kind = "dropped_with_number" if numbers else "dropped_without_number"
        if len(results[kind]) >= per_kind:
            # Most sentences hold a number: their figures become "beberapa" to make more without one.
            if not numbers or len(results["dropped_without_number"]) >= per_kind:
                continue
            src = src[:k] + [_without_numbers(src[k], numbers)] + src[k + 1 :]
            kind = "dropped_without_number"
        planted = " ".join(ref[:k] + ref[k + 1 :])
        results[kind].append(flagged(" ".join(src), planted, "sentences" if kind == "dropped_without_number" else "any"))
        named[kind].append(check_chunk(" ".join(src), planted).sentences == [src[k]])

    print(f"pairs: {len(whole)} records, {len(windows)} chunks of 1-4 aligned sentences "
          f"(from {len(aligned)} records whose sentences line up)")
    print(f"{'kind':<24} {'planted':>8} {'flagged':>8}  (sentence check names exactly the dropped sentence)")
    for kind, hits in results.items():
        line = f"{kind:<24} {len(hits):>8} {100 * sum(hits) / max(len(hits), 1):>7.1f}%"
        if kind in named:
            line += f"  ({100 * sum(named[kind]) / max(len(named[kind]), 1):.1f}%)"
        print(line)
    for name, count in false_flags.items():
        print(f"{'false flags (' + name + ')':<24} {len(untouched):>8} {100 * count / len(untouched):>7.1f}%")
    timed = [(" ".join(s), " ".join(r)) for s, r in chunks(aligned, range(2, 4))]
    started = time.process_time()
    for _ in range(5):
        for source, reference in timed:
            check_chunk(source, reference)
    per_chunk = (time.process_time() - started) / (5 * len(timed)) * 1e6
    started = time.process_time()
    for _ in range(5):
        for source, reference in timed:
            split_sentences(source), split_sentences(reference)
    split = (time.process_time() - started) / (5 * len(timed)) * 1e6
    print(f"cost: {per_chunk:.0f} us CPU per chunk of 2-3 sentences (both checks, {5 * len(timed)} chunks); "
          f"splitting the same chunk and its translation into sentences: {split:.0f} us ({per_chunk / split:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
