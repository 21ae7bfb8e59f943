"""The batch runner: a job spec in, briefs, rejects, a manifest and a digest out.

``run_job(spec_or_path, overrides=(), force=False, shard=None, engine=None) -> RunResult`` is the library
entry point (``ringkas run`` is a thin layer over it); ``merge_outputs`` joins shard outputs
(``ringkas merge``). See ``ringkas.runner.sections`` for every job key (docs/runner.md lists them).
"""

from importlib import import_module
from typing import Any

# Loaded when first asked for, so a command that only declares its flags from the job's settings
# (ringkas.runner.settings) does not load the runner.
_EXPORTS = {"RunResult": "ringkas.runner.job", "run_job": "ringkas.runner.job",
            "merge_outputs": "ringkas.runner.merge", "JobSpec": "ringkas.runner.spec",
            "load_spec": "ringkas.runner.spec"}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["JobSpec", "RunResult", "load_spec", "merge_outputs", "run_job"]
