"""Cleaner throughput: articles/s on one core for synthetic noisy Indonesian articles.

    python scripts/bench_clean.py                 # 3000 plain-text articles
    python scripts/bench_clean.py --n 500 --html  # HTML pages through trafilatura instead
    python scripts/bench_clean.py --profile       # plus the 15 most expensive functions
    python scripts/bench_clean.py --against /tmp/old/src --rounds 3   # this tree and another, alternating
    python scripts/bench_clean.py --pages ../shared/realpages/pages    # saved real pages (.html) instead

``--against SRC`` runs the same benchmark on another version's source folder (a ``git worktree`` of an
earlier commit, its ``src``) in the same run: rounds alternate between the two, each in a fresh process,
and the median of each is printed, so a busy machine slows both alike. ``--site-template`` adds the first
pass that learns each site's template (what ``ringkas clean`` and ``ringkas run`` do) to the timed part.

The articles are built from Indonesian sentence parts with the noise real portals add (headline repeats,
"Baca juga", ADVERTISEMENT, SEO spam, datelines, desk initials, promos), about 2 KB of text each.
"""

from __future__ import annotations

import argparse
import os
import random
import time

SUBJECTS = ["Pemerintah Provinsi DKI Jakarta", "Kepala BPBD Kabupaten Bekasi", "Menteri Keuangan",
            "Bank Indonesia", "Kepolisian Daerah Jawa Barat", "Perum Bulog", "Wali Kota Surabaya",
            "Badan Pusat Statistik", "Komisi Pemberantasan Korupsi", "PT Kereta Api Indonesia"]
VERBS = ["menyiapkan", "mengumumkan", "menambah", "memeriksa", "menargetkan", "meresmikan", "menahan",
         "mencatat", "mengevaluasi", "membagikan"]
OBJECTS = ["15 pompa air tambahan", "anggaran Rp 2,1 triliun", "operasi pasar di 12 titik",
           "kenaikan harga beras 2,1 persen", "jalur kereta baru", "bantuan sosial bagi 15.720 keluarga",
           "suku bunga acuan 6 persen", "tiga saksi kasus korupsi", "rencana pembangunan tanggul laut"]
TAILS = ["pada Senin (8/1/2024) pukul 10.00 WIB.", "di Jakarta, Rabu.", "untuk mengantisipasi banjir rob.",
         "sebelum bulan Ramadan.", "kata dia kepada wartawan.", "sesuai arahan Presiden."]
NOISE = ["Baca juga: Harga Cabai Rawit Tembus Rp 100.000 per Kilogram", "ADVERTISEMENT",
         "SCROLL TO CONTINUE WITH CONTENT", "jasa backlink pbn", "slot gacor hari ini | situs slot terpercaya",
         '[Gambas:Video CNN]', "Simak Video \"Detik-detik Banjir di Bekasi\"", "Halaman 2",
         "Penulis: Rina Ayu | Editor: Dimas Wahyu", "Tag: banjir, jakarta, bpbd",
         "Artikel ini telah tayang di Kompas.com dengan judul \"Banjir Jakarta\"", "COPYRIGHT © 2024 KOMPAS.com"]
DATELINES = ["JAKARTA, KOMPAS.com - ", "Liputan6.com, Jakarta - ", "Jakarta (ANTARA) - ", "Bandung - ", ""]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"


def synthetic_article(rng: random.Random, index: int) -> str:
    headline = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS).capitalize()} {rng.choice(OBJECTS).title()} {index}"
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(5, 9))]
    paragraphs[0] = rng.choice(DATELINES) + paragraphs[0]
    body = [headline]
    for i, paragraph in enumerate(paragraphs):
        body.append(paragraph + (" (bnl/idn)" if i == len(paragraphs) - 1 else ""))
        if rng.random() < 0.6:
            body.append(rng.choice(NOISE))
        if i == 1:
            body.append(headline)
    if rng.random() < 0.3:
        body.append(paragraphs[1])  # a republished page repeats a paragraph
    return "\n\n".join(body)


def as_html(text: str) -> str:
    head, *rest = text.split("\n\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in rest)
    return (f"<html><head><title>{head}</title><script>var a=1;</script></head><body><nav><a href='/'>Beranda"
            f"</a><a href='/news'>News</a></nav><article><h1>{head}</h1>{paragraphs}</article><footer>Copyright "
            f"© 2024</footer></body></html>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--html", action="store_true", help="feed HTML pages instead of plain text")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--against", metavar="SRC", help="another version's source folder, measured alternately")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per version with --against (default 3)")
    parser.add_argument("--pages", metavar="DIR",
                        help="clean the .html pages saved in DIR (each round three times, the fastest kept)")
    parser.add_argument("--site-template", action="store_true",
                        help="time the first pass that learns site templates too")
    args = parser.parse_args()
    if args.against:
        compare(args)
        return
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core, as the figure claims

    from ringkas.clean import build_cleaner
    from ringkas.record import Article

    if args.pages:
        bench_pages(args)
        return
    rng = random.Random(1234)
    texts = [synthetic_article(rng, i) for i in range(args.n)]
    if args.html:
        articles = [Article(id=str(i), html=as_html(t)) for i, t in enumerate(texts)]
    else:
        articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    if args.html:  # pages of a few sites, as a crawl gives them
        for i, article in enumerate(articles):
            article.url = f"https://site{i % 5}.contoh.id/berita/{i}"
    steps = None if args.site_template else build_cleaner()  # models and patterns load outside the timed part
    chars = sum(len(t) for t in texts)

    def run() -> list[Article]:
        nonlocal steps
        if steps is None:
            from ringkas.clean import collect_template

            steps = build_cleaner(template=collect_template(articles))
        stream = iter(articles)
        for step in steps:
            stream = step(stream)
        return list(stream)

    start, cpu_start = time.perf_counter(), time.process_time()
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        out = profiler.runcall(run)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)
    else:
        out = run()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    accepted = sum(not a.rejected for a in out)
    kind = "HTML" if args.html else "text"
    # CPU time is what one core delivers; wall time also counts waiting for a busy machine's CPU.
    print(f"{args.n} synthetic {kind} articles ({chars / args.n / 1000:.1f} KB of text each), one core: "
          f"{args.n / cpu:.0f} articles/s of CPU time, {args.n / elapsed:.0f}/s wall "
          f"({cpu:.2f}s CPU, {elapsed:.2f}s wall; {accepted} accepted)")


def bench_pages(args: argparse.Namespace) -> None:
    """Real pages saved in ``args.pages``: pages/s of CPU time, the fastest of three passes (a few dozen
    pages are too few for one pass to say much)."""
    import logging
    from pathlib import Path

    from ringkas.clean import build_cleaner, collect_template
    from ringkas.record import Article

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    pages = [(path.name, path.read_text(encoding="utf-8", errors="replace"))
             for path in sorted(Path(args.pages).glob("*.html"))]
    best = float("inf")
    for _ in range(3):
        articles = [Article(id=name, html=html) for name, html in pages]
        start = time.process_time()
        template = collect_template(Article(id=n, html=h) for n, h in pages) if args.site_template else None
        stream = iter(articles)
        for step in build_cleaner(dedupe_ids=False, template=template):
            stream = step(stream)
        accepted = sum(not a.rejected for a in stream)
        best = min(best, time.process_time() - start)
    how = "with the site template learnt in the run" if args.site_template else "each alone"
    print(f"{len(pages)} saved pages {how}, one core: {len(pages) / best:.1f} articles/s of CPU time "
          f"({best:.2f}s CPU; {accepted} accepted)")


def compare(args: argparse.Namespace) -> None:
    """Alternate rounds of this tree and ``args.against`` in fresh processes; print each round and medians."""
    import re
    import statistics
    import subprocess
    import sys
    from pathlib import Path

    here = str(Path(__file__).resolve().parents[1] / "src")
    versions = {"this tree": here, "against": str(Path(args.against).resolve())}
    command = [sys.executable, __file__, "--n", str(args.n)] + (["--html"] if args.html else []) + \
        (["--pages", args.pages] if args.pages else []) + (["--site-template"] if args.site_template else [])
    rates: dict[str, list[float]] = {name: [] for name in versions}
    for round_ in range(args.rounds):
        for name, src in versions.items():
            env = {**os.environ, "PYTHONPATH": src}
            out = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout.strip()
            rates[name].append(float(re.search(r"one core: ([\d.]+) articles/s", out).group(1)))
            print(f"round {round_ + 1} {name} ({src}): {out}")
    for name, values in rates.items():
        print(f"{name}: median {statistics.median(values):.0f} articles/s of CPU time "
              f"(rounds: {', '.join(f'{v:.0f}' for v in values)})")


if __name__ == "__main__":
    main()
