"""The translation cache under concurrent processes: each opens the same new database at the same moment
(WAL set-up and table creation race), then writes overlapping and distinct chunks while reading its own."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from ringkas.translate.cache import TranslationCache

WORKERS, ROUNDS, PER_ROUND, SHARED = 4, 15, 20, 10


def _worker(path: str, n: int, barrier, results) -> None:
    try:
        barrier.wait(timeout=60)
        cache = TranslationCache(Path(path))
        for r in range(ROUNDS):
            own = {f"kalimat {n}-{r}-{i}": f"sentence {n}-{r}-{i}" for i in range(PER_ROUND)}
            cache.put_many("scope", own | {f"bersama {i}": f"shared {i}" for i in range(SHARED)})
            if cache.get_many("scope", list(own)) != {k: (v, None) for k, v in own.items()}:
                raise AssertionError(f"worker {n} round {r} read back something else")
        cache.close()
        results.put((n, "ok"))
    except Exception as exc:  # reported to the parent, which fails the test with it
        results.put((n, repr(exc)))


def test_concurrent_processes_share_one_cache(tmp_path):
    context = multiprocessing.get_context("spawn")
    path = str(tmp_path / "translations.sqlite")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    workers = [context.Process(target=_worker, args=(path, n, barrier, results)) for n in range(WORKERS)]
    for worker in workers:
        worker.start()
    outcomes = sorted(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    assert outcomes == [(n, "ok") for n in range(WORKERS)]
    cache = TranslationCache(Path(path))
    assert len(cache) == WORKERS * ROUNDS * PER_ROUND + SHARED
    assert cache.get_many("scope", ["bersama 3", "kalimat 2-14-19"]) == {
        "bersama 3": ("shared 3", None), "kalimat 2-14-19": ("sentence 2-14-19", None)}
    assert cache.get_many("other scope", ["bersama 3"]) == {}
