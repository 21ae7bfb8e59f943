#!/usr/bin/env python
"""Print the job keys table of docs/runner.md from the schema the runner validates against.

usage: python scripts/job_keys.py            # print it
       python scripts/job_keys.py --write    # replace the table in docs/runner.md

Every key is a settings dataclass field (ringkas.runner.sections lists each section's classes); a table
written by hand would drift from them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def table() -> str:
    from ringkas.runner.spec import schema

    lines = ["| key | type | default | what it does |", "| --- | --- | --- | --- |"]
    for section, keys in schema().items():
        lines += _rows(section, keys)
    return "\n".join(lines)


def _rows(prefix: str, keys: dict) -> list[str]:
    rows = []
    for key, rule in keys.items():
        kind = rule["type"]
        if rule.get("choices"):
            kind += f" ({' / '.join(map(str, rule['choices']))})"
        bounds = [f"{'at least' if b == 'min' else 'at most'} {rule[b]}" for b in ("min", "max") if b in rule]
        if bounds:
            kind += ", " + " and ".join(bounds)
        if rule.get("required"):
            default = "required"
        elif "default" in rule:
            default = json.dumps(rule["default"], ensure_ascii=False)
        else:
            default = rule.get("default_text", "—")
        rows.append(f"| `{prefix}.{key}` | {kind} | {default} | {rule['help']} |")
        rows += _rows(f"{prefix}.{key}", rule.get("keys", {}))  # a table of settings: its keys
    return rows


def write(doc: Path = Path(__file__).resolve().parents[1] / "docs" / "runner.md") -> None:
    """Replace the key table (the lines from its header row to the first line that is not a row) in ``doc``."""
    lines = doc.read_text(encoding="utf-8").split("\n")
    start = lines.index("| key | type | default | what it does |")
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    lines[start:end] = table().split("\n")
    doc.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write()
    else:
        print(table())
