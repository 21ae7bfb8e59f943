"""Helpers for tests and benchmarks: tiny models built locally (no downloads)."""
