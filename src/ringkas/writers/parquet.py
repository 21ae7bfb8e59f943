"""``briefs.parquet``: the briefs file as a table, for analysts who load it with pandas, DuckDB or Spark."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ringkas.files import atomic_file

ROWS_PER_GROUP = 2048
_STRING_COLUMNS = ("id", "title", "text", "title_en", "text_en", "headline_en", "brief", "url", "source", "published",
                   "duplicate_of", "story")


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [(name, pa.string()) for name in _STRING_COLUMNS[:1]]
        + [("seq", pa.int64())]
        + [(name, pa.string()) for name in _STRING_COLUMNS[1:]]
        + [("similarity", pa.float64()), ("flags", pa.list_(pa.string())),
           ("check", pa.string()),  # JSON text, like provenance: what the translation checks found
           ("story_detail", pa.string()),  # JSON text: the story's members and how this article joined
           ("provenance", pa.string())]  # JSON text: its keys differ per model and stage
    )


def _batches(path: Path, size: int) -> Iterator[list[dict[str, Any]]]:
    batch = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                record["provenance"] = json.dumps(record.get("provenance", {}), ensure_ascii=False, sort_keys=True)
                if "story_detail" in record:
                    record["story_detail"] = json.dumps(record["story_detail"], ensure_ascii=False, sort_keys=True)
                if "check" in record:
                    record["check"] = json.dumps(record["check"], ensure_ascii=False, sort_keys=True)
                batch.append(record)
                if len(batch) == size:
                    yield batch
                    batch = []
    if batch:
        yield batch


def write_briefs_parquet(briefs_jsonl: Path, out: Path) -> int:
    """Convert ``briefs_jsonl`` to Parquet in row groups (bounded memory); returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    rows = 0
    with atomic_file(out, "wb") as handle, pq.ParquetWriter(handle, schema) as writer:  # whole or absent
        for batch in _batches(briefs_jsonl, ROWS_PER_GROUP):
            columns = {name: [record.get(name) for record in batch] for name in schema.names}
            writer.write_table(pa.table(columns, schema=schema))
            rows += len(batch)
        if rows == 0:
            writer.write_table(schema.empty_table())
    return rows
