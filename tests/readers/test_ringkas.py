"""ringkas's own JSONL (a stage's output, a job's briefs) is one more reader: the same reasons and ids."""

from __future__ import annotations

import json

import pytest

from ringkas.readers import read_articles
from ringkas.readers.jsonl import read_jsonl
from ringkas.readers.ringkas import read_ringkas_jsonl

GOOD = {"id": "ok", "text": "Banjir merendam rumah.", "title_en": "Floods", "flags": ["f"],
        "metadata": {"origin": {"file": "feed.jsonl", "line": 9}, "provenance": {"clean": {}}}}


def test_every_field_a_stage_wrote_is_read_back(tmp_path):
    path = tmp_path / "clean.jsonl"
    path.write_text(json.dumps(GOOD) + "\n", "utf-8")
    [article] = list(read_articles(path, format="ringkas"))
    assert (article.id, article.title_en, article.flags) == ("ok", "Floods", ["f"])
    assert article.metadata["origin"] == {"file": "feed.jsonl", "line": 9}  # where its first reader found it


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"{not json", "malformed_json"),
        (b"[1, 2]", "not_an_object"),
        (b"[" * 100_000 + b"]" * 100_000, "malformed_json"),
        (b'{"id": "t", "text": 5}', "text_not_string"),
        (b'{"id": "t", "text": ["a"]}', "text_not_string"),
        (b'{"id": "t", "text": "x\\u0000y"}', "binary"),
        (b'{"id": true, "text": "x"}', "bad_id"),
        (b'{"id": "t", "text": "x", "flags": "f"}', "flags_not_list"),
        (b'{"id": "t", "text": "x", "metadata": "a"}', "metadata_not_object"),
        (b'{"id": "t", "text": "x", "provenance": {}, "check": "none"}', "check_not_object"),
        (b'\xff{"id": "t"}', "invalid_utf8"),
    ],
    ids=["malformed", "not-an-object", "nested-too-deeply", "text-number", "text-list", "nul-bytes", "boolean-id",
         "flags-string", "metadata-string", "brief-check-string", "not-utf8"],
)
def test_a_bad_line_is_the_reject_every_reader_gives(line, reason, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(line + b"\n" + json.dumps(GOOD).encode() + b"\n")
    bad, good = read_ringkas_jsonl(path)
    assert (bad.rejection.stage, bad.rejection.reason) == ("read", reason)
    assert bad.rejection_dict()["line"] == 1 and bad.id in (f"{path}:1", "t")
    assert not good.rejected


@pytest.mark.parametrize("line", [b"{not json", b"[1, 2]", b'{"id": "t", "text": 5}'],
                         ids=["malformed", "not-an-object", "text-number"])
def test_the_same_line_is_the_same_reject_as_in_plain_jsonl(line, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(line + b"\n")
    [ours] = read_ringkas_jsonl(path)
    [plain] = read_jsonl(path)
    assert ours.rejection_dict() == plain.rejection_dict() and ours.id == plain.id
