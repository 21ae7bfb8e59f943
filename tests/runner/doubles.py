"""Deterministic stand-in stages for testing the runner's orchestration (not the models).

``FakeStages`` reads JSONL, "cleans" by stripping "Baca juga" lines and rejecting texts marked as English
or empty, "translates" by a fixed word-for-word rewrite and "summarises" with the first sentence. A text
containing ``POISON`` makes the translator raise; ``RINGKAS_FAKE_MISSING`` makes it fail like a model
that cannot be loaded. ``RINGKAS_FAKE_DELAY`` (seconds per unit) slows the
translator so a test can kill a run half-way; ``RINGKAS_FAKE_LOADS`` names a file that gets a line each
time a model stage is built, so tests can count model loads; a stage whose ``model`` ends in ``-not-on-node``
fails to build like a model missing from a node (a spec's options are the real settings', so the flag rides on
the model name).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

from ringkas.readers.ringkas import read_ringkas_jsonl
from ringkas.record import Article
from ringkas.runner.stages import RingkasStages, StageFactory
from ringkas.step import BatchStep, Step


class FakeCleaner(Step):
    name = "clean"

    def process(self, article: Article) -> Article:
        lines = [ln for ln in article.text.splitlines() if not ln.lower().startswith("baca juga")]
        article.text = "\n".join(lines).strip()
        if not article.text:
            return article.reject("clean", "empty_after_cleaning")
        if article.text.startswith("The "):
            return article.reject("clean", "not_indonesian", "en")
        article.lang = "id"
        article.add_provenance("clean", {"cleaner": "fake"})
        return article


class FakeTranslator(BatchStep):
    name = "translate"
    batch_size = 8

    def process_batch(self, articles: list[Article]) -> list[Article]:
        if os.environ.get("RINGKAS_FAKE_MISSING"):
            from ringkas.models.hub import ModelNotFoundError

            raise ModelNotFoundError("model 'fake-mt' could not be loaded (test)")
        if any("POISON" in a.text for a in articles):
            raise ValueError("poisoned text")
        for article in articles:
            article.title_en = "EN " + (article.title or "")
            article.text_en = " ".join(reversed(article.text.split()))
            article.add_provenance("translate", {"model": "fake-mt", "revision": "1"})
        return articles

    def provenance(self) -> dict:
        return {"model": "fake-mt", "revision": "1"}


class FakeSummariser(Step):
    name = "summarise"

    def process(self, article: Article) -> Article:
        article.brief = (article.text_en or "").split(".")[0][:120]
        article.headline_en = (article.title_en or "").upper()
        if len(article.brief) < 10:
            article.flag("short_brief")
        article.add_provenance("summarise", {"method": "fake-lead"})
        return article

    def provenance(self) -> dict:
        return {"method": "fake-lead"}


class _SlowStep(Step):
    """Sleeps once per unit (the runner calls each stage once per unit)."""

    name = "delay"

    def __call__(self, articles):
        delay = float(os.environ.get("RINGKAS_FAKE_DELAY", "0"))
        if delay:
            time.sleep(delay)
        return iter(articles)


class FakeStages(StageFactory):
    def read(self, path: str) -> Iterator[Article]:
        return read_ringkas_jsonl(Path(path))

    def clean_steps(self, template=None) -> list[Step]:
        return [FakeCleaner()] if self.spec["clean"]["enabled"] else []

    def model_stage_names(self) -> list[str]:
        return [n for n in ("translate", "summarise") if self.spec[n]["enabled"]]

    def create_stage(self, name: str) -> list[Step]:
        loads = os.environ.get("RINGKAS_FAKE_LOADS")
        if loads:
            with open(loads, "a", encoding="utf-8") as handle:
                handle.write(f"{name} {os.getpid()}\n")
        if str(self.spec[name].get("model") or "").endswith("-not-on-node"):  # a model the node does not have
            from ringkas.models.hub import ModelNotFoundError

            raise ModelNotFoundError(f"model 'fake-{name}' is not in this node's cache (test)")
        if name == "translate":
            return [_SlowStep(), FakeTranslator()]
        return [FakeSummariser()]

    def provenance(self) -> dict:
        return {name: steps[-1].provenance() for name, steps in self._built.items()}



class RealInputStages(FakeStages, RingkasStages):
    """The real readers (every format, URLs too), their input checks and the packaged cleaner; the
    stand-in model stages after them."""

    read = RingkasStages.read
    clean_steps = RingkasStages.clean_steps
    stage_uses_gpu = StageFactory.stage_uses_gpu

    def check(self) -> None:
        """No model to look for."""
