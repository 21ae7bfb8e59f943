"""The one seam between the runner and the stages it orchestrates.

A job names its stage factory in ``[run] stages`` (``module:attr``, default :class:`RingkasStages`). The
runner asks the factory for a reader, the cleaning steps and the model stages by name; a model stage is
built the first time it is asked for and kept, so models load once per process and a stage no unit needs
is never loaded. Ray actors build the same factory from the resolved spec and ask it for one stage each.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ringkas.errors import ConfigError
from ringkas.record import Article
from ringkas.runner.spec import EXTRACTIVE, JobSpec
from ringkas.step import Step


class StageFactory:
    """Builds the stages of one job. Subclasses fill :meth:`read`, :meth:`clean_steps` and the model stages."""

    def __init__(self, spec: JobSpec):
        self.spec = spec
        self._built: dict[str, list[Step]] = {}
        self._load_seconds: dict[str, float] = {}

    # --- reading and cleaning: cheap, run in the driver -------------------------------------------------
    def read(self, path: str) -> Iterator[Article]:
        raise NotImplementedError

    def clean_steps(self) -> list[Step]:
        raise NotImplementedError

    # --- model stages: built lazily, once per process -----------------------------------------------------
    def model_stage_names(self) -> list[str]:
        """The model stages in the order records go through them (e.g. ``["translate", "summarise"]``)."""
        raise NotImplementedError

    def create_stage(self, name: str) -> list[Step]:
        """Build stage ``name`` (load its model). Called at most once per name per process."""
        raise NotImplementedError

    def stage(self, name: str) -> list[Step]:
        if name not in self._built:
            start = time.perf_counter()
            self._built[name] = self.create_stage(name)
            self._load_seconds[name] = round(time.perf_counter() - start, 4)
        return self._built[name]

    def take_load_seconds(self) -> dict[str, float]:
        """Seconds spent building (loading) stages since the last call, so each load is counted once."""
        taken, self._load_seconds = self._load_seconds, {}
        return taken

    def stage_uses_gpu(self, name: str) -> bool:
        """Whether a Ray actor for ``name`` should ask for a GPU."""
        return False

    def check(self) -> None:
        """Fail now, before any work, on settings a stage refuses (without loading a model)."""

    def check_input(self) -> None:
        """Fail now, before any work, on inputs that do not exist and reader or cleaner settings refused."""

    def provenance(self) -> dict[str, Any]:
        """Model ids, revisions and settings of the stages built so far, for the manifest."""
        return {}


class RingkasStages(StageFactory):
    """The real stages: ``ringkas.readers``, ``ringkas.clean``, ``ringkas.translate``, ``ringkas.summarise``."""

    def read(self, path: str) -> Iterator[Article]:
        from ringkas.readers import read_articles

        section = self.spec["input"]
        return read_articles(path, format=section.get("format"), **section["options"])

    def clean_steps(self) -> list[Step]:
        section = self.spec["clean"]
        if not section["enabled"]:
            return []
        from ringkas.clean import build_cleaner

        options = {k: v for k, v in section.items() if k != "enabled"}
        return list(build_cleaner(**options))

    def model_stage_names(self) -> list[str]:
        translate, summarise = self.spec["translate"]["enabled"], self.spec["summarise"]["enabled"]
        order = ["translate", "summarise"]
        if self.spec["summarise"]["pipeline"] == "summarise-then-translate":
            order.reverse()  # direct translates the title first, for the headline
        return [n for n in order if {"translate": translate, "summarise": summarise}[n]]

    def create_stage(self, name: str) -> list[Step]:
        """The steps of stage ``name`` in the job's pipeline, building only this stage's model.

        ``pipeline_steps`` arranges the translator and the summariser (field mappings, brief bullets); the
        other stage's object is a stand-in here, so a Ray translator actor never loads the summariser.
        """
        if name not in ("translate", "summarise"):
            raise ConfigError(f"unknown model stage {name!r}")
        translate_on, summarise_on = self.spec["translate"]["enabled"], self.spec["summarise"]["enabled"]
        translator = (self.translator() if name == "translate" else _StandIn("translate")) if translate_on else None
        if name == "translate":
            translator.provenance()  # loads the model now: a missing model stops the job here, not per record
        if not summarise_on:
            return [translator]
        summariser = self.summariser() if name == "summarise" else _StandIn("summarise", self.spec["summarise"])
        from ringkas.summarise.pipelines import pipeline_steps

        steps = pipeline_steps(self.spec["summarise"]["pipeline"], translator, summariser)
        return _steps_of(name, steps, summariser)

    def translator(self) -> Any:
        from ringkas.translate import build_translator

        section = self.spec["translate"]
        settings = {k: section[k] for k in ("max_new_tokens", "num_beams", "batch_tokens") if k in section}
        settings.update(section["options"])
        return build_translator(section["model"], backend=section["backend"], device=section["device"],
                                revision=section.get("revision"), **settings)

    def summariser(self) -> Any:
        from ringkas.summarise import build_summariser

        return build_summariser(device=self.spec["summarise"]["device"], **self._summariser_arguments())

    def _summariser_arguments(self) -> dict[str, Any]:
        section = self.spec["summarise"]
        settings = {k: section[k] for k in ("max_new_tokens", "num_beams") if k in section}
        settings.update(section["options"])
        settings.setdefault("pipeline", section["pipeline"])
        return {"method": section.get("method"), "model": section.get("model"), "prompt": section.get("prompt"),
                "revision": section.get("revision"), **settings}

    def stage_uses_gpu(self, name: str) -> bool:
        section = self.spec[name]
        if name == "summarise" and (section.get("method") in EXTRACTIVE
                                    or not (section.get("model") or section.get("method"))):
            return False  # lead / textrank (the default without a model): no model
        return section.get("device") != "cpu"

    def check(self) -> None:
        from ringkas.models.hub import check_models

        checks = []  # every model of the job in one pass: all the missing ones are reported together
        if self.spec["translate"]["enabled"]:
            checks.append(("translate.model", self._check_translator))
        if self.spec["summarise"]["enabled"]:
            from ringkas.summarise import preflight

            checks.append(("summarise.model", lambda: preflight(**self._summariser_arguments())))
        check_models(checks)

    def _check_translator(self) -> None:
        from ringkas.models.hub import load_config, resolve_model

        self.translator()  # builds lazily: checks backend and settings, loads no weights
        section = self.spec["translate"]
        # the config alone (kilobytes): a model missing from the cache is reported before any work
        load_config(resolve_model(section["model"], revision=section.get("revision")))

    def check_input(self) -> None:
        if "feeds" not in self.spec["input"]:  # fetched pages are checked as they are fetched
            self._check_reader()
        self.clean_steps()  # a patterns file, language codes: refused now, not on the first record

    def _check_reader(self) -> None:
        import inspect

        from ringkas.readers import READERS, detect_format

        section = self.spec["input"]
        paths = self.spec.input_paths()
        if section.get("format") != "hf":
            missing = [p for p in paths if not Path(p).exists()]
            if missing:
                raise ConfigError(f"input.path: {', '.join(missing)} does not exist")
        options = section["options"]
        for name in {section.get("format")} if section.get("format") else {detect_format(p) for p in paths}:
            parameters = inspect.signature(READERS.get(name)).parameters.values()
            known = {p.name for p in parameters if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)} - {"path"}
            unknown = sorted(set(options) - known)
            if unknown:
                raise ConfigError(f"input.options: the {name} reader takes no {', '.join(unknown)} "
                                  f"(it takes {', '.join(sorted(known)) or 'no options'})")

    def provenance(self) -> dict[str, Any]:
        out = {}
        for name, steps in self._built.items():
            for step in steps:  # the stage's model step comes first; helpers after it have no model
                info = getattr(step, "provenance", None)
                if callable(info):
                    out[name] = info()
                    break
        return out


class _StandIn:
    """Takes the place of the model stage another process runs, so ``pipeline_steps`` can arrange both.

    It carries only what arranging reads (a summariser's method and source field, a translator's fields);
    its steps are dropped by :func:`_steps_of` and it never runs.
    """

    def __init__(self, stage: str, section: dict[str, Any] | None = None):
        self.stage = stage
        self.fields: dict[str, str] = {}
        if section is not None:
            from ringkas.summarise.pipelines import source_field_for

            self.method = section.get("method") or "model"
            self.source_field = section["options"].get("source_field") or source_field_for(section["pipeline"])

    def __call__(self, articles: Any) -> Any:  # pragma: no cover - a stand-in is never run
        raise RuntimeError(f"the {self.stage} stand-in was asked to run")


def _steps_of(name: str, steps: list[Any], summariser: Any) -> list[Step]:
    """The steps of ``name``: each model step (the summariser, a translator) opens its stage and the
    helper steps after it (bullets to paragraphs and back) belong to that stage."""
    current, mine = None, []
    for step in steps:
        if step is summariser:
            current = "summarise"
        elif hasattr(step, "fields"):
            current = "translate"
        if current == name and not isinstance(step, _StandIn):
            mine.append(step)
    return mine


def load_factory(spec: JobSpec) -> StageFactory:
    """The factory ``[run] stages`` names, built for ``spec``."""
    target = spec["run"]["stages"]
    module_name, _, attr = target.partition(":")
    try:
        factory_class = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"run.stages = {target!r} cannot be imported: {exc}") from None
    if not (isinstance(factory_class, type) and issubclass(factory_class, StageFactory)):
        raise ConfigError(f"run.stages = {target!r} is not a stage factory (a subclass of "
                          "ringkas.runner.stages.StageFactory)")
    return factory_class(spec)
