"""A job learns each site's template over its whole input, in the driver, before it plans: every shard and
every engine cleans the same pages the same way."""

from __future__ import annotations

import json
from pathlib import Path

from ringkas.runner import run_job
from tests.clean.test_template import STORIES, TEMPLATE, page

REAL_INPUT = "tests.runner.doubles:RealInputStages"


def spec(path: Path, out: Path) -> dict:
    return {"input": {"path": str(path)}, "translate": {"model": "fake-mt"}, "summarise": {"method": "lead"},
            "dedupe": {"enabled": False}, "output": {"dir": str(out)}, "run": {"stages": REAL_INPUT, "unit_size": 1}}


def test_a_job_removes_a_hosts_template_learnt_over_the_whole_input(tmp_path: Path) -> None:
    source = tmp_path / "pages.jsonl"
    source.write_text("".join(json.dumps({"id": f"p{i}", "html": page(i)}) + "\n" for i in range(4)),
                      encoding="utf-8")
    result = run_job(spec(source, tmp_path / "out"))
    briefs = {row["id"]: row for row in map(json.loads, result.briefs_path.read_text(encoding="utf-8").splitlines())}
    assert sorted(briefs) == ["p0", "p1", "p2", "p3"]
    for i in range(4):  # the stand-in translator writes the text's words in reverse order
        words = list(reversed(briefs[f"p{i}"]["text_en"].split()))
        assert words == " ".join(STORIES[i]).split()
        assert not any(line in " ".join(words) for line in TEMPLATE)
    assert briefs["p0"]["provenance"]["clean"]["site_template"] == {"hosts": 1, "pages": 4, "recurring": 5}
