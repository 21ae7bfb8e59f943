"""Writers: accepted articles out to files for machines (JSONL, Parquet) and for people (the digest)."""
