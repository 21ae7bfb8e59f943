"""A tiny sentence encoder shaped like intfloat/multilingual-e5-small: a BERT body under an XLM-R style
unigram tokenizer trained on both sides of the parallel corpus, random weights."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ringkas.testing.tiny_models.bart import corpus_sentences
from ringkas.testing.tiny_models.common import SEED, train_sentencepiece


def build_encoder(out_dir: Path, *, hidden: int = 32, layers: int = 2, heads: int = 2, ffn_dim: int = 64,
                  vocab_size: int = 400, max_positions: int = 512) -> Path:
    """Write a BertModel folder (with its tokenizer) loadable with ``AutoModel.from_pretrained``."""
    import sentencepiece as spm
    import torch
    from transformers import BertConfig, BertModel, XLMRobertaTokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        model = train_sentencepiece(corpus_sentences(), Path(tmp) / "unigram.spm", vocab_size,
                                    pad_id=1, bos_id=0, eos_id=2, unk_id=3)
        processor = spm.SentencePieceProcessor(model_file=str(model))
        vocab = [(processor.id_to_piece(i), processor.get_score(i)) for i in range(processor.get_piece_size())]
    vocab[:4] = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    vocab.append(("<mask>", 0.0))
    tokenizer = XLMRobertaTokenizer(vocab=vocab, model_max_length=max_positions - 2)
    tokenizer.save_pretrained(out_dir)
    config = BertConfig(vocab_size=len(vocab), hidden_size=hidden, num_hidden_layers=layers,
                        num_attention_heads=heads, intermediate_size=ffn_dim, max_position_embeddings=max_positions,
                        pad_token_id=1, type_vocab_size=2,
                        position_embedding_type="absolute")  # as the real e5 config.json says; CTranslate2 reads it
    torch.manual_seed(SEED)
    BertModel(config).eval().save_pretrained(out_dir)
    return out_dir
