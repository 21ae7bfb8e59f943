#!/usr/bin/env python
"""Translation speed on this machine: ringkas translate (whole command) per backend vs hand-written loops.

usage: python scripts/bench_translate.py [--quick] [--articles 24] [--batch1-sentences 24]
                                        [--max-new-tokens 64] [--device cpu] [--out DIR]
                                        [--raw-only [--rounds N]]

Run from the repository root (it runs ``python -m ringkas`` with ``src/`` on PYTHONPATH).

Builds a model of Helsinki-NLP/opus-mt-id-en's shape (MarianMT transformer-base: 6+6 layers, d=512, 8 heads,
FFN 2048, vocab ~54k) with random weights, its EOS logit biased to -1e4 so every chunk decodes to the
cap, writes Indonesian articles made of the tiny-model corpus sentences, and prints output tokens/s for:

- ``ringkas translate`` as a subprocess (start-up, model load and I/O included), once per backend and
  once with ``--backend auto``, the default. CTranslate2's one-off conversion is done (and timed) first,
  as it is cached after the first run anywhere;
- a hand-written loop over the sentences in input order: ``generate()`` on batches of 16, and on batch 1;
- raw CTranslate2 (int8, the same thread split) on exactly the chunks, caps and token-budget batches
  ``ringkas translate`` makes, all submitted at once: the engine's own time for ringkas's first pass.
  ``ringkas translate --backend ctranslate2`` is timed again beside it with its checks and repairs off
  (``--no-repair --no-check-sentences --no-check-numbers --no-check-meaning``), the same work as the raw
  call plus start-up, model load and I/O; ``--raw-only`` times just these two, alternating (``--rounds``);

plus the achieved decoder GFLOP/s of each as a share of this machine's measured fp32 matmul peak. Each
path's line is printed as soon as it is measured (the hand-written batch-16 loop first: it is the
baseline of the last column); ``--quick`` is a small size for a first look.
Degenerate-output retries are off (--no-retry): with random weights every output is a loop.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VOCAB = 54000
SHAPE = {"d_model": 512, "layers": 6, "heads": 8, "ffn_dim": 2048}


def build_bench_model(out: Path) -> Path:
    """A tiny-model tokenizer padded to an opus-mt-sized vocabulary, and a full-size random MarianMT."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    from ringkas.testing.tiny_models import build

    build("marian", out)  # real SentencePiece models + vocab.json; the weights are replaced below
    vocab = json.loads((out / "vocab.json").read_text("utf-8"))
    pad = vocab.pop("<pad>")
    assert pad == len(vocab), "the tiny Marian vocab keeps <pad> last"
    for i in range(len(vocab), VOCAB - 1):
        vocab[f"▁filler{i}"] = i  # never produced by the source tokenizer; they widen the output layer
    vocab["<pad>"] = VOCAB - 1  # CTranslate2's Marian converter expects <pad> last
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    for stale in ("tokenizer_config.json", "special_tokens_map.json", "added_tokens.json"):
        (out / stale).unlink(missing_ok=True)  # they pin <pad> to its old id
    MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json"),
                    model_max_length=512).save_pretrained(out)
    config = MarianConfig(
        vocab_size=VOCAB, d_model=SHAPE["d_model"], encoder_layers=SHAPE["layers"],
        decoder_layers=SHAPE["layers"], encoder_attention_heads=SHAPE["heads"],
        decoder_attention_heads=SHAPE["heads"], encoder_ffn_dim=SHAPE["ffn_dim"],
        decoder_ffn_dim=SHAPE["ffn_dim"], max_position_embeddings=512, pad_token_id=VOCAB - 1,
        eos_token_id=0, decoder_start_token_id=VOCAB - 1, forced_eos_token_id=0,
        share_encoder_decoder_embeddings=True,
    )
    torch.manual_seed(0)
    model = MarianMTModel(config).eval()
    with torch.no_grad():
        model.final_logits_bias[0, 0] = -1e4  # suppress EOS: every chunk runs to its cap
    model.generation_config.bad_words_ids = [[VOCAB - 1]]
    model.generation_config.num_beams = 1
    model.save_pretrained(out)
    tokenizer = MarianTokenizer.from_pretrained(out)
    assert tokenizer.get_vocab()["<pad>"] == tokenizer.pad_token_id == VOCAB - 1
    return out


def write_articles(path: Path, count: int) -> list[str]:
    """Articles of 6-9 sentences in 2-3 paragraphs; returns every sentence in input order."""
    from ringkas.testing.tiny_models.common import parallel_corpus
    from ringkas.text import split_sentences

    corpus = [src for src, _ in parallel_corpus()]
    sentences = []
    with open(path, "w", encoding="utf-8") as handle:
        for a in range(count):
            n = 6 + a % 4
            # A distinct clause per sentence, so the translation cache and de-duplication cannot help.
            picked = [corpus[(a * 7 + k) % len(corpus)].rstrip(".") + f", kata sumber ke-{a * 10 + k}."
                      for k in range(n)]
            paragraphs = [" ".join(picked[i : i + 3]) for i in range(0, n, 3)]
            text = "\n\n".join(paragraphs)
            handle.write(json.dumps({"id": f"bench-{a}", "title": corpus[a % len(corpus)], "text": text},
                                    ensure_ascii=False) + "\n")
            sentences.append(corpus[a % len(corpus)])
            for paragraph in paragraphs:
                sentences.extend(split_sentences(paragraph))
    return sentences


def decoder_flops_per_token() -> float:
    """Multiply-adds x2 of one decoder step: self/cross-attention projections, FFN, output layer."""
    d, f, layers = SHAPE["d_model"], SHAPE["ffn_dim"], SHAPE["layers"]
    per_layer = 2 * (4 * d * d + 2 * d * d + 2 * d * f)  # self q,k,v,o + cross q,o + FFN in/out
    return layers * per_layer + 2 * d * VOCAB


def matmul_peak_gflops(threads: int) -> float:
    import torch

    torch.set_num_threads(threads)
    a, b = torch.randn(2048, 2048), torch.randn(2048, 2048)
    for _ in range(3):
        a @ b
    best = 0.0
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(4):
            a @ b
        best = max(best, 4 * 2 * 2048**3 / (time.perf_counter() - start) / 1e9)
    return best


def hand_loop(model_dir: Path, sentences: list[str], batch: int, max_new_tokens: int) -> tuple[int, float]:
    """What a user writes without ringkas: batches in input order, plain generate()."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    torch.set_num_threads(len(os.sched_getaffinity(0)))
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(model_dir).eval()
    tokens = 0
    start = time.perf_counter()
    with torch.inference_mode():
        for i in range(0, len(sentences), batch):
            inputs = tokenizer(sentences[i : i + batch], return_tensors="pt", padding=True)
            out = model.generate(**inputs, max_new_tokens=max_new_tokens, num_beams=1, do_sample=False)
            tokens += (out[:, 1:] != tokenizer.pad_token_id).sum().item()
    return tokens, time.perf_counter() - start


def raw_ct2(model_dir: Path, articles: Path, cpu: list[float] | None = None) -> tuple[int, float]:
    """CTranslate2 alone on what ringkas gives it: the same chunks (packed to its chunk limit), caps
    (2 x length + 16), token-budget batches and thread split, every batch submitted at once; output
    tokens counted up to each chunk's cap, as ringkas counts them. ``cpu`` gets the CPU seconds it took."""
    import ctranslate2

    from ringkas.models.batching import token_budget_batches
    from ringkas.models.ct2_convert import ensure_converted
    from ringkas.models.runtime import Budget, cpu_thread_split
    from ringkas.text import split_paragraphs
    from ringkas.translate import build_translator
    from ringkas.translate.chunking import chunk_paragraph

    translator = build_translator(str(model_dir), backend="ctranslate2", device="cpu", retry_degenerate=False)
    settings, tok = translator.settings, translator.tok
    chunks: list[str] = []
    for line in articles.read_text("utf-8").splitlines():
        record = json.loads(line)
        for field in ("title", "text"):
            for paragraph in split_paragraphs(record[field]):
                chunks.extend(chunk_paragraph(paragraph, translator.count_tokens, translator.chunk_limit).chunks)
    sources = tok.source_tokens(chunks)
    caps = [settings.new_token_cap(len(s), translator.window) for s in sources]
    folder = ensure_converted(translator.ref, tok.revision, "int8")
    inter, intra = cpu_thread_split(Budget.machine().cpus)
    engine = ctranslate2.Translator(str(folder), device="cpu", compute_type="int8", inter_threads=inter,
                                    intra_threads=intra)
    start, cpu_start = time.perf_counter(), time.process_time()
    submitted = []
    for batch in token_budget_batches([len(s) for s in sources], settings.batch_tokens):
        futures = engine.translate_batch([sources[i] for i in batch], beam_size=settings.num_beams,
                                         max_decoding_length=max(caps[i] for i in batch), max_input_length=0,
                                         max_batch_size=-(-len(batch) // inter), asynchronous=True)
        submitted.append((batch, futures))
    tokens = sum(min(len(f.result().hypotheses[0]), caps[i]) for batch, futures in submitted
                 for i, f in zip(batch, futures))
    if cpu is not None:
        cpu.append(time.process_time() - cpu_start)  # every thread of this process: the engine's work
    return tokens, time.perf_counter() - start


CHECKS_OFF = ["--no-repair", "--no-check-sentences", "--no-check-numbers", "--no-check-meaning"]


def ringkas_command(model_dir: Path, articles: Path, out_dir: Path, backend: str, device: str,
                    env: dict[str, str], extra: list[str] | None = None,
                    cpu: list[float] | None = None) -> tuple[int, float]:
    """The whole command with its default settings: packed chunks, each capped at 2 x its length + 16."""
    out = out_dir / f"out-{backend}.jsonl"
    cmd = [sys.executable, "-m", "ringkas", "-q", "translate", str(articles), "-o", str(out), "--model",
           str(model_dir), "--backend", backend, "--device", device, "--no-cache", "--no-retry", "--force",
           *(extra or [])]
    start, children = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if cpu is not None:  # the command's CPU seconds, start-up included (less moved by other jobs than wall time)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    match = re.search(r"(\d+) output tokens", done.stderr)
    if not match:
        raise SystemExit(f"no summary line from ringkas translate:\n{done.stderr[-2000:]}")
    return int(match.group(1)), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--max-new-tokens", type=int, default=64, help="cap per sentence in the hand-written loops")
    parser.add_argument("--batch1-sentences", type=int, default=24, help="sentences for the slow batch-1 loop")
    parser.add_argument("--quick", action="store_true",
                        help="the smallest size: 6 articles, 4 batch-1 sentences (figures noisier)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--out", type=Path, default=None, help="working folder (default: a temporary one)")
    parser.add_argument("--raw-only", action="store_true",
                        help="only ringkas translate (ctranslate2, checks off) against raw CTranslate2")
    parser.add_argument("--rounds", type=int, default=1, help="with --raw-only: alternations of the two")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.batch1_sentences = 6, 4

    work = args.out or Path(tempfile.mkdtemp(prefix="ringkas-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "RINGKAS_CACHE": str(work / "cache"), "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    os.environ.update({"RINGKAS_CACHE": env["RINGKAS_CACHE"], "HF_HUB_OFFLINE": "1"})
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bars between the figures
    threads = len(os.sched_getaffinity(0))
    model_dir = build_bench_model(work / "opus-mt-shape")
    sentences = write_articles(work / "articles.jsonl", args.articles)
    peak = matmul_peak_gflops(threads)
    flops = decoder_flops_per_token()
    say(f"machine: {threads} CPUs ({cpu_name()}), fp32 matmul peak {peak:.1f} GFLOP/s; "
        f"decoder {flops / 1e6:.0f} MFLOP/token")
    say(f"work: {args.articles} articles, {len(sentences)} sentences; hand-written loops cap each sentence at "
        f"{args.max_new_tokens} tokens, ringkas caps each packed chunk at 2 x its length + 16 (its default)")

    from ringkas.models.ct2_convert import ensure_converted
    from ringkas.models.hub import model_revision, resolve_model

    ref = resolve_model(str(model_dir))
    start = time.perf_counter()
    ensure_converted(ref, model_revision(ref), "int8")
    say(f"ctranslate2 int8 conversion (once, then cached): {time.perf_counter() - start:.1f}s")

    if args.raw_only:
        say(f"\n{'path':<56} {'tokens':>7} {'seconds':>8} {'tok/s':>7} {'x raw':>6} {'CPU s':>7} {'x raw':>6}")
        for _ in range(args.rounds):
            raw_cpu: list[float] = []
            raw_tokens, raw_seconds = raw_ct2(model_dir, work / "articles.jsonl", raw_cpu)
            say(f"{'raw CTranslate2 int8, ringkas chunks and batches':<56} {raw_tokens:>7} {raw_seconds:>8.1f} "
                f"{raw_tokens / raw_seconds:>7.0f} {1:>6.2f} {raw_cpu[0]:>7.1f} {1:>6.2f}")
            cpu: list[float] = []
            tokens, seconds = ringkas_command(model_dir, work / "articles.jsonl", work, "ctranslate2", args.device,
                                              env, CHECKS_OFF, cpu)
            say(f"{'ringkas translate --backend ctranslate2, checks off':<56} {tokens:>7} {seconds:>8.1f} "
                f"{tokens / seconds:>7.0f} {raw_seconds / seconds:>6.2f} {cpu[0]:>7.1f} {raw_cpu[0] / cpu[0]:>6.2f}")
        say("(x raw: the raw call's seconds over the row's, so below 1 is slower than the raw engine; the ringkas "
            "row includes Python start-up, model load, tokenising and I/O)")
        return
    # The baseline first, so that every later row prints its figure, ratio included, as soon as it is done.
    say(f"\n{'path':<52} {'tokens':>7} {'seconds':>8} {'tok/s':>7} {'GFLOP/s':>8} {'% peak':>7} {'x b16':>6}")
    tokens, seconds = hand_loop(model_dir, sentences, 16, args.max_new_tokens)
    baseline = tokens / seconds
    row = Row(flops, peak, baseline)
    row("hand-written generate(), batch 16, input order", tokens, seconds)
    for backend in ("ctranslate2", "transformers", "auto"):
        tokens, seconds = ringkas_command(model_dir, work / "articles.jsonl", work, backend, args.device, env)
        row(f"ringkas translate --backend {backend} (whole command)", tokens, seconds)
    tokens, seconds = ringkas_command(model_dir, work / "articles.jsonl", work, "ctranslate2", args.device, env,
                                      CHECKS_OFF)
    row("ringkas translate --backend ctranslate2, checks off", tokens, seconds)
    row("raw CTranslate2 int8, ringkas's chunks and batches", *raw_ct2(model_dir, work / "articles.jsonl"))
    tokens, seconds = hand_loop(model_dir, sentences[: args.batch1_sentences], 1, args.max_new_tokens)
    row("hand-written generate(), batch 1", tokens, seconds)


def say(line: str) -> None:
    print(line, flush=True)  # each figure as it is measured, also when piped into a log


class Row:
    """Prints one measured path: tokens, seconds, rate, decoder GFLOP/s, share of peak, ratio to batch 16."""

    def __init__(self, flops: float, peak: float, baseline: float):
        self.flops, self.peak, self.baseline = flops, peak, baseline

    def __call__(self, name: str, tokens: int, seconds: float) -> None:
        rate = tokens / seconds
        gflops = rate * self.flops / 1e9
        say(f"{name:<52} {tokens:>7} {seconds:>8.1f} {rate:>7.0f} {gflops:>8.1f} {100 * gflops / self.peak:>6.0f}% "
            f"{rate / self.baseline:>6.2f}")


def cpu_name() -> str:
    try:
        names = [line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                 if line.startswith("model name")]
    except OSError:
        return "unknown CPU"
    return names[0] if names else "unknown CPU"


if __name__ == "__main__":
    main()
