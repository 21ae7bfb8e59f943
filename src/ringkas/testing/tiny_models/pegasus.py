"""A tiny PEGASUS summariser: the tiny T5's SentencePiece unigram tokenizer (<pad> 0, </s> 1, <unk> 2, as
PEGASUS lays them out) and random weights. Its config.json has no ``normalize_before``, like the hub's
google/pegasus-* checkpoints, which is what CTranslate2's PEGASUS loader trips over (#888)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ringkas.testing.tiny_models.common import SEED
from ringkas.testing.tiny_models.t5 import unigram_vocab


def build_pegasus(out_dir: Path, *, d_model: int = 32, layers: int = 2, heads: int = 2, ffn_dim: int = 64,
                  vocab_size: int = 400, max_positions: int = 256) -> Path:
    """Write a PegasusForConditionalGeneration folder (``AutoModelForSeq2SeqLM``/``AutoTokenizer`` load it)."""
    import torch
    from transformers import PegasusConfig, PegasusForConditionalGeneration, T5Tokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        vocab = unigram_vocab(Path(tmp), vocab_size)
    tokenizer = T5Tokenizer(vocab=vocab, extra_ids=0, model_max_length=max_positions)
    tokenizer.save_pretrained(out_dir)
    config = PegasusConfig(
        vocab_size=len(vocab), d_model=d_model, encoder_layers=layers, decoder_layers=layers,
        encoder_attention_heads=heads, decoder_attention_heads=heads, encoder_ffn_dim=ffn_dim,
        decoder_ffn_dim=ffn_dim, max_position_embeddings=max_positions, pad_token_id=0, eos_token_id=1,
        decoder_start_token_id=0, forced_eos_token_id=1,
    )
    torch.manual_seed(SEED)
    model = PegasusForConditionalGeneration(config).eval()
    model.generation_config.num_beams = 1
    model.save_pretrained(out_dir)
    return out_dir
