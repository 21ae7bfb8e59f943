"""What the record-by-record subcommands (clean, translate, summarise) share: where rejects go, how input is
counted, and the loop that writes each record to the output or the rejects file.

That loop keeps every record already written when something fails part-way (a bug, a full disk, a model
that runs out of memory): each line is flushed as it is written, the failure is one message naming where it
stopped, and the command exits 1 after its summary line.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ringkas.errors import InputError, RingkasError
from ringkas.jsonl import JsonlWriter
from ringkas.record import Article

log = logging.getLogger(__name__)


def whole_number(minimum: int):
    """argparse type: a whole number of at least ``minimum`` (``--max-chars 0`` is a mistake, not "the
    default"; ``--seed -5`` is one too)."""
    import argparse

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{value} must be at least {minimum}")
        return value

    parse.__name__ = f"whole number >= {minimum}"
    return parse


positive_int = whole_number(1)


def output_file(text: str) -> Path:
    """argparse type: a file to write; an existing folder is refused before any work (writing a file over a
    folder fails only at the end, after the work)."""
    import argparse

    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a folder: give a file name (such as {path / 'scores.json'})")
    return path


def output_folder(text: str) -> Path:
    """argparse type: a folder to write into; an existing file is refused."""
    import argparse

    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a file: give a folder for the report")
    return path


def default_rejects_path(output: Path) -> Path:
    """``out/clean.jsonl`` -> ``out/clean.rejects.jsonl``."""
    return output.with_name(output.stem + ".rejects.jsonl")


def add_force_argument(parser, what: str = "OUT and its rejects file", held: str = "a file ringkas did not write",
                       instead: str = "refusing") -> None:
    """``--force`` has one meaning in every command: replace what the output holds, instead of refusing
    (or resuming, reusing, appending). The words name the command's output and what it may hold."""
    parser.add_argument("--force", action="store_true",
                        help=f"replace {what}, whatever is there ({held}), instead of {instead}")


def rejects_path_for(input_path: Path | str, output: Path, rejects: Path | None, force: bool = False) -> Path:
    """``rejects`` or the default beside ``output``, once :func:`check_distinct` has passed all three and
    neither output is a file ringkas did not write (unless ``force``)."""
    from ringkas.files import ensure_writable_folder
    from ringkas.writers.owned import check_overwrite

    rejects = rejects or default_rejects_path(output)
    check_distinct(input_path, output, rejects)
    check_overwrite(output, "output", force)
    check_overwrite(rejects, "rejects file", force)
    for path in (output, rejects):  # a read-only folder is exit 2 now, not after a model has loaded
        ensure_writable_folder(Path(path).parent, "output")
    return rejects


def check_distinct(input_path: Path | str, output: Path, rejects: Path) -> None:
    """Refuse (exit 2) an output or rejects path that is the input, or each other: opening the output
    empties it before the input is read. Files are compared as files (:func:`ringkas.files.same_file`), so a
    hard link or a symlink to the input is refused too."""
    from ringkas.files import same_file

    named = {"input": Path(input_path), "output": Path(output), "rejects": Path(rejects)}
    if not named["input"].is_file():
        del named["input"]  # a folder or a dataset name: nothing to overwrite
    seen: list[tuple[str, Path]] = []
    for role, path in named.items():
        for earlier_role, earlier in seen:
            if same_file(path, earlier):
                raise InputError(f"the {role} path {path} is also the {earlier_role}; writing it would destroy "
                                 f"the {earlier_role}: choose another path")
        seen.append((role, path))


def count_lines(path: Path) -> int:
    """Non-blank lines of a JSONL file: the progress bar's total."""
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


@dataclass
class Written:
    written: int = 0
    reasons: Counter = field(default_factory=Counter)
    failed: bool = False

    @property
    def rejected(self) -> int:
        return sum(self.reasons.values())

    @property
    def read(self) -> int:
        return self.written + self.rejected

    @property
    def status(self) -> int:
        return 1 if self.failed else 0


def write_records(
    records: Iterable[Article],
    output: Path,
    rejects_path: Path,
    command: str,
    on_written: Callable[[Article], None] | None = None,
) -> Written:
    """Write accepted records to ``output`` and rejected ones to ``rejects_path``; see the module doc."""
    result = Written()
    with JsonlWriter(output) as out, JsonlWriter(rejects_path) as rejects:
        try:
            for article in records:
                if article.rejected:
                    rejects.write(article.rejection_dict())
                    result.reasons[article.rejection.reason] += 1
                    continue
                out.write(article.to_dict())
                result.written += 1
                if on_written is not None:
                    on_written(article)
        except RingkasError:
            raise  # could not start after all (e.g. a dataset that does not exist when first read): exit 2
        except Exception as exc:
            log.debug("%s failed", command, exc_info=True)
            print(f"ringkas {command}: stopped after {result.read} records: {type(exc).__name__}: {exc} "
                  f"(what was written is kept; -vv shows the traceback)", file=sys.stderr)
            result.failed = True
    return result
