"""The README's walk-through, run from README.md itself, so the README cannot drift from the code.

A block is part of the walk-through when the line before its ```bash fence is ``<!-- walkthrough -->``;
a ```text block after ``<!-- walkthrough-output -->`` is what the walk-through block before it prints
(each line must be one of its output lines; whitespace runs, durations such as ``0.2s`` and rates such as
``14.0 articles/s`` are compared loosely, everything else exactly). The blocks run in order, in one fresh
copy of the repository, offline, and may write only under ``out/``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO

README = REPO / "README.md"
WALKTHROUGH, OUTPUT = "<!-- walkthrough -->", "<!-- walkthrough-output -->"
NOT_COPIED = (".git", ".venv", "out", "__pycache__", "*.egg-info", ".pytest_cache", "build", "dist",
              ".cache", ".whl", ".gl")


@dataclass
class Block:
    line: int                                        # 1-based line of the opening fence in README.md
    script: str
    expected: list[str] = field(default_factory=list)


def _fenced(lines: list[str], start: int, marker: str) -> tuple[int, str]:
    """The fenced block right after the marker on line ``start``: (fence line index, its text)."""
    fence = start + 1
    while fence < len(lines) and not lines[fence].strip():
        fence += 1
    if fence >= len(lines) or not lines[fence].startswith("```"):
        raise AssertionError(f"README.md:{start + 1}: {marker} is not followed by a fenced block")
    end = next((i for i in range(fence + 1, len(lines)) if lines[i].startswith("```")), None)
    if end is None:
        raise AssertionError(f"README.md:{fence + 1}: unclosed fenced block")
    return fence, "\n".join(lines[fence + 1:end])


def walkthrough_blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    blocks: list[Block] = []
    for index, line in enumerate(lines):
        if line.strip() == WALKTHROUGH:
            fence, body = _fenced(lines, index, WALKTHROUGH)
            assert lines[fence].strip() == "```bash", f"README.md:{fence + 1}: a walk-through block is ```bash"
            blocks.append(Block(line=fence + 1, script=body))
        elif line.strip() == OUTPUT:
            assert blocks, f"README.md:{index + 1}: {OUTPUT} before any walk-through block"
            _, body = _fenced(lines, index, OUTPUT)
            blocks[-1].expected.extend(expected for expected in body.splitlines() if expected.strip())
    return blocks


def loose(line: str) -> str:
    line = re.sub(r"\d+(?:\.\d+)? (articles|tok|units)/s\b", r"N \1/s", line)
    line = re.sub(r"\b\d+(?:\.\d+)?s\b", "Ns", line)
    return " ".join(line.split())


def _snapshot(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha1(path.read_bytes()).hexdigest()
        for path in root.rglob("*") if path.is_file() and not path.is_symlink()
    }


def _shims(bin_dir: Path) -> None:
    """``ringkas`` and ``python`` on PATH are this interpreter, as in an activated virtual environment."""
    bin_dir.mkdir()
    ringkas = bin_dir / "ringkas"
    ringkas.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ringkas "$@"\n')
    ringkas.chmod(ringkas.stat().st_mode | stat.S_IXUSR)
    (bin_dir / "python").symlink_to(sys.executable)


def test_parser_finds_blocks_and_their_output():
    text = "\n".join([
        "intro", WALKTHROUGH, "```bash", "ringkas clean a -o out/b", "```", "", OUTPUT, "```text",
        "ringkas clean: read 6", "```", "```bash", "not marked", "```", WALKTHROUGH, "", "```bash", "echo 2", "```",
    ])
    blocks = walkthrough_blocks(text)
    assert [(b.line, b.script, b.expected) for b in blocks] == [
        (3, "ringkas clean a -o out/b", ["ringkas clean: read 6"]), (16, "echo 2", [])]
    with pytest.raises(AssertionError, match="not followed by a fenced block"):
        walkthrough_blocks(f"{WALKTHROUGH}\nprose\n")


def test_loose_comparison_ignores_timings_only():
    assert loose("0 map-reduced; 0.2s (14.0 articles/s)") == loose("0 map-reduced;  12.5s (3 articles/s)")
    assert loose("read 6, accepted 2") != loose("read 6, accepted 3")
    assert loose("lead 60.13 ± 3.14*") != loose("lead 60.14 ± 3.14*")


def test_readme_walkthrough_runs_offline_and_writes_only_under_out(tmp_path: Path):
    blocks = walkthrough_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 6, "the README walk-through lost its blocks"
    clone = tmp_path / "clone"
    shutil.copytree(REPO, clone, ignore=shutil.ignore_patterns(*NOT_COPIED), symlinks=True)
    before = _snapshot(clone)
    _shims(tmp_path / "bin")
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(tmp_path / "bin"), os.environ.get("PATH", "/usr/bin:/bin")]),
        "PYTHONPATH": str(clone / "src"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    for block in blocks:
        done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block.script], cwd=clone, env=env,
                              capture_output=True, text=True, timeout=600)
        printed = done.stdout + done.stderr
        assert done.returncode == 0, f"README.md:{block.line}: walk-through block failed:\n{block.script}\n{printed}"
        seen = {loose(line) for line in printed.splitlines()}
        for expected in block.expected:
            assert loose(expected) in seen, (
                f"README.md:{block.line}: the README shows {expected!r}, but the block printed:\n{printed}")
    after = _snapshot(clone)
    touched = sorted(path for path, digest in after.items() if before.get(path) != digest)
    assert touched, "the walk-through wrote nothing"
    assert [path for path in touched if not path.startswith("out/")] == []
    assert [path for path in before if path not in after] == []
