import subprocess
import sys

from ringkas.cli import main
from tests.conftest import REPO


def test_help_lists_subcommands_and_exit_codes(capsys):
    assert main([]) == 2
    out = capsys.readouterr().out
    assert "models" in out and "Exit status" in out


def test_python_dash_m_works_and_starts_without_torch():
    code = "import sys, runpy; sys.argv=['ringkas','--version']; import ringkas.cli; print('torch' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"  # heavy libraries load lazily
    version = subprocess.run([sys.executable, "-m", "ringkas", "--version"], cwd=REPO, capture_output=True,
                             text=True, env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
    assert version.returncode == 0 and version.stdout.startswith("ringkas ")


def test_user_error_is_a_message_not_a_traceback(capsys, tmp_path):
    assert main(["models", "tiny", str(tmp_path), "no-such-kind"]) == 2
    err = capsys.readouterr().err
    assert "unknown tiny model kind" in err and "Traceback" not in err


HEAVY_AT_START = ("torch", "transformers", "numpy", "scipy", "ray", "ctranslate2", "ringkas.runner.job",
                  "ringkas.stories.assign")


def test_every_commands_flags_are_built_without_the_runner_or_numerical_libraries():
    """`ringkas --help` and every command's start build all flags from the settings classes; those must not
    load the runner, the story assigner or numpy/torch (they cost a second or more on every call)."""
    code = ("import sys; from ringkas.cli import build_parser; build_parser(); "
            f"print(sorted(m for m in {HEAVY_AT_START!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
