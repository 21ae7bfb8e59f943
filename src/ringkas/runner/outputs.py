"""Assemble a job's outputs from its committed units: briefs, rejects, Parquet, digest.

Units, near-duplicate links and the plan's rejects are each in input order, so one streaming merge by
input position writes ``briefs.jsonl`` and ``rejects.jsonl`` in the order of the feed; a near-duplicate
gets a copy of its canonical article's English fields and brief, linked by ``duplicate_of``.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ringkas.files import atomic_files
from ringkas.record import Article
from ringkas.runner.store import WorkDir, from_row, iter_rows
from ringkas.writers.schema import brief_record, reject_record

COPIED_FIELDS = ("title_en", "text_en", "headline_en", "brief")


@dataclass
class Tally:
    """Counts for the manifest, gathered while the outputs are written."""

    accepted: int = 0
    duplicates: int = 0
    flagged: int = 0
    rejected: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)

    def add_brief(self, record: dict[str, Any]) -> None:
        self.accepted += 1
        self.duplicates += "duplicate_of" in record
        self.flagged += bool(record.get("flags"))
        self.flags.update(record.get("flags", []))

    def add_reject(self, record: dict[str, Any]) -> None:
        self.rejected[f"{record['stage']}/{record['reason']}"] += 1

    def update(self, other: Tally) -> None:
        self.accepted += other.accepted
        self.duplicates += other.duplicates
        self.flagged += other.flagged
        self.rejected.update(other.rejected)
        self.flags.update(other.flags)

    def counts(self) -> dict[str, Any]:
        """The manifest's counts that the output files alone decide."""
        return {"accepted": self.accepted, "duplicates": self.duplicates,
                "rejected": sum(self.rejected.values()), "rejected_by_reason": dict(sorted(self.rejected.items())),
                "flagged": self.flagged, "flags": dict(sorted(self.flags.items()))}


def _tagged(rows: Iterator[dict[str, Any]], tag: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
    for row in rows:
        seq = row["seq"] if tag == "reject" else row["metadata"]["job"]["seq"]
        yield seq, tag, row


def _unit_rows(work: WorkDir, units: int) -> Iterator[dict[str, Any]]:
    for unit in range(units):
        yield from iter_rows(work.result_path(unit))


def merged_records(work: WorkDir, units: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """``("brief" | "reject", line)`` for every input record of this run, in input order."""
    from ringkas.provenance import ringkas_signature

    signature = ringkas_signature()
    # Kept only until a story's last duplicate has been written, so memory follows the open groups.
    waiting = Counter(row["metadata"]["duplicate_of"] for row in iter_rows(work.plan / "duplicates.jsonl"))
    canonical: dict[str, Article] = {}
    streams = [_tagged(_unit_rows(work, units), "unit"),
               _tagged(iter_rows(work.plan / "duplicates.jsonl"), "duplicate"),
               _tagged(iter_rows(work.plan / "rejects.jsonl"), "reject")]
    for _seq, tag, row in heapq.merge(*streams, key=lambda item: item[0]):
        if tag == "reject":
            yield "reject", row
            continue
        article = from_row(row)
        if tag == "unit" and waiting[article.id]:
            canonical[article.id] = article
        if tag == "duplicate":
            story = article.metadata["duplicate_of"]
            _copy_from_canonical(article, canonical.get(story))
            waiting[story] -= 1
            if not waiting[story]:
                canonical.pop(story, None)
        if article.rejected:
            yield "reject", reject_record(article, article.metadata.get("job", {}).get("seq"))
        else:
            yield "brief", brief_record(article, signature)


def _copy_from_canonical(article: Article, source: Article | None) -> None:
    """A near-duplicate takes its story's translation and brief, or its story's fate."""
    if source is None or source.rejected:
        article.reject("dedupe", "canonical_rejected", f"duplicate of {article.metadata['duplicate_of']}")
        return
    for name in COPIED_FIELDS:
        setattr(article, name, getattr(source, name))
    for code in source.flags:
        article.flag(code)
    if "check" in source.metadata:  # what the translation checks found belongs with the copied translation
        article.metadata["check"] = source.metadata["check"]
    article.flag("near_duplicate")
    provenance = dict(source.metadata.get("provenance", {}))
    provenance.update(article.metadata.get("provenance", {}))  # its own cleaning record stays its own
    article.metadata["provenance"] = provenance


def write_outputs(work: WorkDir, out_dir: Path, units: int, formats: list[str]) -> Tally:
    """Write ``briefs.jsonl`` and ``rejects.jsonl`` (each atomically) and the Parquet copy; return the counts."""
    from ringkas.jsonl import dumps

    tally = Tally()
    paths = {"brief": out_dir / "briefs.jsonl", "reject": out_dir / "rejects.jsonl"}
    with atomic_files(paths.values()) as (briefs, rejects):
        handles = {"brief": briefs, "reject": rejects}
        for kind, record in merged_records(work, units):
            (tally.add_brief if kind == "brief" else tally.add_reject)(record)
            handles[kind].write(dumps(record) + "\n")
    if "parquet" in formats:
        from ringkas.writers.parquet import write_briefs_parquet

        write_briefs_parquet(out_dir / "briefs.jsonl", out_dir / "briefs.parquet")
    return tally
