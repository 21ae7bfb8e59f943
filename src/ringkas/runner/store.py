"""Durable job state under ``OUTPUT/_work``: files that survive SIGKILL.

Every file is written to a temporary name, fsynced and renamed into place (:mod:`ringkas.files`), so a file
either exists whole or not at all; the rename of a unit's result is that unit's commit. Layout::

    _work/job.json                 job fingerprint, shard and identity (a resumed run must match it)
    _work/runs.jsonl               one line per invocation, appended and fsynced
    _work/plan/plan.json           written last: the plan is complete; each unit's article count and ids
    _work/plan/units/u000000.jsonl  unique accepted articles, a unit per file, input order
    _work/plan/duplicates.jsonl     near-duplicates and the article each repeats
    _work/plan/rejects.jsonl        inputs refused while reading and cleaning
    _work/done/u000000.json         a unit's stats (timings, models), written before its result
    _work/done/u000000.jsonl        a unit after the model stages: the commit
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ringkas.errors import ConfigError
from ringkas.files import atomic_write, fsync_dir, write_json
from ringkas.jsonl import dumps
from ringkas.record import Article, Rejection

log = logging.getLogger(__name__)


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


def ids_digest(ids: Iterable[str]) -> str:
    """A short hash of a unit's article ids in order: what the plan says the unit holds."""
    digest = hashlib.sha1()
    for article_id in ids:
        digest.update(str(article_id).encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()[:16]


def unit_matches(path: Path, articles: int, ids: str) -> bool:
    """Whether the unit file at ``path`` holds exactly ``articles`` whole records with the planned ids."""
    try:
        rows = list(iter_rows(path))
    except (OSError, UnicodeDecodeError, ValueError):  # ValueError: JSONDecodeError, a half line
        return False
    return (len(rows) == articles and all(isinstance(r, dict) and "id" in r for r in rows)
            and ids_digest(r["id"] for r in rows) == ids)


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

    def read_state(self, path: Path, what: str) -> Any:
        """JSON state from ``path``; a damaged file is a message naming it, not a ``JSONDecodeError``."""
        try:
            return read_json(path)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ConfigError(f"{what} {path} is damaged ({type(exc).__name__}: {exc}); the unfinished run "
                              f"in {self.out_dir} cannot resume: --force starts over") from None

    def read_plan(self) -> dict[str, Any] | None:
        """The published plan if it is whole and its units are as it describes them; else None."""
        try:
            plan = read_json(self.plan / "plan.json")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            log.warning("the plan %s is damaged (%s): planning again", self.plan / "plan.json", exc)
            return None
        units = plan.get("unit_articles") if isinstance(plan, dict) else None
        if not isinstance(units, list) or len(units) != plan.get("units") or \
                len(plan.get("unit_ids", [])) != len(units):
            log.warning("the plan %s is damaged or from an older ringkas: planning again", self.plan)
            return None
        for unit, (articles, ids) in enumerate(zip(units, plan["unit_ids"])):
            if not unit_matches(self.unit_path(unit), articles, ids):
                log.warning("unit %s of the plan is damaged: planning again", self.unit_path(unit))
                return None
        return plan

    def discard_bad_units(self, plan: dict[str, Any]) -> list[int]:
        """Remove committed units whose result or stats do not match the plan, so they are recomputed."""
        bad = []
        for unit, (articles, ids) in enumerate(zip(plan["unit_articles"], plan["unit_ids"])):
            if not self.unit_done(unit):
                continue
            if unit_matches(self.result_path(unit), articles, ids) and _stats_whole(self.stats_path(unit)):
                continue
            log.warning("committed unit %s is damaged: computing it again", self.result_path(unit))
            self.result_path(unit).unlink(missing_ok=True)
            self.stats_path(unit).unlink(missing_ok=True)
            bad.append(unit)
        for stray in self.done.glob("u*.json*") if self.done.is_dir() else []:
            if not stray.stem[1:].isdigit() or int(stray.stem[1:]) >= plan["units"]:
                stray.unlink(missing_ok=True)  # from a plan with more units than this one
        return bad

    def reset_plan(self) -> None:
        shutil.rmtree(self.plan_tmp, ignore_errors=True)
        self.plan_tmp.mkdir(parents=True)

    def publish_plan(self) -> None:
        os.replace(self.plan_tmp, self.plan)
        fsync_dir(self.root)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _stats_whole(path: Path) -> bool:
    try:
        stats = read_json(path)
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(stats, dict) and isinstance(stats.get("timings"), dict) and "articles" in stats
