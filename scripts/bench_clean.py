"""Cleaner throughput: articles/s on one core for synthetic noisy Indonesian articles.

    python scripts/bench_clean.py                 # 3000 plain-text articles
    python scripts/bench_clean.py --n 500 --html  # HTML pages through trafilatura instead
    python scripts/bench_clean.py --profile       # plus the 15 most expensive functions

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
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core, as the figure claims

    from ringkas.clean import build_cleaner
    from ringkas.record import Article

    rng = random.Random(1234)
    texts = [synthetic_article(rng, i) for i in range(args.n)]
    if args.html:
        articles = [Article(id=str(i), html=as_html(t)) for i, t in enumerate(texts)]
    else:
        articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    steps = build_cleaner()  # model and patterns load here, outside the timed part
    chars = sum(len(t) for t in texts)

    def run() -> list[Article]:
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


if __name__ == "__main__":
    main()
