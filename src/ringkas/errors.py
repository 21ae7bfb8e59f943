"""Errors a user can meet. The CLI prints their message (no traceback) and exits with ``exit_code``."""

from __future__ import annotations


class RingkasError(Exception):
    """Base for user-facing errors: the message says what went wrong and what to do."""

    exit_code = 2


class InputError(RingkasError):
    """An input file or argument that cannot be used at all (a bad record is a reject, not this)."""


class ConfigError(RingkasError):
    """A job spec, suite or prompt file with mistakes."""


class OutputError(RingkasError):
    """An output that cannot be written at all (a read-only folder, a folder where a file should go), or one
    that would take over files ringkas did not write."""
