"""ringkas's own JSON Lines: what a ringkas command wrote (every Article field, flags, metadata and
provenance), or a job's ``briefs.jsonl`` (read back through :mod:`ringkas.writers.schema`).

It is read like any JSONL (:func:`~ringkas.readers.jsonl.read_json_lines`): a bad line is the same reject,
with the same reason and id (``file:line``) as in every reader, and a field of the wrong type is named
(``text_not_string``, ``flags_not_list``, ``metadata_not_object``). A record keeps the origin its first
reader gave it; a job's short reference to its manifest's signature is replaced by the signature.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from ringkas.readers.base import DEFAULT_MAX_RECORD_BYTES, record_id, rejected, text_problem
from ringkas.readers.jsonl import read_json_lines
from ringkas.record import Article
from ringkas.writers.schema import BRIEF_COLUMNS, article_from_brief, is_brief_line

# The container types of Article's fields and of a briefs line's object columns; every other field is text.
_CONTAINERS = {"flags": (list, "list"), "metadata": (dict, "object"),
               **{c.name: (dict, "object") for c in BRIEF_COLUMNS if c.kind == "json"}}
_TEXT_FIELDS = tuple(f.name for f in fields(Article) if f.name not in ("id", "flags", "metadata", "rejection"))


def read_ringkas_jsonl(path: str | Path, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
                       **_: Any) -> Iterator[Article]:
    """Articles from a JSONL file ringkas wrote (a stage's output, a job's briefs)."""
    from ringkas.provenance import resolve_signatures

    path = Path(path)
    return resolve_signatures(read_json_lines(path, ringkas_article, max_record_bytes), path.parent)


def ringkas_article(record: Mapping[str, Any], origin: dict[str, Any]) -> Article:
    """The Article one ringkas-written object stands for, or a rejected one saying what is wrong with it."""
    raw_id, id_problem = record_id(record.get("id"))
    if id_problem:
        return rejected(origin, "bad_id", id_problem)
    problem = _wrong_field(record)
    if problem:
        return rejected(origin, *problem, id_=raw_id)
    data = {**record, "id": raw_id} if raw_id else {k: v for k, v in record.items() if k != "id"}
    article = article_from_brief(data) if is_brief_line(data) else Article.from_dict(data)
    article.metadata.setdefault("origin", dict(origin))
    return article


def _wrong_field(record: Mapping[str, Any]) -> tuple[str, str] | None:
    """``(reason, detail)`` for the first field of the wrong type or unusable text, else None."""
    for name, value in record.items():
        if value is None:
            continue
        wanted, label = _CONTAINERS.get(name, (str, "string") if name in _TEXT_FIELDS else (object, ""))
        if not isinstance(value, wanted):
            return f"{name}_not_{label}", f"{name} is a {type(value).__name__}"
        if name in ("text", "html"):
            problem = text_problem(value)
            if problem:
                return problem
    return None
