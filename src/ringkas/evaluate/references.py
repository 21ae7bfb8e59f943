"""Reading references and system outputs, and lining them up by id.

References: JSONL with ``id`` and ``summary`` (the reference English brief) and/or ``translation`` (a
reference English translation of the article), ``source`` (the Indonesian article) and ``title``. A reference
file is the yardstick, so a bad line there stops the evaluation with the line number instead of quietly
changing what is measured.

System outputs: a job's ``briefs.jsonl`` or any JSONL with ``id`` and ``brief`` (and ``text_en`` for the
translation metrics). Every reference id is scored: an id the system has no brief for scores 0 and is counted
as missing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ringkas.errors import InputError
from ringkas.jsonl import loads
from ringkas.readers.ringkas import read_ringkas_jsonl
from ringkas.record import Article

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reference:
    id: str
    summary: str | None = None
    translation: str | None = None
    source: str | None = None
    title: str | None = None
    event: str | None = None  # the real-world event the article reports (scored by the ``stories`` metric)


def reference_from_dict(data: dict, where: str) -> Reference:
    """A :class:`Reference` from one record; ``where`` names it in the error ("refs.jsonl line 3")."""
    ref_id, summary = data.get("id"), data.get("summary")
    if not isinstance(ref_id, (str, int)) or isinstance(ref_id, bool) or str(ref_id) == "":
        raise InputError(f"{where}: a reference needs an 'id'")
    optional = {key: data.get(key) for key in ("summary", "translation", "source", "title", "event")}
    for key, value in optional.items():
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: reference {ref_id!r} field {key!r} must be a string")
    if not (summary or "").strip() and not (optional["translation"] or "").strip() and not optional["event"]:
        raise InputError(f"{where}: reference {ref_id!r} has neither a 'summary' (reference brief) nor a "
                         "'translation' (reference English text) nor an 'event' (the event it reports)")
    optional["summary"] = summary if (summary or "").strip() else None
    return Reference(id=str(ref_id), **optional)


def load_references(path: Path) -> list[Reference]:
    """References from a JSONL file, in file order; duplicate ids and unusable lines are errors."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"reference file {path} does not exist")
    references = []
    with open(path, encoding="utf-8-sig") as handle:  # a BOM is not JSON
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path} line {number}: not valid JSON ({exc.msg})") from None
            if not isinstance(data, dict):
                raise InputError(f"{path} line {number}: expected a JSON object")
            references.append(reference_from_dict(data, f"{path} line {number}"))
    return check_references(references, str(path))


def check_references(references: list[Reference], origin: str) -> list[Reference]:
    if not references:
        raise InputError(f"{origin} holds no references")
    seen: set[str] = set()
    for reference in references:
        if reference.id in seen:
            raise InputError(f"{origin}: reference id {reference.id!r} appears twice")
        seen.add(reference.id)
    return references


def load_system(path: Path) -> dict[str, Article]:
    """A system's outputs by id. Unreadable lines and repeated ids are logged and skipped (first one wins)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"system file {path} does not exist")
    from ringkas.readers.probe import readable_records

    # a file that is not JSONL (a README, a Parquet file) is one message, not a warning per line
    return index_outputs(readable_records(read_ringkas_jsonl(path), path, "JSONL records"), str(path))


def index_outputs(articles: Iterable[Article], origin: str) -> dict[str, Article]:
    outputs: dict[str, Article] = {}
    for article in articles:
        if article.rejected:
            log.warning("%s: skipped an unreadable line (%s)", origin, article.rejection_dict())
        elif article.id in outputs:
            log.warning("%s: id %r appears more than once; scoring the first", origin, article.id)
        else:
            outputs[article.id] = article
    return outputs


def check_ids_match(references: list[Reference], outputs: dict[str, dict[str, Article]]) -> None:
    """Warn about a system whose ids miss references or match none of them; refuse (exit 2) a system that
    matches no reference at all, whose row would be all zeros (most often the wrong file, or ids renamed)."""
    wanted = {ref.id for ref in references}
    for name, system in outputs.items():
        matched = wanted.intersection(system)
        if not matched:
            theirs = ", ".join(repr(i) for i in list(system)[:3]) or "none"
            ours = ", ".join(repr(ref.id) for ref in references[:3])
            raise InputError(f"system {name!r}: none of its {len(system)} ids matches a reference id (its ids: "
                             f"{theirs} ...; the references': {ours} ...): is it the output for these references?")
        if len(matched) < len(wanted):
            log.warning("system %r has no output for %d of %d references (they score 0, counted as missing)",
                        name, len(wanted) - len(matched), len(wanted))
        if len(matched) < len(system):
            log.warning("system %r: %d of its ids match no reference and are not scored",
                        name, len(system) - len(matched))


def parse_system_spec(spec: str) -> tuple[str, Path]:
    """``NAME=PATH`` from ``--system``; a bare PATH is named after its file (or its folder for briefs.jsonl)."""
    name, sep, path = spec.partition("=")
    if not sep:
        path = spec
        stem = Path(spec)
        name = stem.parent.name if stem.name == "briefs.jsonl" and stem.parent.name else stem.stem
    if not name or not path:
        raise InputError(f"--system {spec!r}: expected NAME=PATH")
    return name, Path(path)


def brief_of(article: Article | None) -> str | None:
    """The system's brief, or None when it has none (missing id, empty brief)."""
    if article is None or not (article.brief or "").strip():
        return None
    return article.brief


def translation_of(article: Article | None) -> str | None:
    if article is None or not (article.text_en or "").strip():
        return None
    return article.text_en
