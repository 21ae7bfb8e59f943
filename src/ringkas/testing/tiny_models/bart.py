"""A tiny BART summariser: a byte-level BPE tokenizer made from a locally trained SentencePiece BPE model,
random weights, and a short position window so that tests reach the map-reduce path with a few paragraphs."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ringkas.testing.tiny_models.common import SEED, encoder_decoder_dims, parallel_corpus, train_sentencepiece

SPECIAL = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")


def corpus_sentences() -> list[str]:
    """English and Indonesian sides: summarisers see both (direct and summarise-then-translate)."""
    pairs = parallel_corpus()
    return [t for _, t in pairs] + [s for s, _ in pairs]


def sentencepiece_bpe(sentences: list[str], folder: Path, vocab_size: int) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Train a SentencePiece BPE model and return its vocabulary and merges."""
    from tokenizers.models import BPE
    from transformers.convert_slow_tokenizer import SentencePieceExtractor

    model = train_sentencepiece(sentences, folder / "bpe.spm", vocab_size, model_type="bpe")
    extracted = SentencePieceExtractor(str(model)).extract(BPE)
    return extracted["vocab"], extracted["merges"]


def byte_level(vocab: dict[str, int], merges: list[tuple[str, str]]) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Rewrite SentencePiece's word-start marker as byte-level BPE's and add the full byte alphabet, so the
    vocabulary is what ``BartTokenizer`` (GPT-2 style byte-level BPE) expects."""
    from tokenizers.pre_tokenizers import ByteLevel

    out = {piece.replace("\u2581", "\u0120"): i for piece, i in sorted(vocab.items(), key=lambda kv: kv[1])}
    for symbol in SPECIAL:
        out.setdefault(symbol, len(out))
    for char in sorted(ByteLevel.alphabet()):
        out.setdefault(char, len(out))
    rewritten = [(a.replace("\u2581", "\u0120"), b.replace("\u2581", "\u0120")) for a, b in merges]
    return out, rewritten


def build_bart(
    out_dir: Path,
    *,
    d_model: int = 32,
    layers: int = 2,
    heads: int = 2,
    ffn_dim: int = 64,
    vocab_size: int = 400,
    max_positions: int = 256,
) -> Path:
    """Write a BART model folder (``AutoModelForSeq2SeqLM``/``AutoTokenizer`` load it)."""
    import torch
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        vocab, merges = byte_level(*sentencepiece_bpe(corpus_sentences(), Path(tmp), vocab_size))
    tokenizer = BartTokenizer(vocab=vocab, merges=merges, model_max_length=max_positions)
    tokenizer.save_pretrained(out_dir)
    config = BartConfig(
        vocab_size=len(vocab),
        **encoder_decoder_dims(d_model, layers, heads, ffn_dim, max_positions),
        pad_token_id=vocab["<pad>"],
        bos_token_id=vocab["<s>"],
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["</s>"],
        forced_bos_token_id=vocab["<s>"],
        forced_eos_token_id=vocab["</s>"],
    )
    torch.manual_seed(SEED)
    model = BartForConditionalGeneration(config).eval()
    model.generation_config.num_beams = 1
    model.save_pretrained(out_dir)
    return out_dir
