"""A tiny NLLB-style model: M2M100 architecture, a real SentencePiece BPE tokenizer, NLLB language codes.

The tokenizer is ``NllbTokenizer`` built from a ``sentencepiece.bpe.model`` trained on the shipped
Indonesian/English corpus, so it carries every FLORES-200 code (``ind_Latn``, ``eng_Latn`` ...) as special
tokens exactly like ``facebook/nllb-200-*``: source text is ``ind_Latn <tokens> </s>``, and generation is
forced to start with ``eng_Latn``. Weights are random.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ringkas.testing.tiny_models.common import SEED, encoder_decoder_dims, parallel_corpus, train_sentencepiece


def build_nllb(
    out_dir: Path,
    *,
    d_model: int = 32,
    layers: int = 2,
    heads: int = 2,
    ffn_dim: int = 64,
    vocab_size: int = 500,
    max_positions: int = 512,
) -> Path:
    """Write an M2M100/NLLB model folder loadable with ``AutoTokenizer``/``AutoModelForSeq2SeqLM``."""
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pairs = parallel_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        train_sentencepiece(  # NllbTokenizer reads sentencepiece.bpe.model from the folder
            [s for s, _ in pairs] + [t for _, t in pairs], Path(tmp) / "sentencepiece.bpe.model", vocab_size,
            model_type="bpe",
        )
        # Converting a bare .model file does not add the language codes; pass them as NLLB's own list.
        tokenizer = NllbTokenizer.from_pretrained(tmp, src_lang="ind_Latn", tgt_lang="eng_Latn",
                                                  extra_special_tokens=list(FAIRSEQ_LANGUAGE_CODES),
                                                  model_max_length=max_positions)
    tokenizer.save_pretrained(out_dir)

    config = M2M100Config(
        vocab_size=len(tokenizer),
        **encoder_decoder_dims(d_model, layers, heads, ffn_dim, max_positions),
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        tokenizer_class="NllbTokenizer",
        scale_embedding=True,
    )
    torch.manual_seed(SEED)
    model = M2M100ForConditionalGeneration(config).eval()
    model.generation_config.num_beams = 1
    model.save_pretrained(out_dir)
    return out_dir
