from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.errors import InputError
from ringkas.evaluate.references import load_references, load_system, parse_system_spec


@pytest.mark.parametrize("spec,expected", [
    ("lead=out/lead/briefs.jsonl", ("lead", Path("out/lead/briefs.jsonl"))),
    ("out/nllb/briefs.jsonl", ("nllb", Path("out/nllb/briefs.jsonl"))),
    ("systems/bart.jsonl", ("bart", Path("systems/bart.jsonl"))),
], ids=["named", "job_folder", "file_stem"])
def test_parse_system_spec(spec, expected):
    assert parse_system_spec(spec) == expected


@pytest.mark.parametrize("content,match", [
    ('{"id": "a", "summary": "x"}\n{"id": "a", "summary": "y"}\n', "appears twice"),
    ('{"id": "a", "source": "teks"}\n', "neither a 'summary'"),
    ('{"summary": "x"}\n', "line 1: a reference needs an 'id'"),
    ('{"id": "a", "summary": "x"}\nnot json\n', "line 2: not valid JSON"),
    ('["a"]\n', "line 1: expected a JSON object"),
    ('\n', "holds no references"),
    ('{"id": "a", "summary": 3}\n', "must be a string"),
    ('{"id": true, "summary": "x"}\n', "line 1: a reference needs an 'id'"),
    ('{"id": ' + "1" * 5001 + ', "summary": "x"}\n', "line 1: a reference needs an 'id'"),
], ids=["duplicate", "no_summary_or_translation", "no_id", "bad_json", "not_object", "empty", "wrong_type",
        "boolean_id", "huge_integer_id"])
def test_bad_references_are_errors_naming_the_line(tmp_path, content, match):
    path = tmp_path / "refs.jsonl"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=match):
        load_references(path)


def test_translation_only_references_are_allowed(tmp_path):
    path = tmp_path / "refs.jsonl"
    path.write_text('{"id": 7, "translation": "Rain fell."}\n', "utf-8")
    (ref,) = load_references(path)
    assert (ref.id, ref.summary, ref.translation) == ("7", None, "Rain fell.")


def test_system_file_keeps_the_first_of_repeated_ids_and_skips_bad_lines(tmp_path, caplog):
    path = tmp_path / "sys.jsonl"
    path.write_text('{"id": "a", "brief": "first"}\n{oops\n{"id": "a", "brief": "second"}\n', "utf-8")
    outputs = load_system(path)
    assert list(outputs) == ["a"] and outputs["a"].brief == "first"
    assert "more than once" in caplog.text and "unreadable line" in caplog.text


def test_byte_order_mark_in_references(tmp_path):
    path = tmp_path / "refs.jsonl"
    path.write_bytes('{"id": "a", "summary": "Rice prices rose."}\n{"id": "b", "summary": "Rain."}\n'
                     .encode("utf-8-sig"))
    assert [ref.id for ref in load_references(path)] == ["a", "b"]
