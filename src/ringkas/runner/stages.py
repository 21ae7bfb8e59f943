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

from ringkas.errors import ConfigError, InputError
from ringkas.models.runtime import Budget
from ringkas.options import option_names, refuse_unknown
from ringkas.record import Article
from ringkas.runner.sections import stage_arguments
from ringkas.runner.spec import JobSpec
from ringkas.step import Step


class StageFactory:
    """Builds the stages of one job. Subclasses fill :meth:`read`, :meth:`clean_steps` and the model stages."""

    def __init__(self, spec: JobSpec, budget: Budget | None = None):
        self.spec = spec
        self.budget = budget  # the CPUs and GPUs each model may use (a Ray actor's share); None: the machine
        self._built: dict[str, list[Step]] = {}
        self._model_steps: dict[str, Any] = {}  # stage name -> its model step (provenance)
        self._load_seconds: dict[str, float] = {}

    # --- reading and cleaning: cheap, run in the driver -------------------------------------------------
    def read(self, path: str) -> Iterator[Article]:
        raise NotImplementedError

    def clean_steps(self, template: Any = None) -> list[Step]:
        """The cleaner's steps; ``template``: each site's recurring blocks, learnt over the whole input."""
        raise NotImplementedError

    def story_assigner(self) -> Any:
        """The clustering step that gives each accepted article its story (run once over the whole input, in
        the driver), or None when the job does not group articles into stories (``cluster.enabled``)."""
        section = self.spec["cluster"]
        if not section["enabled"]:
            return None
        from ringkas.stories import StoryAssigner, StorySettings

        state = section.get("state")
        if state is None:  # one per spec file; a spec built in code has none (unrelated jobs would share one)
            from ringkas.runner.job_state import job_state_file

            state = str(job_state_file(self.spec, "stories", ".jsonl") or "")
        arguments = {k: v for k, v in section.items() if k in option_names(StorySettings)}  # not `enabled`
        settings = StorySettings(**{**arguments, "encoder": dict(section["encoder"]), "state": state or None})
        return StoryAssigner(settings)

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
            steps = self.create_stage(name)
            if self.spec["cluster"]["enabled"] and self.spec["summarise"]["per"] == "story":
                from ringkas.stories.steps import leads_only

                steps = leads_only(name, steps)  # a story's other articles: title only
            self._built[name] = steps
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

    def execution(self) -> dict[str, Any]:
        """How this process runs the models built so far (exact device, threads, compute budget), per
        stage, for the manifest's ``runtime``; never in a record."""
        return {}


class RingkasStages(StageFactory):
    """The real stages: ``ringkas.readers``, ``ringkas.clean``, ``ringkas.translate``, ``ringkas.summarise``,
    arranged as the job's pipeline declares (:mod:`ringkas.pipelines`)."""

    def read(self, path: str) -> Iterator[Article]:
        from ringkas.readers import read_articles

        section = self.spec["input"]
        return read_articles(path, format=section.get("format"), **section["options"])

    def clean_steps(self, template: Any = None) -> list[Step]:
        section = self.spec["clean"]
        if not section["enabled"]:
            return []
        from ringkas.clean import build_cleaner

        options = {k: v for k, v in section.items() if k != "enabled"}
        return list(build_cleaner(**options, template=template))

    def _plans(self) -> list[Any]:
        from ringkas.pipelines import stage_plans

        return stage_plans(self.spec["summarise"]["pipeline"], translate=self.spec["translate"]["enabled"],
                           summarise=self.spec["summarise"]["enabled"])

    def model_stage_names(self) -> list[str]:
        return [plan.name for plan in self._plans()]

    def create_stage(self, name: str) -> list[Step]:
        """The steps of stage ``name`` as the pipeline declares them (:func:`stage_plans`), building only
        this stage's model: a Ray translator actor never loads the summariser."""
        from ringkas.pipelines import TRANSLATOR, build_stage

        plan = next((p for p in self._plans() if p.name == name), None)
        if plan is None:
            raise ConfigError(f"unknown model stage {name!r}")
        steps = build_stage(plan, self.translator, self.summariser)
        if plan.model_step.role == TRANSLATOR:
            model_step = steps[plan.steps.index(plan.model_step)]
            model_step.provenance()  # loads the model now: a missing model stops the job here, not per record
        self._model_steps[name] = steps[plan.steps.index(plan.model_step)]
        return steps

    def translator(self, fields: dict[str, str] | None = None) -> Any:
        from ringkas.translate import build_translator

        arguments = stage_arguments("translate", self.spec["translate"])
        return build_translator(fields=fields, budget=self.budget, **arguments)

    def summariser(self) -> Any:
        from ringkas.summarise import summariser_from

        return summariser_from(self.summariser_settings(), self.budget)

    def summariser_settings(self) -> Any:
        """The ``[summarise]`` section as validated settings (a mistake is a ConfigError, nothing loads)."""
        from ringkas.summarise.settings import SummariserSettings

        return SummariserSettings.from_options(**stage_arguments("summarise", self.spec["summarise"]))

    def stage_uses_gpu(self, name: str) -> bool:
        from ringkas.summarise.settings import EXTRACTIVE

        section = self.spec[name]
        if name == "summarise" and section.get("method") in EXTRACTIVE:
            return False  # lead / textrank: no model
        return section.get("device") != "cpu"

    def check(self) -> None:
        from ringkas.models.hub import check_models

        checks = []  # every model of the job in one pass: all the missing ones are reported together
        if self.spec["translate"]["enabled"]:
            checks.append(("translate.model", self._check_translator))
        self._plans()  # a pipeline that needs a stage the job switched off
        if self.spec["summarise"]["enabled"]:
            # builds without weights: options, prompts, the model's config, the backend
            checks.append(("summarise.model", self.summariser))
        check_models(checks)

    def _check_translator(self) -> None:
        from ringkas.models.hub import read_config, resolve_model

        self.translator()  # builds lazily: checks backend and settings, loads no weights
        section = self.spec["translate"]
        # the config alone (kilobytes): a model missing from the cache is reported before any work
        read_config(resolve_model(section["model"], revision=section.get("revision")))

    def check_input(self) -> None:
        if "feeds" not in self.spec["input"]:  # fetched pages are checked as they are fetched
            self._check_reader()
        self.clean_steps()  # a patterns file, language codes: refused now, not on the first record

    def _check_reader(self) -> None:
        import inspect

        from ringkas.readers import READERS

        section = self.spec["input"]
        paths = self.spec.input_paths()
        if section.get("format") != "hf":
            missing = [p for p in paths if not _input_exists(p, section["options"])]
            if missing:
                raise ConfigError(f"input.path: {', '.join(missing)} does not exist")
        options = section["options"]
        for name in {section.get("format")} if section.get("format") else {_format_of(p) for p in paths}:
            parameters = inspect.signature(READERS.get(name)).parameters.values()
            known = {p.name for p in parameters if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)} - {"path"}
            refuse_unknown(options, known, f"option(s) of the {name} reader (input.options)")


    def provenance(self) -> dict[str, Any]:
        return {name: step.provenance() for name, step in self._model_steps.items()}

    def execution(self) -> dict[str, Any]:
        return {name: step.execution() for name, step in self._model_steps.items()}


def _input_exists(path: str, options: dict[str, Any]) -> bool:
    from ringkas.readers.remote import is_remote, remote_exists

    if is_remote(path):
        return remote_exists(path, options.get("storage_options"))
    return Path(path).exists()


def load_factory(spec: JobSpec, budget: Budget | None = None) -> StageFactory:
    """The factory ``[run] stages`` names, built for ``spec`` and the compute ``budget`` of its models."""
    target = spec["run"]["stages"]
    module_name, _, attr = target.partition(":")
    try:
        factory_class = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"run.stages = {target!r} cannot be imported: {exc}") from None
    if not (isinstance(factory_class, type) and issubclass(factory_class, StageFactory)):
        raise ConfigError(f"run.stages = {target!r} is not a stage factory (a subclass of "
                          "ringkas.runner.stages.StageFactory)")
    return factory_class(spec, budget)


def _format_of(path: str) -> str:
    """The reader for ``path``; a job has no --format flag, so the message names ``input.format``."""
    from ringkas.readers import READERS, detect_format

    try:
        return detect_format(path)
    except InputError:
        raise ConfigError(f"input.path {path}: cannot tell the format from its extension; set input.format "
                          f"({', '.join(READERS.names())})") from None


def check_stories(factory: StageFactory) -> None:
    """What a job that groups its articles into stories needs before any work, whatever its stages: the
    sentence encoder's package and the pair model (the cluster step runs in the plan, on the driver)."""
    stories = factory.story_assigner()
    if stories is not None:
        without = "or run without stories: --set cluster.enabled=false"
        meaning = _meaning_checks_on(factory.spec)
        if meaning:  # they load the same encoder: without it, turning stories off alone is not enough
            without += " and without the meaning checks, which use the same encoder: " + " ".join(
                f"--set {key}=false" for key in meaning)
        stories.check(without=without)


def _meaning_checks_on(spec: JobSpec) -> list[str]:
    """The job keys of the meaning checks this job runs (each loads the sentence encoder)."""
    from ringkas.encode.settings import meaning_checks_default

    keys = [("translate", "check_meaning"), ("summarise", "check_support")]
    return [f"{section}.{key}" for section, key in keys if spec[section]["enabled"]
            and (spec[section].get(key) if spec[section].get(key) is not None else meaning_checks_default())]


def check_inputs(factory: StageFactory) -> None:
    """What every job's input must pass before any work, whatever its stages: ``input.path`` names
    something (``""`` would read the working folder), and each file's first records are readable (not one
    of them means the wrong file or format). A job with ``feeds`` reads pages it fetches itself."""
    from ringkas.readers import detect_format
    from ringkas.readers.probe import RECORD_FORMATS, readable_records

    section = factory.spec["input"]
    if "feeds" in section:
        return
    named = [section["path"]] if isinstance(section["path"], str) else section["path"]
    if not named or any(not str(p).strip() for p in named):
        raise ConfigError('input.path is empty: name a file, folder or glob ("" would read the working folder)')
    if section.get("format") == "hf":
        return  # a dataset is opened (and maybe downloaded) by the plan, not twice
    for path in factory.spec.input_paths():
        try:
            format = section.get("format") or detect_format(path)
        except InputError:
            continue  # the factory's reader decides (the real one has said so already)
        if format not in RECORD_FORMATS or not Path(path).is_file():
            continue  # a missing one is the factory's message; a feed or folder file is one record
        records = factory.read(path)
        try:
            readable_records(records, path, "records of its format")
        except InputError as exc:
            raise ConfigError(f"input.path: {exc} (input.format sets the format)") from None
        finally:
            close = getattr(records, "close", None)
            if close is not None:
                close()
