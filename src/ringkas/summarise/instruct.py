"""Instruction-following summarisers driven by prompt templates: flan-T5 or a small causal chat model.

The prompt (a Jinja file in ``prompts/``) is rendered per article; for a causal LM it is wrapped with the
tokenizer's own chat template and only the new tokens are decoded. A prompt that ``produces: headline``
fills ``headline_en`` only; a brief prompt can be paired with ``headline_prompt``. Articles over the window
are map-reduced with the same prompt. Name, version and hash of each prompt go into provenance.
"""

from __future__ import annotations

from typing import Any

from ringkas.errors import ConfigError
from ringkas.models.runtime import Budget
from ringkas.summarise.base import Brief, ModelSummariser, bullet_lines, format_brief
from ringkas.summarise.longinput import map_reduce
from ringkas.summarise.prompts import PromptTemplate, load_prompt
from ringkas.summarise.settings import Generation

DEFAULT_PROMPT = "brief_3_bullets"
DEFAULT_GENERATION = {"max_new_tokens": 160, "num_beams": 1}
# Room kept in the window for the title, which the prompt adds but token counting of parts leaves out.
TITLE_ALLOWANCE = 48


class InstructSummariser(ModelSummariser):
    method = "instruct"

    def __init__(self, settings: Any, budget: Budget | None = None):
        self.prompt = load_prompt(settings.prompt or DEFAULT_PROMPT, settings.prompts_dir)
        self.headline_prompt = load_prompt(settings.headline_prompt, settings.prompts_dir) if settings.headline_prompt else None
        super().__init__(settings, budget)
        self._generation = Generation.merged(DEFAULT_GENERATION, settings.generation)
        self.causal = self.generator.causal
        tokenizer = self.generator.tokenizer
        if self.causal and not getattr(tokenizer, "chat_template", None):
            raise ConfigError(f"model {settings.model!r} has no chat template: use an instruction-tuned chat model")
        window = self.generator.window or 512
        reserved = self._generation.max_new_tokens if self.causal else 0
        self.window = window - reserved - TITLE_ALLOWANCE
        if self.window < 64:
            raise ConfigError(f"model window {window} leaves no room for an article after {reserved} new tokens")

    @property
    def generation(self) -> Generation:
        return self._generation

    # --- prompt to model input ----------------------------------------------------------------------
    def model_input(self, template: PromptTemplate, text: str, title: str | None = None) -> str:
        rendered = template.render(article=text, title=title)
        if not self.causal:
            return rendered
        messages = [{"role": "user", "content": rendered}]
        return self.generator.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)

    def count_tokens(self, text: str) -> int:
        return self.generator.count_tokens(self.model_input(self.prompt, text))

    # --- the role's method ---------------------------------------------------------------------------
    def summarise_batch(self, texts: list[str], titles: list[str | None]) -> list[Brief]:
        title_of = dict(zip(texts, titles))  # parts and part-summaries are rendered without a title

        def run(batch: list[str], caps: list[int | None]) -> list[str]:
            return self.generate_capped([self.model_input(self.prompt, t, title_of.get(t)) for t in batch], caps)

        results = map_reduce(texts, run, self.count_tokens, self.window, self.settings.max_depth)
        briefs = [self._brief(out, depth) for out, depth in results]
        if self.headline_prompt:
            ok = [i for i, b in enumerate(briefs) if b.error is None]
            for i, headline in zip(ok, self.headlines([texts[i] for i in ok], [briefs[i] for i in ok])):
                briefs[i].headline = headline
        return briefs

    def _brief(self, out: str | Exception, depth: int) -> Brief:
        if isinstance(out, Exception):
            return Brief.failed(out, map_reduce_depth=depth)
        if self.prompt.produces == "headline":
            return Brief(text=None, headline=first_line(out), metadata={"map_reduce_depth": depth})
        return Brief(text=self.shape(out), metadata={"map_reduce_depth": depth})

    def headlines(self, texts: list[str], briefs: list[Brief]) -> list[str | None]:
        """Headlines from the article when it fits the window, else from its brief."""
        assert self.headline_prompt is not None
        sources = [t if self.count_tokens(t) <= self.window else b.text for t, b in zip(texts, briefs)]
        inputs = [self.model_input(self.headline_prompt, s) for s in sources]
        return [first_line(h) for h in self.generate_capped(inputs, [None] * len(inputs))]

    def shape(self, output: str) -> str:
        brief = format_brief(output, self.prompt.style)
        limit = self.settings.sentences or self.prompt.max_items
        if limit and self.prompt.style == "bullets":
            brief = "\n".join(brief.splitlines()[:limit])
        return brief

    def provenance(self) -> dict[str, Any]:
        info = {
            **super().provenance(),
            "architecture": "causal" if self.causal else "seq2seq",
            "prompt": self.prompt.provenance(),
            "max_input_tokens": self.window,
        }
        if self.headline_prompt:
            info["headline_prompt"] = self.headline_prompt.provenance()
        return info


def first_line(output: str) -> str | None:
    lines = bullet_lines(output)
    return lines[0].strip("\"' ") if lines else None
