"""Suite files and loaders: the shipped suite, and the public-benchmark suites on small local files in the
layout (column names, configs) of the hub datasets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringkas.errors import ConfigError, InputError
from ringkas.evaluate.suites import load_suite, suite_articles, suite_references

REPO = Path(__file__).resolve().parents[2]


def write_jsonl(path: Path, rows: list[dict]) -> str:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    return str(path)


def test_shipped_suite_is_complete():
    suite = load_suite(REPO / "eval" / "ringkas-id-news.toml")
    refs = suite_references(suite)
    assert len(refs) >= 30
    assert all(r.summary and r.translation and r.source for r in refs)
    assert len({r.id for r in refs}) == len(refs)
    articles = suite_articles(suite)
    assert [a.id for a in articles] == [r.id for r in refs] and all(a.lang == "id" for a in articles)
    # written in the noisy scraped form
    assert sum("Baca juga" in r.source or "Baca Juga" in r.source or "BACA JUGA" in r.source for r in refs) >= 30


def test_suite_found_by_name(monkeypatch):
    monkeypatch.chdir(REPO)
    assert load_suite("ringkas-id-news").name == "ringkas-id-news"


XLSUM_ROWS = [{"id": "media-1", "url": "https://example.org/1", "title": "Gajah mengamuk",
               "summary": "Seekor gajah mengamuk saat upacara.", "text": "Seekor gajah mengamuk. 17 orang terluka."},
              {"id": "media-2", "url": "https://example.org/2", "title": "Banjir",
               "summary": "Banjir merendam kota.", "text": "Banjir merendam kota sejak Senin."}]
CROSSSUM_ROWS = [{"source_url": "https://example.org/id/1", "target_url": "https://example.org/en/1",
                  "summary": "An elephant ran amok at a ceremony.", "text": "Seekor gajah mengamuk saat upacara."}]


@pytest.mark.parametrize("suite_name,rows,expected", [
    ("xlsum-id", XLSUM_ROWS, ("media-1", "Seekor gajah mengamuk saat upacara.", "Gajah mengamuk")),
    ("crosssum-id-en", CROSSSUM_ROWS, ("https://example.org/id/1", "An elephant ran amok at a ceremony.", None)),
], ids=["xlsum", "crosssum"])
def test_hub_summarisation_suites_on_local_files(tmp_path, suite_name, rows, expected):
    suite = load_suite(REPO / "eval" / f"{suite_name}.toml")
    assert suite.dataset.kind == "hf"
    local = suite.with_dataset(path="json", config=None, split="train",
                               data_files=write_jsonl(tmp_path / "test.jsonl", rows))
    refs = suite_references(local)
    ref_id, summary, title = expected
    assert (refs[0].id, refs[0].summary, refs[0].title) == (ref_id, summary, title)
    assert refs[0].source == rows[0]["text"]
    assert suite_articles(local)[0].text == rows[0]["text"]


def test_flores_joins_the_english_config(tmp_path):
    base = {"URL": "https://en.wikinews.org/x", "domain": "wikinews", "topic": "health", "has_image": 0,
            "has_hyperlink": 0}
    ind = write_jsonl(tmp_path / "ind.jsonl", [{**base, "id": 1, "sentence": "Para ilmuwan menemukan obat."},
                                               {**base, "id": 2, "sentence": "Hujan turun."}])
    eng = write_jsonl(tmp_path / "eng.jsonl", [{**base, "id": 2, "sentence": "Rain fell."},
                                               {**base, "id": 1, "sentence": "Scientists found a cure."}])
    suite = load_suite(REPO / "eval" / "flores200-ind-eng.toml")
    assert suite.dataset.config == "ind_Latn" and suite.dataset.join.config == "eng_Latn"
    from dataclasses import replace

    local = suite.with_dataset(path="json", config=None, split="train", data_files=ind,
                               join=replace(suite.dataset.join, path="json", config=None, split="train",
                                            data_files=eng))
    refs = suite_references(local)
    assert [(r.id, r.source, r.translation, r.summary) for r in refs] == [
        ("1", "Para ilmuwan menemukan obat.", "Scientists found a cure.", None),
        ("2", "Hujan turun.", "Rain fell.", None)]


@pytest.mark.parametrize("content,error,match", [
    ('name = "x"\n', ConfigError, "dataset"),
    ('[dataset]\nkind = "csv"\npath = "x"\n', ConfigError, "kind"),
    ('[dataset]\nkind = "jsonl"\npath = "x.jsonl"\n[dataset.columns]\nsumary = "s"\n', ConfigError, "sumary"),
    ('[dataset]\nkind = "jsonl"\npath = "absent.jsonl"\n', InputError, "does not exist"),
], ids=["no_dataset", "bad_kind", "unknown_column", "missing_file"])
def test_bad_suites_are_clear_errors(tmp_path, content, error, match):
    path = tmp_path / "suite.toml"
    path.write_text(content, "utf-8")
    with pytest.raises(error, match=match):
        suite_references(load_suite(path))


def test_unknown_suite_name_lists_the_known_ones(monkeypatch):
    monkeypatch.chdir(REPO)
    with pytest.raises(InputError, match="ringkas-id-news"):
        load_suite("no-such-suite")
