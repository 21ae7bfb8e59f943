"""Tiny T5 and mT5 summarisers: a locally trained SentencePiece unigram tokenizer and random weights.

The T5 config carries ``task_specific_params["summarization"]`` with the "summarize: " prefix, as the real
t5-small does, so tests can check that the prefix comes from the model's own config. The mT5 kind stands in
for many-to-English cross-lingual models such as csebuetnlp/mT5_m2o_english_crossSum.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ringkas.testing.tiny_models.bart import corpus_sentences
from ringkas.testing.tiny_models.common import SEED, train_sentencepiece


def unigram_vocab(folder: Path, vocab_size: int) -> list[tuple[str, float]]:
    """T5's id layout: <pad> 0, </s> 1, <unk> 2, then the pieces with their scores."""
    import sentencepiece as spm

    model = train_sentencepiece(
        corpus_sentences(), folder / "unigram.spm", vocab_size, pad_id=0, eos_id=1, unk_id=2, bos_id=-1
    )
    processor = spm.SentencePieceProcessor(model_file=str(model))
    return [(processor.id_to_piece(i), processor.get_score(i)) for i in range(processor.get_piece_size())]


def build_t5(out_dir: Path, *, multilingual: bool = False, d_model: int = 32, layers: int = 2, heads: int = 2,
             ffn_dim: int = 64, vocab_size: int = 400, max_input: int = 256) -> Path:
    """Write a T5 (or, with ``multilingual``, an mT5) model folder loadable with ``from_pretrained``."""
    import torch
    from transformers import MT5Config, MT5ForConditionalGeneration, T5Config, T5ForConditionalGeneration, T5Tokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        vocab = unigram_vocab(Path(tmp), vocab_size)
    tokenizer = T5Tokenizer(vocab=vocab, extra_ids=0, model_max_length=max_input)
    tokenizer.save_pretrained(out_dir)
    config_class, model_class = (MT5Config, MT5ForConditionalGeneration) if multilingual else (T5Config, T5ForConditionalGeneration)
    config = config_class(
        vocab_size=len(vocab),
        d_model=d_model,
        d_kv=d_model // heads,
        d_ff=ffn_dim,
        num_layers=layers,
        num_decoder_layers=layers,
        num_heads=heads,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
        task_specific_params=None if multilingual else {"summarization": {"prefix": "summarize: "}},
    )
    torch.manual_seed(SEED)
    model = model_class(config).eval()
    model.generation_config.num_beams = 1
    model.save_pretrained(out_dir)
    return out_dir


def build_mt5(out_dir: Path, **options: object) -> Path:
    return build_t5(out_dir, multilingual=True, **options)
