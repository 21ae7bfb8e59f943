"""An installed ringkas (a wheel in a fresh virtual environment, outside any checkout) finds its evaluation
suites and their data: they ship as package data, not as files beside the source tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHIPPED = ("crosssum-id-en", "flores200-ind-eng", "ringkas-id-news", "xlsum-id")


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{command}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv with the ringkas wheel built from this checkout; its dependencies come from the running
    environment through a .pth line (installed with --no-deps, so nothing is downloaded)."""
    root = tmp_path_factory.mktemp("wheel")
    tree = root / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, tree / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in ("src", "eval", "prompts"):
        shutil.copytree(REPO / name, tree / name, symlinks=True, ignore=ignore)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(root / "dist"),
         str(tree)], cwd=root)
    (wheel,) = (root / "dist").glob("ringkas-*.whl")
    venv = root / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=root)
    python = venv / "bin" / "python"
    purelib = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                       cwd=root).stdout.strip())
    (purelib / "ringkas_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
         str(wheel)], cwd=root)
    return venv


@pytest.mark.slow
def test_new_user_suites_ship_in_the_wheel(installed: Path, tmp_path: Path) -> None:
    where = run([str(installed / "bin" / "python"), "-c", "import ringkas; print(ringkas.__file__)"], cwd=tmp_path)
    assert where.stdout.strip().startswith(str(installed))  # the wheel's ringkas, not this checkout's
    listed = run([str(installed / "bin" / "ringkas"), "eval", "suites"], cwd=tmp_path).stdout
    assert [line.split()[0] for line in listed.splitlines()] == list(SHIPPED)
    assert all(str(installed) in line for line in listed.splitlines())
    refs = [json.loads(line) for line in (REPO / "eval/data/ringkas-id-news.jsonl").read_text("utf-8").splitlines()]
    system = tmp_path / "oracle.jsonl"
    system.write_text("".join(json.dumps({"id": r["id"], "brief": r["summary"]}) + "\n" for r in refs), "utf-8")
    scored = run([str(installed / "bin" / "ringkas"), "-q", "eval", "score", "--suite", "ringkas-id-news",
                  "--system", f"oracle={system}", "--metrics", "rouge", "--resamples", "100",
                  "--json", str(tmp_path / "s.json")], cwd=tmp_path)
    assert f"n = {len(refs)} references" in scored.stdout
    assert json.loads((tmp_path / "s.json").read_text())["systems"]["oracle"]["rouge1"]["f"] == pytest.approx(100.0)
