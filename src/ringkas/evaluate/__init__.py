"""The evaluation harness: score systems' briefs and translations against references, with intervals and
paired significance tests, load benchmark suites, run pipelines over them and write reports.

- :mod:`ringkas.evaluate.metrics`: the metric registry (a file per family).
- :mod:`ringkas.evaluate.stats`: bootstrap intervals, paired bootstrap, approximate randomisation.
- :mod:`ringkas.evaluate.references`: reading references and system outputs.
- :mod:`ringkas.evaluate.scoring`: :func:`score_systems`, the whole comparison as one result.
- :mod:`ringkas.evaluate.suites`: suites as data files (local JSONL or Hugging Face datasets).
- :mod:`ringkas.evaluate.runs`: ``ringkas eval run``: run job specs over a suite, then score.
- :mod:`ringkas.evaluate.report`: ``report.md`` and a self-contained ``report.html``.
"""
