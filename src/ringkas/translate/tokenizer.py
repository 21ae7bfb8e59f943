"""The Hugging Face side every backend shares: tokenizer, config, family and revision of one model.

Both the transformers and the CTranslate2 backend tokenise with the model's own tokenizer, so chunk
lengths, language codes and decoding are identical whichever backend runs the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ringkas.models.hub import ModelRef, load_tokenizer, model_revision, read_config
from ringkas.models.window import model_window
from ringkas.translate.families import Family, detect_family


@dataclass
class ModelTokenizer:
    ref: ModelRef
    tokenizer: Any
    config: Any
    family: Family
    revision: str

    @classmethod
    def load(cls, ref: ModelRef) -> ModelTokenizer:
        config = read_config(ref)  # the JSON alone: a CTranslate2 translator never imports torch
        tokenizer = load_tokenizer(ref)
        family = detect_family(config.model_type, tokenizer.get_vocab())
        if family.src_lang:
            tokenizer = load_tokenizer(ref, src_lang=family.src_lang, tgt_lang=family.tgt_lang)
        return cls(ref, tokenizer, config, family, model_revision(ref, config))

    @property
    def window(self) -> int:
        return model_window(self.config, self.tokenizer) or 512

    @property
    def forced_bos_token_id(self) -> int | None:
        if not self.family.tgt_token:
            return None
        token_id = self.tokenizer.convert_tokens_to_ids(self.family.tgt_token)
        if token_id is None or token_id == self.tokenizer.unk_token_id:
            raise ValueError(f"the tokenizer of {self.ref.name!r} has no {self.family.tgt_token!r} token")
        return int(token_id)

    def count_tokens(self, texts: list[str]) -> list[int]:
        if not texts:
            return []
        # verbose=False: measuring a paragraph longer than the window is the point (it is then split), not an error
        return [len(ids) for ids in self.tokenizer(texts, add_special_tokens=True, verbose=False)["input_ids"]]

    def source_tokens(self, texts: list[str]) -> list[list[str]]:
        """Token strings with special tokens (CTranslate2's input)."""
        encoded = self.tokenizer(texts, add_special_tokens=True)["input_ids"]
        return [self.tokenizer.convert_ids_to_tokens(ids) for ids in encoded]

    def decode_ids(self, rows: list[list[int]]) -> list[str]:
        return self.tokenizer.batch_decode(rows, skip_special_tokens=True)

    def identity(self) -> dict[str, Any]:
        return {"model": self.ref.name, "revision": self.revision, "family": self.family.name}
