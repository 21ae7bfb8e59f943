"""``briefs.parquet``: the briefs file as a table, for analysts who load it with pandas, DuckDB or Spark.
Its columns and their types are the briefs schema's (:mod:`ringkas.writers.schema`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ringkas.files import atomic_file
from ringkas.writers.schema import json_columns, parquet_schema

ROWS_PER_GROUP = 2048


def _batches(path: Path, size: int) -> Iterator[list[dict[str, Any]]]:
    batch = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                for name in json_columns():  # objects whose keys differ per model and stage: JSON text
                    if name in record:
                        record[name] = json.dumps(record[name], ensure_ascii=False, sort_keys=True)
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

    schema = parquet_schema()
    rows = 0
    with atomic_file(out, "wb") as handle, pq.ParquetWriter(handle, schema) as writer:  # whole or absent
        for batch in _batches(briefs_jsonl, ROWS_PER_GROUP):
            columns = {name: [record.get(name) for record in batch] for name in schema.names}
            writer.write_table(pa.table(columns, schema=schema))
            rows += len(batch)
        if rows == 0:
            writer.write_table(schema.empty_table())
    return rows
