"""One schema per output file: the briefs line, its Parquet table and its reading back all come from it."""

from __future__ import annotations

import json

import pytest

from ringkas.readers.ringkas import read_ringkas_jsonl
from ringkas.record import Article
from ringkas.writers.schema import (
    BRIEF_COLUMNS,
    BRIEF_FIELDS,
    article_from_brief,
    brief_record,
    parquet_schema,
    reject_record,
)


def _brief() -> Article:
    article = Article(id="kmp-1", title="Banjir di Bekasi", text="Banjir merendam rumah warga.", title_en="Floods",
                      text_en="Floods hit homes.", headline_en="Floods hit Bekasi", brief="- Floods hit homes.",
                      url="https://example.id/1", source="kompas", published="2026-11-19", flags=["near_duplicate"],
                      story="banjir-bekasi")
    article.metadata.update({"job": {"seq": 7, "similarity": 0.93}, "duplicate_of": "ant-2",
                             "story": {"id": "banjir-bekasi", "role": "lead"},
                             "check": {"numbers": []}, "provenance": {"clean": {"cleaner": "1"}}})
    return article


def test_a_brief_line_reads_back_into_the_same_line():
    line = brief_record(_brief())
    assert list(line) == list(BRIEF_FIELDS)
    again = article_from_brief(json.loads(json.dumps(line)))
    assert brief_record(again) == line
    assert again.metadata["provenance"] == {"clean": {"cleaner": "1"}}
    assert again.metadata["job"] == {"seq": 7, "similarity": 0.93} and "extra" not in again.metadata


def test_a_brief_without_flags_or_text_keeps_flags_and_drops_text():
    line = brief_record(Article(id="a", brief="- x"))
    assert line == {"id": "a", "brief": "- x", "flags": [], "provenance": {}}


def test_a_jobs_briefs_file_is_read_back_as_briefs(tmp_path):
    path = tmp_path / "briefs.jsonl"
    path.write_text(json.dumps(brief_record(_brief())) + "\n", encoding="utf-8")
    [article] = list(read_ringkas_jsonl(path))
    assert (article.brief, article.metadata["duplicate_of"], article.metadata["check"]) == (
        "- Floods hit homes.", "ant-2", {"numbers": []})


@pytest.mark.parametrize(("bad", "message"), [({"provenance": {}, "check": "none"}, "'check' must be an object"),
                                              ({"provenance": {}, "flags": "x"}, "'flags' must be a list")],
                         ids=["check-not-an-object", "flags-not-a-list"])
def test_a_brief_line_of_the_wrong_types_is_a_type_error(bad, message):
    with pytest.raises(TypeError, match=message):
        article_from_brief({"id": "a", **bad})


def test_parquet_columns_are_the_brief_columns():
    schema = parquet_schema()
    assert schema.names == list(BRIEF_FIELDS)
    kinds = {column.name: column.kind for column in BRIEF_COLUMNS}
    assert str(schema.field("seq").type) == "int64" and kinds["seq"] == "int"
    assert str(schema.field("provenance").type) == "string" and kinds["provenance"] == "json"


def test_a_reject_line_carries_its_position_in_a_job():
    article = Article(id="x").reject("clean", "empty_text")
    article.metadata["origin"] = {"file": "in.jsonl", "line": 3}
    assert reject_record(article) == {"id": "x", "stage": "clean", "reason": "empty_text", "file": "in.jsonl",
                                      "line": 3}
    assert reject_record(article, 12)["seq"] == 12
