"""A tiny MarianMT model (Indonesian to English) with real SentencePiece tokenizers and random weights."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from ringkas.testing.tiny_models.common import SEED, encoder_decoder_dims, parallel_corpus, train_sentencepiece


def build_marian(
    out_dir: Path,
    *,
    d_model: int = 32,
    layers: int = 2,
    heads: int = 2,
    ffn_dim: int = 64,
    vocab_size: int = 400,
    max_positions: int = 512,
) -> Path:
    """Write a MarianMT model folder loadable with ``from_pretrained(out_dir)``."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pairs = parallel_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        source = train_sentencepiece([s for s, _ in pairs], Path(tmp) / "source.spm", vocab_size)
        target = train_sentencepiece([t for _, t in pairs], Path(tmp) / "target.spm", vocab_size)
        vocab = _shared_vocab(source, target)
        vocab_file = Path(tmp) / "vocab.json"
        vocab_file.write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
        tokenizer = MarianTokenizer(str(source), str(target), str(vocab_file), model_max_length=max_positions)
        tokenizer.save_pretrained(out_dir)

    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        **encoder_decoder_dims(d_model, layers, heads, ffn_dim, max_positions),
        pad_token_id=pad,
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=pad,
        forced_eos_token_id=vocab["</s>"],
        share_encoder_decoder_embeddings=True,
    )
    torch.manual_seed(SEED)
    model = MarianMTModel(config).eval()
    model.generation_config.num_beams = 1
    model.generation_config.bad_words_ids = [[pad]]
    model.save_pretrained(out_dir)
    return out_dir


def _shared_vocab(*spm_files: Path) -> dict[str, int]:
    """Marian's vocab.json: ``</s>`` 0, ``<unk>`` 1, every piece of both models, ``<pad>`` last."""
    import sentencepiece as spm

    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for path in spm_files:
        processor = spm.SentencePieceProcessor(model_file=str(path))
        for i in range(processor.get_piece_size()):
            piece = processor.id_to_piece(i)
            if piece not in vocab and piece not in ("<s>", "</s>", "<unk>", "<pad>"):
                vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    return vocab
