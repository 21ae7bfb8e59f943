"""A Ray worker set-up hook for tests: no worker may open (or list) anything under the forbidden folder.

``RINGKAS_FORBIDDEN_DIR`` names the folder (a job's ``output.dir`` lies under it) and ``RINGKAS_GUARD_LOG``
a file outside it. Each worker process writes one ``setup`` line (node, working folder) when it starts;
an ``open``, ``os.listdir`` or ``os.scandir`` of a path under the folder writes an ``opened`` line and
raises PermissionError, as on a node that cannot see the driver's disk.
"""

from __future__ import annotations

import os
import sys
from typing import Any

_EVENTS = ("open", "os.listdir", "os.scandir")


def forbid_output_dir() -> None:
    root, log = os.environ.get("RINGKAS_FORBIDDEN_DIR"), os.environ.get("RINGKAS_GUARD_LOG")
    if not root or not log:
        return
    root = os.path.realpath(root)
    import ray

    _note(log, f"setup {ray.util.get_node_ip_address()} {os.getpid()} {os.getcwd()}")

    def guard(event: str, args: tuple[Any, ...]) -> None:
        if event not in _EVENTS or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
            return
        path = os.path.abspath(os.fsdecode(args[0]))
        if path == root or path.startswith(root + os.sep):
            _note(log, f"opened {path} by {os.getpid()}")
            raise PermissionError(f"a Ray worker opened {path}, under the driver's output.dir")

    sys.addaudithook(guard)


def _note(log: str, line: str) -> None:
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
