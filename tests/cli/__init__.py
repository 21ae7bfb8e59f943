"""Tests of the command line; :func:`exit_status` is what a shell would see."""

from __future__ import annotations


def exit_status(argv: list[str]) -> int:
    """``main``'s status, or argparse's where a flag's own declaration refused the value first."""
    from ringkas.cli import main

    try:
        return main(argv)
    except SystemExit as stop:
        return int(stop.code)
