"""A job's sections: every key is a field of a settings class, declared once with ``ringkas.options.setting``.

:data:`SECTIONS` lists, per section, the classes whose fields are its keys: the job's own
(:mod:`ringkas.runner.settings`) and the stages' settings. The job schema is generated from them
(:func:`section_rules`), and a model stage's section becomes the arguments of ``build_translator`` /
``SummariserSettings.from_options`` as it stands (:func:`stage_arguments`): no key is picked by hand, so a new
setting is a job key the moment it is declared.
"""

from __future__ import annotations

from typing import Any

from ringkas.clean.settings import CleanSettings
from ringkas.options import option_names, schema_rules
from ringkas.runner.settings import (
    CleanJob,
    ClusterJob,
    DedupeSettings,
    InputSettings,
    OutputSettings,
    RunSettings,
    SummariseJob,
    TranslateJob,
)
from ringkas.stories.settings import StorySettings
from ringkas.summarise.settings import Generation, SummariserSettings
from ringkas.translate.settings import TranslationSettings, TranslatorModel

# The settings a model stage is built from (its section's keys less the job's own: enabled, options, per).
STAGES: dict[str, tuple[type, ...]] = {
    "translate": (TranslatorModel, TranslationSettings),
    "summarise": (SummariserSettings, Generation),
}
# Every section, in the order the keys are listed, and the classes whose fields are its keys.
SECTIONS: dict[str, tuple[type, ...]] = {
    "input": (InputSettings,),
    "clean": (CleanJob, CleanSettings),
    "translate": (TranslateJob, *STAGES["translate"]),
    "summarise": (SummariseJob, *STAGES["summarise"]),
    "dedupe": (DedupeSettings,),
    "cluster": (ClusterJob, StorySettings),
    "output": (OutputSettings,),
    "run": (RunSettings,),
}


def section_rules(section: str) -> dict[str, dict[str, Any]]:
    """The job-schema rules of ``section``, one per declared field of its classes."""
    return schema_rules(*SECTIONS[section])


def stage_arguments(name: str, section: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments resolved section ``name`` builds its step with: the keys its settings classes
    declare (not the job's own, such as ``enabled`` or ``summarise.per``), ``options`` merged in last."""
    declared = set(option_names(*STAGES[name]))
    arguments = {k: v for k, v in section.items() if k in declared}
    arguments.update(section.get("options", {}))
    return arguments
