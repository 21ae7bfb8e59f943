"""The batch runner: a job spec in, briefs, rejects, a manifest and a digest out.

``run_job(spec_or_path, overrides=(), force=False, shard=None, engine=None) -> RunResult`` is the library
entry point (``ringkas run`` is a thin layer over it); ``merge_outputs`` joins shard outputs
(``ringkas merge``). See ``ringkas.runner.sections`` for every job key (docs/runner.md lists them).
"""

from ringkas.runner.job import RunResult, run_job
from ringkas.runner.merge import merge_outputs
from ringkas.runner.spec import JobSpec, load_spec

__all__ = ["JobSpec", "RunResult", "load_spec", "merge_outputs", "run_job"]
