"""Instruction-following summarisers driven by prompt templates: flan-T5 or a small causal chat model.

The prompt (a Jinja file in ``prompts/``) is rendered per article; for a causal LM it is wrapped with the
tokenizer's own chat template and only the new tokens are decoded. A prompt that ``produces: headline``
fills ``headline_en`` only; a brief prompt can be paired with ``headline_prompt``. Articles over the window
are map-reduced with the same prompt. Name, version and hash of each prompt go into provenance.
"""

from __future__ import annotations

from typing import Any

from ringkas.errors import ConfigError
from ringkas.models.window import model_window
from ringkas.summarise.base import (
    Brief,
    Summariser,
    bullet_lines,
    default_headline,
    format_brief,
)
from ringkas.summarise.longinput import map_reduce
from ringkas.summarise.prompts import PromptTemplate, load_prompt
from ringkas.summarise.seq2seq import LoadedModel, check_generation_settings

DEFAULT_PROMPT = "brief_3_bullets"
DEFAULT_GENERATION = {"max_new_tokens": 160, "num_beams": 1, "do_sample": False}
# Room kept in the window for the title, which the prompt adds but token counting of parts leaves out.
TITLE_ALLOWANCE = 48


class InstructSummariser(Summariser):
    method = "instruct"

    def __init__(self, model: str, prompt: str | None = None, headline_prompt: str | None = None,
                 prompts_dir: str | None = None, revision: str | None = None, device: str = "auto",
                 dtype: str = "auto", sentences: int | None = None, max_depth: int = 4,
                 generation_batch_size: int = 8, **settings: Any):
        base = {k: settings.pop(k) for k in ("source_field", "guard", "batch_size") if k in settings}
        super().__init__(**base)
        self.prompt = load_prompt(prompt or DEFAULT_PROMPT, prompts_dir)
        self.headline_prompt = load_prompt(headline_prompt, prompts_dir) if headline_prompt else None
        check_generation_settings(settings)
        self.generation = {**DEFAULT_GENERATION, **{k: v for k, v in settings.items() if v is not None}}
        self.loaded = _load(model, revision, device, dtype)
        self.causal = not getattr(self.loaded.model.config, "is_encoder_decoder", False)
        tokenizer = self.loaded.tokenizer
        if self.causal and not getattr(tokenizer, "chat_template", None):
            raise ConfigError(f"model {model!r} has no chat template: use an instruction-tuned chat model")
        if self.causal and tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        window = model_window(self.loaded.model.config, tokenizer) or 512
        reserved = self.generation["max_new_tokens"] if self.causal else 0
        self.window = window - reserved - TITLE_ALLOWANCE
        if self.window < 64:
            raise ConfigError(f"model window {window} leaves no room for an article after {reserved} new tokens")
        self.sentences, self.max_depth, self.generation_batch_size = sentences, max_depth, generation_batch_size

    # --- prompt to model input ----------------------------------------------------------------------
    def model_input(self, template: PromptTemplate, text: str, title: str | None = None) -> str:
        rendered = template.render(article=text, title=title)
        if not self.causal:
            return rendered
        messages = [{"role": "user", "content": rendered}]
        return self.loaded.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)

    def count_tokens(self, text: str) -> int:
        return len(self._encode([self.model_input(self.prompt, text)])["input_ids"][0])

    def _encode(self, inputs: list[str], tensors: str | None = None) -> Any:
        # A chat template already holds the special tokens the model expects.
        return self.loaded.tokenizer(inputs, add_special_tokens=not self.causal, padding=True,
                                     return_tensors=tensors, verbose=False)

    def generate(self, inputs: list[str]) -> list[str]:
        import torch

        out: list[str] = []
        for start in range(0, len(inputs), self.generation_batch_size):
            encoded = self._encode(inputs[start : start + self.generation_batch_size], "pt").to(self.loaded.device)
            with torch.inference_mode():
                generated = self.loaded.model.generate(**encoded, **self.generation)
            if self.causal:  # the prompt comes back in front of the answer
                generated = generated[:, encoded["input_ids"].shape[1] :]
            out.extend(t.strip() for t in self.loaded.tokenizer.batch_decode(generated, skip_special_tokens=True))
        return out

    # --- the role's method ---------------------------------------------------------------------------
    def summarise_batch(self, texts: list[str], titles: list[str | None]) -> list[Brief]:
        title_of = dict(zip(texts, titles))  # parts and part-summaries are rendered without a title

        def run(batch: list[str]) -> list[str]:
            return self.generate([self.model_input(self.prompt, t, title_of.get(t)) for t in batch])

        results = map_reduce(texts, run, self.count_tokens, self.window, self.max_depth)
        if self.prompt.produces == "headline":
            return [Brief(text=None, headline=first_line(out), metadata={"map_reduce_depth": depth})
                    for out, depth in results]
        briefs = [Brief(text=self.shape(out), metadata={"map_reduce_depth": depth}) for out, depth in results]
        headlines = self.headlines(texts, briefs) if self.headline_prompt else [None] * len(briefs)
        for brief, title, headline in zip(briefs, titles, headlines):
            brief.headline = headline or default_headline(title, brief.text)
        return briefs

    def headlines(self, texts: list[str], briefs: list[Brief]) -> list[str | None]:
        """Headlines from the article when it fits the window, else from its brief."""
        assert self.headline_prompt is not None
        sources = [t if self.count_tokens(t) <= self.window else b.text for t, b in zip(texts, briefs)]
        return [first_line(h) for h in self.generate([self.model_input(self.headline_prompt, s) for s in sources])]

    def shape(self, output: str) -> str:
        brief = format_brief(output, self.prompt.style)
        limit = self.sentences or self.prompt.max_items
        if limit and self.prompt.style == "bullets":
            brief = "\n".join(brief.splitlines()[:limit])
        return brief

    def provenance(self) -> dict[str, Any]:
        info = {
            **super().provenance(),
            **self.loaded.provenance(),
            "architecture": "causal" if self.causal else "seq2seq",
            "prompt": self.prompt.provenance(),
            "generation": dict(self.generation),
            "max_input_tokens": self.window,
        }
        if self.headline_prompt:
            info["headline_prompt"] = self.headline_prompt.provenance()
        return info


def first_line(output: str) -> str | None:
    lines = bullet_lines(output)
    return lines[0].strip("\"' ") if lines else None


def _load(model: str, revision: str | None, device: str, dtype: str) -> LoadedModel:
    from ringkas.models import resolve_model
    from ringkas.models.hub import load_config

    config = load_config(resolve_model(model, revision=revision))
    return LoadedModel(model, revision, device, dtype, causal=not getattr(config, "is_encoder_decoder", False))
