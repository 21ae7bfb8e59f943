"""A tiny Llama-style causal chat model: a SentencePiece BPE tokenizer with a chat template, random weights.

It stands in for small instruction-tuned chat models (Qwen2.5-0.5B-Instruct, Llama-3.2-1B-Instruct ...) on
the instruct path, which renders a prompt, wraps it with the tokenizer's chat template and generates.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ringkas.testing.tiny_models.bart import corpus_sentences, sentencepiece_bpe
from ringkas.testing.tiny_models.common import SEED

# Zephyr-style turns; real chat models ship their own template in tokenizer_config.json the same way.
CHAT_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}<|{{ message['role'] }}|>\n{{ message['content'] }}{{ eos_token }}\n"
    "{% endfor %}{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
)


def build_causal(out_dir: Path, *, hidden: int = 32, layers: int = 2, heads: int = 2, ffn_dim: int = 64,
                 vocab_size: int = 400, max_positions: int = 1024) -> Path:
    """Write a LlamaForCausalLM folder with a chat template (``AutoModelForCausalLM`` loads it)."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM, LlamaTokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        vocab, merges = sentencepiece_bpe(corpus_sentences(), Path(tmp), vocab_size)
    tokenizer = LlamaTokenizer(vocab=vocab, merges=merges, model_max_length=max_positions)
    tokenizer.pad_token = tokenizer.eos_token
    tokenizer.chat_template = CHAT_TEMPLATE
    tokenizer.save_pretrained(out_dir)
    config = LlamaConfig(
        vocab_size=len(vocab),
        hidden_size=hidden,
        intermediate_size=ffn_dim,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=heads,
        max_position_embeddings=max_positions,
        bos_token_id=vocab["<s>"],
        eos_token_id=vocab["</s>"],
        pad_token_id=vocab["</s>"],
        tie_word_embeddings=True,
    )
    torch.manual_seed(SEED)
    model = LlamaForCausalLM(config).eval()
    model.generation_config.do_sample = False
    model.save_pretrained(out_dir)
    return out_dir
