"""The schema of each file a job writes, defined once: what ``briefs.jsonl`` and a rejects line hold.

``briefs.jsonl`` is :data:`BRIEF_COLUMNS`: each column's name, its type (the Parquet copy's column types
come from it) and where its value lives on an :class:`~ringkas.record.Article`. :func:`brief_record`
writes a line from it, :func:`article_from_brief` reads one back into an Article (what ringkas's own JSONL
reader does with a job's briefs), and :func:`parquet_schema` is the table. A rejects line is
:func:`reject_record`, the one place its keys are chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ringkas.record import Article


@dataclass(frozen=True)
class Column:
    """One column of ``briefs.jsonl``. ``kind``: string, int, float, strings (a list) or json (an object,
    JSON text in Parquet). ``field``: the Article field that holds it; else ``metadata`` (a key of
    ``metadata``) or ``job`` (a key of ``metadata["job"]``, the runner's bookkeeping)."""

    name: str
    kind: str = "string"
    field: str | None = None
    metadata: str | None = None
    job: str | None = None

    def value(self, article: Article) -> Any:
        if self.field:
            value = getattr(article, self.field)
            if self.kind == "strings":
                return list(value)  # written even when empty: a brief without flags says so
            return value or None if self.field == "text" else value  # Article.text is "" when there is none
        if self.metadata:
            return article.metadata.get(self.metadata)
        return article.metadata.get("job", {}).get(self.job)

    def restore(self, article: Article, value: Any) -> None:
        """Put a value read from a brief line back where :meth:`value` took it from."""
        if self.field:
            setattr(article, self.field, list(value) if self.kind == "strings" else value)
        elif self.metadata:
            article.metadata[self.metadata] = value
        else:
            article.metadata.setdefault("job", {})[self.job] = value


def _field(name: str, kind: str = "string") -> Column:
    return Column(name, kind, field=name)


# ``title`` and ``text`` are the cleaned Indonesian source, so a reader can check a brief against what it was
# made from without cleaning the input again.
BRIEF_COLUMNS = (
    _field("id"), Column("seq", "int", job="seq"), _field("title"), _field("text"), _field("title_en"),
    _field("text_en"), _field("headline_en"), _field("brief"), _field("url"), _field("source"),
    _field("published"), _field("story"), Column("story_detail", "json", metadata="story"),
    _field("flags", "strings"), Column("check", "json", metadata="check"),
    Column("duplicate_of", metadata="duplicate_of"), Column("similarity", "float", job="similarity"),
    Column("provenance", "json", metadata="provenance"),
)
BRIEF_FIELDS = tuple(column.name for column in BRIEF_COLUMNS)


def brief_record(article: Article, signature: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``briefs.jsonl`` line of an accepted article: the set columns, in schema order. A record made by
    the ringkas of this run (its ``signature``) says so with a short reference to the manifest, which holds
    that signature once."""
    out = {}
    for column in BRIEF_COLUMNS:
        value = column.value(article)
        if column.name == "provenance":
            value = _with_signature_reference(value or {}, signature)
        if value is not None:
            out[column.name] = value
    return out


def _with_signature_reference(provenance: dict[str, Any], signature: dict[str, Any] | None) -> dict[str, Any]:
    if signature is not None and provenance.get("ringkas") == signature:
        from ringkas.provenance import SIGNATURE_REFERENCE

        return {**provenance, "ringkas": SIGNATURE_REFERENCE}
    return provenance


def is_brief_line(record: dict[str, Any]) -> bool:
    """Whether a JSON object is a ``briefs.jsonl`` line (its provenance at the top level), not an Article."""
    return isinstance(record.get("provenance"), dict) and "metadata" not in record


def article_from_brief(record: dict[str, Any]) -> Article:
    """A ``briefs.jsonl`` line read back: every column where :func:`brief_record` took it from.

    Raises TypeError for a value of the wrong type, as :meth:`Article.from_dict` does."""
    known = {column.name: column for column in BRIEF_COLUMNS}
    article = Article.from_dict({k: v for k, v in record.items() if k not in known or known[k].field})
    for name, value in record.items():
        column = known.get(name)
        if column is not None and not column.field:
            if column.kind == "json" and not isinstance(value, dict):
                raise TypeError(f"field {name!r} must be an object, not {type(value).__name__}")
            column.restore(article, value)
    return article


def parquet_schema() -> Any:
    """The ``briefs.parquet`` table: :data:`BRIEF_COLUMNS` with their types (objects as JSON text, since
    their keys differ per model and stage)."""
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "strings": pa.list_(pa.string()),
             "json": pa.string()}
    return pa.schema([(column.name, types[column.kind]) for column in BRIEF_COLUMNS])


def json_columns() -> tuple[str, ...]:
    return tuple(column.name for column in BRIEF_COLUMNS if column.kind == "json")


def reject_record(article: Article, seq: int | None = None) -> dict[str, Any]:
    """A rejects-file line: :meth:`Article.rejection_dict` (id, stage, snake_case reason and detail, the
    reader's origin) and, in a job, the record's position in the input (``seq``)."""
    out = article.rejection_dict()
    if seq is not None:
        out["seq"] = seq
    return out
