"""What a command shows on the console, and at which verbosity.

One scheme for every command: stdout/stderr carry the command's one summary line; ``-q`` keeps only that
and warnings; the default adds a header line (what is about to run) and ringkas' own notices, as plain
sentences; ``-v`` adds ringkas' detail and libraries' warnings and progress bars, every line with its time,
level and logger; ``-vv`` everything, with tracebacks. Progress bars appear only on a terminal (see
:mod:`ringkas.progress`), and a note printed while one runs goes above it instead of through it.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

# Loggers of libraries ringkas drives; they keep to errors unless -v asks for more. Not torch: it manages
# its own loggers, and setting a level on them makes it print its compile statistics at exit.
LIBRARY_LOGGERS = ("httpx", "httpx2", "urllib3", "filelock", "huggingface_hub", "transformers", "datasets",
                   "ctranslate2", "ray", "fsspec", "asyncio", "trafilatura", "htmldate", "courlan",
                   "charset_normalizer", "markdown_it", "sentencepiece", "tokenizers", "numexpr")


DETAILED = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class NoteFormatter(logging.Formatter):
    """ringkas' own notes as plain sentences ("warning: " before a warning); anything else in full."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name == "ringkas" or record.name.startswith("ringkas."):
            message = record.getMessage()
            if record.levelno >= logging.ERROR:
                return f"error: {message}"
            return f"warning: {message}" if record.levelno >= logging.WARNING else message
        return super().format(record)


class ConsoleHandler(logging.Handler):
    """Writes to the current ``sys.stderr``; while a tqdm bar is on screen, above it (``tqdm.write``)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
            tqdm = sys.modules.get("tqdm")
            if tqdm is not None and getattr(tqdm.tqdm, "_instances", None):
                tqdm.tqdm.write(line, file=sys.stderr)
            else:
                sys.stderr.write(line + "\n")
                sys.stderr.flush()
        except Exception:  # a closed stream must not break the command
            self.handleError(record)


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 brief``, ``2 briefs``; ``many`` for an irregular plural (``1 entry``, ``3 entries``)."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


_library_level: list[int] = []  # the level a running command set for libraries (a stack: nested calls)


def library_level() -> int:
    """The level libraries should log at: what the running command chose, else WARNING (library use).

    For libraries that reset their own loggers on import (Ray), which therefore cannot just be told once."""
    return _library_level[-1] if _library_level else logging.WARNING


@contextmanager
def configured(verbose: int = 0, quiet: bool = False) -> Iterator[None]:
    """Logging for one command, set before any heavy library is imported and restored afterwards (so a
    command run in-process, as tests do, leaves the caller's logging as it was)."""
    own = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    library = logging.DEBUG if verbose > 1 else logging.WARNING if verbose else logging.ERROR
    root = logging.getLogger()
    handler = None
    if not root.handlers:  # as basicConfig: a caller that set up logging (pytest, an application) keeps its own
        handler = ConsoleHandler()
        handler.setFormatter(logging.Formatter(DETAILED) if verbose else NoteFormatter(DETAILED))
        root.addHandler(handler)
        root_level = root.level
        root.setLevel(min(own, library))
    _library_level.append(library)
    names = ("ringkas", *LIBRARY_LOGGERS)
    before = {name: logging.getLogger(name).level for name in names}
    for name in names:
        logging.getLogger(name).setLevel(own if name == "ringkas" else library)
    if verbose == 0:
        # Read by the libraries when they are imported: no "Loading weights" / "Writing model shards" bars,
        # no advisory warnings. setdefault: a user's own setting wins.
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    try:
        with warnings.catch_warnings():
            if verbose == 0:  # Python warnings raised inside libraries (deprecations ...) are chatter here
                warnings.filterwarnings("ignore", module=r"(?!ringkas)")
            yield
    finally:
        _library_level.pop()
        if handler is not None:
            root.removeHandler(handler)
            root.setLevel(root_level)
        for name, level in before.items():
            logging.getLogger(name).setLevel(level)


def shows_info() -> bool:
    """False under -q: headers and progress bars stay off. Used as a library (no command set a level),
    ringkas shows them."""
    level = logging.getLogger("ringkas").level
    return level == logging.NOTSET or level <= logging.INFO


def header(line: str) -> None:
    """What a command is about to do (model, backend, device), on stderr; -q leaves it out."""
    if shows_info():
        print(line, file=sys.stderr)
