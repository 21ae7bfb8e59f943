"""``ringkas translate`` end to end, in-process, on tiny models: outputs, rejects, exit codes."""

from __future__ import annotations

import json

import pytest

from ringkas.cli import main
from tests.cli import exit_status
from ringkas.text import split_paragraphs

RECORDS = [
    {"id": "banjir", "title": "Banjir di Bekasi",
     "text": "Banjir merendam ratusan rumah warga di Bekasi.\n\nWarga diminta tetap waspada terhadap cuaca ekstrem."},
    "{not json",
    {"id": "daftar", "title": "Salah", "text": ["teks", "bukan", "string"]},
    {"id": "gempa", "title": "Gempa Cianjur", "text": "Gempa bermagnitudo 5,6 mengguncang Cianjur pagi ini."},
]


@pytest.fixture()
def cleaned(tmp_path):
    path = tmp_path / "clean.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in RECORDS]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_translate_command_writes_records_and_rejects(tiny_model, cleaned, tmp_path, backend, capsys):
    out = tmp_path / "en.jsonl"
    code = main(["translate", str(cleaned), "-o", str(out), "--model", str(tiny_model("marian")),
                 "--backend", backend, "--device", "cpu", "--max-new-tokens", "12", "--num-beams", "1",
                 "--batch-tokens", "512", "--cache", str(tmp_path / "mt.sqlite")])
    assert code == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["banjir", "gempa"]
    for row, source in zip(rows, (RECORDS[0], RECORDS[3])):
        assert row["text"] == source["text"] and row["title_en"]
        assert len(split_paragraphs(row["text_en"])) == len(split_paragraphs(source["text"]))
        prov = row["metadata"]["provenance"]["translate"]
        assert prov["backend"] == backend and prov["settings"]["max_new_tokens"] == 12
        assert prov["revision"].startswith("local-") and "ringkas" not in prov
        assert row["metadata"]["provenance"]["ringkas"]["ringkas"]  # the signature, once per record
    rejects = [json.loads(line) for line in (tmp_path / "en.rejects.jsonl").read_text("utf-8").splitlines()]
    assert [(r["stage"], r["reason"], r["line"]) for r in rejects] == [
        ("read", "malformed_json", 2), ("read", "text_not_string", 3)]
    summary = capsys.readouterr().err
    assert "4 records: 2 written" in summary and "2 rejected" in summary and "tok/s" in summary
    counts = {flag: sum(flag in r.get("flags", []) for r in rows)
              for flag in ("mt_number_mismatch", "mt_sentence_missing", "mt_sentence_added", "mt_repaired")}
    assert ("flagged: " + ", ".join(f"{flag} {n}" for flag, n in counts.items())) in summary


@pytest.mark.slow
def test_second_run_is_served_from_the_cache(tiny_model, cleaned, tmp_path, capsys):
    args = ["translate", str(cleaned), "--model", str(tiny_model("marian")), "--backend", "transformers",
            "--device", "cpu", "--max-new-tokens", "8", "--cache", str(tmp_path / "mt.sqlite")]
    assert main([*args, "-o", str(tmp_path / "one.jsonl")]) == 0
    capsys.readouterr()
    assert main([*args, "-o", str(tmp_path / "two.jsonl")]) == 0
    assert "cache hits 5/5 chunks" in capsys.readouterr().err
    assert (tmp_path / "one.jsonl").read_text("utf-8") == (tmp_path / "two.jsonl").read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "/nonexistent/model-folder"], "does not exist"),
        (["--model", "Helsinki-NLP/opus-mt-id-en"], "ringkas models download Helsinki-NLP/opus-mt-id-en"),
        (["--device", "tpu"], "use auto, cpu, cuda or cuda:N"),
        (["--compute-type", "int8"], "does not take compute_type"),
    ],
    ids=["missing-folder", "hub-id-offline", "bad-device", "option-of-another-backend"],
)
def test_cannot_start_is_exit_2_with_a_message(cleaned, tmp_path, hf_home, tiny_model, args, message, capsys):
    argv = ["translate", str(cleaned), "-o", str(tmp_path / "o.jsonl"), "--backend", "transformers", *args]
    if "--model" not in args:
        argv += ["--model", str(tiny_model("marian"))]
    assert exit_status(argv) == 2
    assert message in capsys.readouterr().err


def test_missing_input_is_exit_2(tmp_path, capsys):
    assert main(["translate", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "does not exist" in capsys.readouterr().err
