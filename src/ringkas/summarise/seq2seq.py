"""Abstractive summarisation with encoder-decoder models: BART/DistilBART-CNN, PEGASUS, T5/flan-T5, mT5.

``AutoModelForSeq2SeqLM`` + ``generate()``. Family conventions (T5's task prefix, the input window, length
penalty, ``no_repeat_ngram_size``) come from :mod:`ringkas.summarise.families`. Inputs over the window go
through map-reduce (:mod:`ringkas.summarise.longinput`); nothing is truncated. With ``source_field="text"``
and a many-to-English model (e.g. ``csebuetnlp/mT5_m2o_english_crossSum``) the same class is the direct
cross-lingual summariser.
"""

from __future__ import annotations

from typing import Any

from ringkas.summarise.base import Brief, Summariser, default_headline, format_brief
from ringkas.summarise.longinput import map_reduce
from ringkas.text import split_sentences

DEFAULT_MODEL = "sshleifer/distilbart-cnn-12-6"


class LoadedModel:
    """A model and tokenizer on a device, with what provenance needs to know about them."""

    def __init__(self, model: str, revision: str | None, device: str, dtype: str, causal: bool = False):
        from ringkas.models import pick_device, resolve_model
        from ringkas.models.hub import load_causal_lm, load_seq2seq, load_tokenizer, model_revision

        choice = pick_device(device, dtype)
        self.ref = resolve_model(model, revision=revision)
        self.tokenizer = load_tokenizer(self.ref, **({"padding_side": "left"} if causal else {}))
        loader = load_causal_lm if causal else load_seq2seq
        self.model = loader(self.ref, device=choice.device, dtype=choice.dtype)
        self.device, self.dtype = choice.device, choice.dtype
        self.revision = model_revision(self.ref, self.model)

    def provenance(self) -> dict[str, Any]:
        return {"model": self.ref.name, "revision": self.revision, "device": self.device, "dtype": self.dtype}

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=True, verbose=False)["input_ids"])


def check_generation_settings(settings: dict[str, Any]) -> None:
    """Fail at construction, not mid-run, on a setting ``generate()`` would not understand."""
    from transformers import GenerationConfig

    from ringkas.errors import ConfigError

    known = set(vars(GenerationConfig())) | {"prefix", "max_input_tokens"}
    unknown = sorted(k for k in settings if k not in known)
    if unknown:
        raise ConfigError(f"unknown summariser setting(s): {', '.join(unknown)}")


class Seq2SeqSummariser(Summariser):
    """Generated briefs from an encoder-decoder model; ``sentences`` keeps at most that many sentences."""

    method = "seq2seq"

    def __init__(self, model: str = DEFAULT_MODEL, revision: str | None = None, device: str = "auto",
                 dtype: str = "auto", style: str = "bullets", sentences: int | None = None,
                 max_depth: int = 4, generation_batch_size: int = 8, **settings: Any):
        from ringkas.summarise.families import conventions

        base = {k: settings.pop(k) for k in ("source_field", "guard", "batch_size") if k in settings}
        super().__init__(**base)
        if style not in ("bullets", "paragraph"):
            raise ValueError("style must be 'bullets' or 'paragraph'")
        check_generation_settings(settings)
        self.loaded = LoadedModel(model, revision, device, dtype)
        self.conventions = conventions(self.loaded.model.config, self.loaded.tokenizer, settings)
        self.style, self.sentences, self.max_depth = style, sentences, max_depth
        self.generation_batch_size = generation_batch_size

    @property
    def window(self) -> int:
        return self.conventions.max_input_tokens

    def model_input(self, text: str) -> str:
        # Summarisers were trained on single-line articles (the crossSum card collapses newlines too);
        # paragraphs matter only to the map-reduce split, which has happened by now.
        return self.conventions.prefix + " ".join(text.split())

    def count_tokens(self, text: str) -> int:
        return self.loaded.count_tokens(self.model_input(text))

    def generate(self, texts: list[str]) -> list[str]:
        """One ``generate()`` per sub-batch, longest first so padding is small; results in input order."""
        import torch

        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out: list[str] = [""] * len(texts)
        tokenizer, model = self.loaded.tokenizer, self.loaded.model
        for start in range(0, len(order), self.generation_batch_size):
            chunk = order[start : start + self.generation_batch_size]
            inputs = tokenizer([self.model_input(texts[i]) for i in chunk], return_tensors="pt",
                               padding=True, truncation=False).to(self.loaded.device)
            with torch.inference_mode():
                generated = model.generate(**inputs, **self.conventions.generation)
            for i, text in zip(chunk, tokenizer.batch_decode(generated, skip_special_tokens=True)):
                out[i] = text.strip()
        return out

    def summarise_batch(self, texts: list[str], titles: list[str | None]) -> list[Brief]:
        results = map_reduce(texts, self.generate, self.count_tokens, self.window, self.max_depth)
        briefs = []
        for (summary, depth), title in zip(results, titles):
            text = self.shape(summary)
            briefs.append(Brief(text=text, headline=default_headline(title, text),
                                metadata={"map_reduce_depth": depth}))
        return briefs

    def shape(self, summary: str) -> str:
        if self.sentences:
            summary = " ".join(split_sentences(summary)[: self.sentences])
        return format_brief(summary, self.style)

    def provenance(self) -> dict[str, Any]:
        return {
            **super().provenance(),
            **self.loaded.provenance(),
            "family": self.conventions.family,
            "prefix": self.conventions.prefix,
            "max_input_tokens": self.window,
            "generation": dict(self.conventions.generation),
            "style": self.style,
            "sentences": self.sentences,
        }


class DirectSummariser(Seq2SeqSummariser):
    """Cross-lingual: Indonesian ``text`` in, English brief out, no translation step.

    The Indonesian title is not an English headline, so the headline is the brief's first sentence.
    """

    method = "direct"

    def __init__(self, model: str = "csebuetnlp/mT5_m2o_english_crossSum", **settings: Any):
        settings.setdefault("source_field", "text")
        super().__init__(model=model, **settings)

    def summarise_batch(self, texts: list[str], titles: list[str | None]) -> list[Brief]:
        return super().summarise_batch(texts, [None] * len(texts))
