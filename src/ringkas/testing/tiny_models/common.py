"""Shared pieces for tiny test models: the parallel corpus and SentencePiece training."""

from __future__ import annotations

import io
from importlib import resources
from pathlib import Path

# Fixed seed so the same script builds the same weights on every machine.
SEED = 1234


def encoder_decoder_dims(d_model: int, layers: int, heads: int, ffn_dim: int, max_positions: int) -> dict[str, int]:
    """The size keywords BART-style configs (Marian, M2M100/NLLB, BART) share, for a symmetric model."""
    return {"d_model": d_model, "encoder_layers": layers, "decoder_layers": layers,
            "encoder_attention_heads": heads, "decoder_attention_heads": heads,
            "encoder_ffn_dim": ffn_dim, "decoder_ffn_dim": ffn_dim, "max_position_embeddings": max_positions}


def parallel_corpus() -> list[tuple[str, str]]:
    """(Indonesian, English) sentence pairs shipped with the package."""
    text = resources.files(__package__).joinpath("corpus_id_en.tsv").read_text("utf-8")
    pairs = []
    for line in text.splitlines():
        if line.strip():
            src, tgt = line.split("\t")
            pairs.append((src, tgt))
    return pairs


def train_sentencepiece(
    sentences: list[str],
    out_file: Path,
    vocab_size: int,
    model_type: str = "unigram",
    user_symbols: list[str] | None = None,
    **options: object,
) -> Path:
    """Train a real SentencePiece model on ``sentences`` and write it to ``out_file``."""
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type=model_type,
        character_coverage=1.0,
        hard_vocab_limit=False,
        user_defined_symbols=user_symbols or [],
        num_threads=1,
        minloglevel=2,
        **options,
    )
    out_file.write_bytes(buffer.getvalue())
    return out_file
