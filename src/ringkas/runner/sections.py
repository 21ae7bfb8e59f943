"""A job's ``[translate]`` and ``[summarise]`` sections: their keys are the settings' own fields.

The schema of these sections is generated from the settings dataclasses (:func:`section_rules`), and a
section becomes the arguments of ``build_translator`` / ``SummariserSettings.from_options`` as it stands
(:func:`stage_arguments`): no key is picked by hand, so a new setting is a job key the moment it is declared.
"""

from __future__ import annotations

from typing import Any

from ringkas.options import option_names, schema_rules
from ringkas.summarise.settings import Generation, SummariserSettings
from ringkas.translate.settings import TranslationSettings, TranslatorModel

# The settings classes whose fields make each section's keys, in the order the keys are listed.
SECTIONS: dict[str, tuple[type, ...]] = {
    "translate": (TranslatorModel, TranslationSettings),
    "summarise": (SummariserSettings, Generation),
}
_JOB_ONLY = {
    "enabled": {"translate": "translate title and text into English (off: the summariser must write English "
                             "itself)",
                "summarise": "write briefs (off: translation only)"},
    "options": {"translate": "further translator settings (backend options such as `cache`, `ct2_cache`, "
                             "`threads`), passed through to `build_translator`",
                "summarise": "further summariser settings, passed through to `build_summariser`"},
}


def section_rules(section: str) -> dict[str, dict[str, Any]]:
    """The job-schema rules of ``section``: ``enabled``, one key per settings field, ``options``."""
    rules: dict[str, dict[str, Any]] = {"enabled": {"type": "bool", "default": True,
                                                    "help": _JOB_ONLY["enabled"][section]}}
    for settings_class in SECTIONS[section]:
        rules.update(schema_rules(settings_class))
    rules["options"] = {"type": "table", "default": {}, "help": _JOB_ONLY["options"][section]}
    return rules


def stage_arguments(name: str, section: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments resolved section ``name`` builds its step with: the keys its settings classes
    declare (not the job's own, such as ``enabled`` or ``summarise.per``), ``options`` merged in last."""
    declared = set(option_names(*SECTIONS[name]))
    arguments = {k: v for k, v in section.items() if k in declared}
    arguments.update(section.get("options", {}))
    return arguments
