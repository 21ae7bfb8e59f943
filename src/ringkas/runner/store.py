"""Durable job state under ``OUTPUT/_work``: files that survive SIGKILL.

Every file is written to a temporary name, fsynced and renamed into place (:mod:`ringkas.files`), so a file
either exists whole or not at all; the rename of a unit's result is that unit's commit. Layout::

    _work/job.json                 job fingerprint and shard (a resumed run must match it)
    _work/plan/plan.json           written last: the plan is complete
    _work/plan/units/u000000.jsonl  unique accepted articles, a unit per file, input order
    _work/plan/duplicates.jsonl     near-duplicates and the article each repeats
    _work/plan/rejects.jsonl        inputs refused while reading and cleaning
    _work/done/u000000.json         a unit's stats (timings, models), written before its result
    _work/done/u000000.jsonl        a unit after the model stages: the commit
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ringkas.files import atomic_write, fsync_dir, write_json
from ringkas.jsonl import dumps
from ringkas.record import Article, Rejection


def to_row(article: Article) -> dict[str, Any]:
    """An Article with its rejection, as one JSON object (``to_dict`` leaves the rejection out)."""
    row = article.to_dict()
    if article.rejection is not None:
        row["_rejection"] = article.rejection.to_dict()
    return row


def from_row(row: dict[str, Any]) -> Article:
    rejection = row.pop("_rejection", None)
    article = Article.from_dict(row)
    if rejection:
        article.rejection = Rejection(**rejection)
    return article


def read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def iter_rows(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def row_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield dumps(row) + "\n"


class WorkDir:
    """The ``_work`` folder of one output directory."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.root = self.out_dir / "_work"
        self.plan = self.root / "plan"
        self.plan_tmp = self.root / "plan.tmp"
        self.done = self.root / "done"

    @property
    def job_file(self) -> Path:
        return self.root / "job.json"

    def plan_complete(self) -> bool:
        return (self.plan / "plan.json").exists()

    def unit_path(self, unit: int, root: Path | None = None) -> Path:
        return (root or self.plan) / "units" / f"u{unit:06d}.jsonl"

    def result_path(self, unit: int) -> Path:
        return self.done / f"u{unit:06d}.jsonl"

    def stats_path(self, unit: int) -> Path:
        return self.done / f"u{unit:06d}.json"

    def unit_done(self, unit: int) -> bool:
        return self.result_path(unit).exists()

    def commit_unit(self, unit: int, articles: list[Article], stats: dict[str, Any]) -> None:
        """Stats first, then the result: the result's rename is the commit."""
        write_json(self.stats_path(unit), stats)
        atomic_write(self.result_path(unit), row_lines(to_row(a) for a in articles))

    def reset_plan(self) -> None:
        shutil.rmtree(self.plan_tmp, ignore_errors=True)
        self.plan_tmp.mkdir(parents=True)

    def publish_plan(self) -> None:
        os.replace(self.plan_tmp, self.plan)
        fsync_dir(self.root)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
