"""Parquet, read a batch of rows at a time (never the whole table), only the columns ringkas uses."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ringkas.readers.base import FIELDS, make_article, rejected
from ringkas.record import Article
from ringkas.registry import require


def read_parquet(path: Path, columns: Mapping[str, str] | None = None, batch_size: int = 256,
                 **_: Any) -> Iterator[Article]:
    """Articles from a Parquet file; rows are numbered from 1 in ``metadata["origin"]["row"]``."""
    pq = require("pyarrow.parquet", "the Parquet reader", "pip install pyarrow")
    columns = dict(columns or {})
    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid/OSError for a file that is not Parquet
        yield rejected({"file": str(path)}, "malformed_parquet", str(exc))
        return
    # Scalar columns ride along into metadata["extra"]; nested and binary ones are never read.
    selected = [f.name for f in parquet.schema_arrow
                if f.name in {columns.get(n, n) for n in FIELDS} or _is_scalar(f.type)]
    row = 0
    with parquet:
        for batch in parquet.iter_batches(batch_size=batch_size, columns=selected):
            for record in batch.to_pylist():
                row += 1
                yield make_article(record, {"file": str(path), "row": row}, columns)


def _is_scalar(arrow_type: Any) -> bool:
    import pyarrow.types as types

    return any(check(arrow_type) for check in (types.is_string, types.is_large_string, types.is_integer,
                                                types.is_floating, types.is_boolean, types.is_timestamp))
