"""``ringkas summarise`` end to end, in-process, with a bad record in the input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringkas.cli import main
from tests.cli import exit_status
from tests.summarise.conftest import RICE_ARTICLE


def write_input(path: Path) -> Path:
    lines = [
        json.dumps({"id": "rice", "title": "Harga beras naik", "title_en": "Rice prices rise", "text": "x",
                    "text_en": RICE_ARTICLE}),
        "{not json",
        json.dumps({"id": "empty", "text": "x", "text_en": ""}),
        json.dumps({"id": "floods", "text": "x", "text_en": "Floods hit Bekasi on Tuesday. Residents left home."}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_textrank_end_to_end_with_rejects(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "briefs.jsonl"
    code = main(["summarise", str(write_input(tmp_path / "en.jsonl")), "-o", str(out), "--method", "textrank",
                 "--sentences", "2"])
    assert code == 0
    written = read(out)
    assert [r["id"] for r in written] == ["rice", "floods"]
    assert written[0]["headline_en"] == "Rice prices rise"
    assert written[0]["brief"].splitlines()[0].startswith("- The price of rice")
    assert written[0]["metadata"]["provenance"]["summarise"]["method"] == "textrank"
    rejects = read(tmp_path / "briefs.rejects.jsonl")
    assert [(r["stage"], r["reason"], r["line"]) for r in rejects] == [
        ("read", "malformed_json", 2), ("summarise", "empty_source", 3)]
    err = capsys.readouterr().err
    assert "4 records: 2 written" in err and "2 rejected" in err


@pytest.mark.slow
def test_model_end_to_end_with_fallback(tmp_path: Path, tiny_model, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "briefs.jsonl"
    code = main(["summarise", str(write_input(tmp_path / "en.jsonl")), "-o", str(out), "--model",
                 str(tiny_model("t5")), "--max-new-tokens", "8", "--num-beams", "1", "--device", "cpu",
                 "--fallback-extractive"])
    assert code == 0
    written = read(out)
    assert len(written) == 2
    for record in written:
        provenance = record["metadata"]["provenance"]["summarise"]
        assert provenance["model"] == str(tiny_model("t5"))
        assert provenance["generation"]["max_new_tokens"] == 8
        report = provenance["faithfulness"]
        # A random-weight model's brief is either clean or flagged; a flagged one was replaced by lead.
        if report["flags"]:
            assert "extractive_fallback" in record["flags"]
            assert record["brief"].startswith("- ")
            assert record["brief"].splitlines()[0][2:] in (RICE_ARTICLE + " Floods hit Bekasi on Tuesday.")
    assert "2 rejected" in capsys.readouterr().err


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--method", "lead", "--model", "x/y"], "uses no model"),
        (["--model", "./no/such/folder"], "does not exist"),
        (["--method", "instruct", "--model", "{tiny}", "--prompt", "nope"], "prompt 'nope' not found"),
        (["--method", "textrank", "--pipeline", "direct"], "needs a cross-lingual model"),
        (["--model", "{bart}", "--prompt", "brief_3_bullets", "--method", "seq2seq"], "a prompt needs an instruction"),
        (["--model", "{bart}", "--style", "paragraph", "--prompt", "brief_3_bullets"], "style comes from the prompt"),
        (["--model", "{mt5}", "--pipeline", "direct", "--fallback-extractive"], "would put 'id' sentences"),
        (["--model", "{bart}", "--backend", "ctranslate2", "--compute-type", "int3"], "int3"),
        (["--model", "{bart}", "--num-beams", "100000"], "num_beams = 100000 is above the maximum 64"),
    ],
    ids=["lead-with-model", "missing-folder", "unknown-prompt", "direct-extractive", "seq2seq-with-prompt",
         "instruct-with-style", "direct-fallback", "bad-compute-type", "absurd-beams"],
)
def test_bad_arguments_exit_2(tmp_path: Path, tiny_model, capsys, extra: list[str], message: str) -> None:
    names = {"{tiny}": "causal", "{bart}": "bart", "{mt5}": "mt5"}
    extra = [str(tiny_model(names[e])) if e in names else e for e in extra]
    out = tmp_path / "o.jsonl"
    code = exit_status(["summarise", str(write_input(tmp_path / "en.jsonl")), "-o", str(out), *extra])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("pipeline, default", [
    ("translate-then-summarise", "sshleifer/distilbart-cnn-12-6"),
    ("direct", "csebuetnlp/mT5_m2o_english_crossSum"),
    ("summarise-then-translate", "csebuetnlp/mT5_multilingual_XLSum"),
], ids=["tts", "direct", "stt"])
def test_no_method_and_no_model_is_the_pipelines_default_model(tmp_path: Path, hf_home, capsys, pipeline,
                                                               default) -> None:
    """One answer in the CLI, the library and the job spec: direct never gets the English-only DistilBART."""
    from ringkas.models import ModelNotFoundError
    from ringkas.summarise.settings import SummariserSettings

    with pytest.raises(ModelNotFoundError, match=default):  # the library's answer (no hub here)
        SummariserSettings.from_options(pipeline=pipeline)
    code = main(["summarise", str(write_input(tmp_path / "en.jsonl")), "-o", str(tmp_path / "o.jsonl"),
                 "--pipeline", pipeline, "--translate-model", "./nowhere"])
    assert code == 2
    err = capsys.readouterr().err
    assert default in err and ("distilbart" not in err or pipeline == "translate-then-summarise")


def test_direct_with_fallback_never_writes_indonesian(tmp_path: Path, tiny_model) -> None:
    """The extractive fallback of an Indonesian source is Indonesian: refused for the direct pipeline, in the
    library as on the command line (above), so no brief or headline_en can be Indonesian."""
    from ringkas.errors import ConfigError
    from ringkas.summarise import build_summariser

    with pytest.raises(ConfigError, match="would put 'id' sentences into an 'en' brief"):
        build_summariser(model=str(tiny_model("mt5")), pipeline="direct", fallback_extractive=True)
    summariser = build_summariser(model=str(tiny_model("mt5")), pipeline="direct", device="cpu",
                                  max_new_tokens=6, num_beams=1)
    assert summariser.method == "direct" and summariser.guard.fallback is None


def test_missing_input_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["summarise", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--method", "lead"]) == 2
    assert "does not exist" in capsys.readouterr().err


DATA = Path(__file__).parents[1] / "summarise" / "data"


def test_textrank_matches_golden_briefs(tmp_path: Path) -> None:
    """Whole-file run on the sample articles; the golden file was read and checked by hand when written."""
    out = tmp_path / "briefs.jsonl"
    assert main(["-q", "summarise", str(DATA / "en_articles.jsonl"), "-o", str(out), "--method", "textrank",
                 "--sentences", "3"]) == 0
    got = [{k: r[k] for k in ("id", "headline_en", "brief")} for r in read(out)]
    assert got == read(DATA / "en_articles.textrank3.golden.jsonl")
