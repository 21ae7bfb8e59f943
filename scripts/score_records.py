"""Score the cleaner on labelled text records (already-extracted text, as scrapers give it).

    python scripts/score_records.py tests/data/text_records/labelled.jsonl             # as one run
    python scripts/score_records.py tests/data/text_records/labelled.jsonl --records-alone --details

Each line of the file is one record: ``id``, ``url``, ``title``, ``split`` (``dev`` or ``held_out``), ``sep``
(what joins its lines: ``"\\n"`` as most scrapers write, or ``"\\n\\n"``) and ``lines``, each
``[label, line]`` or ``[label, line, must_find]``: ``keep`` a line of the story that must stay (``must_find``:
the part that must stay when the line opens with a dateline, which moves into metadata), ``noise`` a line that
must go (a teaser of another story, a promo, a video prompt, a credit, a caption, a share or follow prompt).

It prints, per split and in total: story lines kept and noise lines removed (a line is kept when its text,
whitespace collapsed, is in the cleaned text). The records are cleaned as one run (each host's repeated lines
learnt from the records together, as ``ringkas clean`` does); ``--records-alone`` cleans each on its own.
A record the cleaner rejects keeps nothing. The set in tests/data/text_records was written by us in the
portals' style: it says what the rules do on the kinds of noise we know, not on portals nobody has seen.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from score_pages import Score, _norm, print_table  # the same counts and table as the page scorer


def read_labelled(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def record_text(record: dict) -> str:
    return record.get("sep", "\n").join(line[1] for line in record["lines"])


def score_record(record: dict, cleaned: str) -> Score:
    """One record's figures (kept, must_keep, removed, noise, missed) against its cleaned text (``""`` when
    the cleaner rejected it)."""
    body = _norm(cleaned)
    result = Score()
    for label, line, *must_find in record["lines"]:
        wanted = _norm(must_find[0] if must_find else line)
        if label == "keep":
            result.must_keep += 1
            if wanted in body:
                result.kept += 1
            else:
                result.missed.append(f"lost: {line[:100]}")
        else:
            result.noise += 1
            if wanted in body:
                result.missed.append(f"kept noise: {line[:100]}")
            else:
                result.removed += 1
    return result


def clean_records(records: list[dict], alone: bool = False) -> dict[str, str]:
    """``{id: cleaned text}`` (``""`` for a rejected record), cleaned as one run or each alone."""
    from ringkas.clean import build_cleaner, collect_template
    from ringkas.record import Article

    def articles() -> list[Article]:
        return [Article(id=r["id"], url=r.get("url"), title=r.get("title"), text=record_text(r)) for r in records]

    template = None if alone else collect_template(articles())
    stream = iter(articles())
    for step in build_cleaner(dedupe_ids=False, template=template):
        stream = step(stream)
    return {a.id: "" if a.rejected else a.text for a in stream}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("labelled", type=Path, help="a JSONL file of labelled records")
    parser.add_argument("--details", action="store_true", help="list each lost line and kept noise line")
    parser.add_argument("--records-alone", action="store_true",
                        help="clean each record on its own (default: as one run, learning each host's "
                             "repeated lines from the records together)")
    args = parser.parse_args(argv)
    try:
        records = read_labelled(args.labelled)
    except (OSError, ValueError) as exc:
        print(f"score_records: cannot read {args.labelled}: {exc}", file=sys.stderr)
        return 2
    cleaned = clean_records(records, alone=args.records_alone)
    splits: dict[str, Score] = {}
    total = Score()
    rows = [["record", "split", "story lines kept", "noise lines removed"]]
    for record in records:
        result = score_record(record, cleaned[record["id"]])
        splits.setdefault(record.get("split", "-"), Score()).add(result)
        total.add(result)
        rows.append([record["id"], record.get("split", "-"), *result.cells()[:2]])
        if args.details:
            rows.extend(["", "", f"  {line}", ""] for line in result.missed)
    rows += [[f"TOTAL {split}", "", *score.cells()[:2]] for split, score in splits.items()]
    rows.append(["TOTAL", "", *total.cells()[:2]])
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
