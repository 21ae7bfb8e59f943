"""``ringkas eval``: scoring system files, the JSON it writes, errors, and ``eval run`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sacrebleu
from rouge_score import rouge_scorer

from ringkas.cli import main
from ringkas.text import split_sentences

REPO = Path(__file__).resolve().parents[2]
SUITE = REPO / "eval" / "ringkas-id-news.toml"


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    return path


@pytest.fixture()
def files(tmp_path):
    refs = write_jsonl(tmp_path / "refs.jsonl", [
        {"id": "a", "summary": "Inflation rose to 2.1 percent in May.", "translation": "Inflation rose to 2.1 percent.",
         "source": "Inflasi naik 2,1 persen pada Mei."},
        {"id": "b", "summary": "Floods displaced 15,720 people.", "translation": "Floods displaced 15,720 people.",
         "source": "Banjir membuat 15.720 warga mengungsi."},
    ])
    good = write_jsonl(tmp_path / "good.jsonl", [
        {"id": "a", "brief": "Inflation rose to 2.1 percent in May.", "text_en": "Inflation rose to 2.1 percent."},
        {"id": "b", "brief": "Floods displaced 15,720 people.", "text_en": "Floods displaced 15,720 people."}])
    partial = write_jsonl(tmp_path / "partial.jsonl", [
        {"id": "a", "brief": "Prices went up in May.", "text_en": "Prices went up."}])
    return refs, good, partial


def test_scores_systems_and_writes_json(files, tmp_path, capsys):
    refs, good, partial = files
    out = tmp_path / "scores.json"
    code = main(["eval", "--refs", str(refs), "--system", f"good={good}", "--system", f"partial={partial}",
                 "--json", str(out), "--resamples", "200"])
    assert code == 0
    data = json.loads(out.read_text())
    assert data["systems"]["good"]["rouge1"]["f"] == pytest.approx(100.0)
    assert data["systems"]["partial"]["missing"] == 1
    scorer = rouge_scorer.RougeScorer(["rouge2"], use_stemmer=True)
    expected = scorer.score(target="\n".join(split_sentences("Inflation rose to 2.1 percent in May.")),
                            prediction="Prices went up in May.")["rouge2"].fmeasure * 100 / 2
    assert data["systems"]["partial"]["rouge2"]["f"] == pytest.approx(expected, abs=1e-6)
    assert data["systems"]["good"]["path"] == str(good)
    assert "rouge" in data["signatures"] and "chrf++" in data["signatures"]
    assert "good" in capsys.readouterr().out


@pytest.mark.parametrize("form", [["score"], []], ids=["score_action", "top_level"])
def test_score_action_and_top_level_agree(files, tmp_path, form):
    refs, good, partial = files
    out = tmp_path / "s.json"
    assert main(["eval", *form, "--refs", str(refs), "--system", f"p={partial}", "--json", str(out),
                 "--metrics", "rouge", "--resamples", "100"]) == 0
    assert json.loads(out.read_text())["systems"]["p"]["rouge1"]["f"] > 0


def test_scores_against_a_suite(tmp_path):
    refs = [json.loads(line) for line in (REPO / "eval/data/ringkas-id-news.jsonl").read_text().splitlines()]
    system = write_jsonl(tmp_path / "oracle.jsonl", [{"id": r["id"], "brief": r["summary"],
                                                      "text_en": r["translation"]} for r in refs])
    out = tmp_path / "s.json"
    assert main(["eval", "score", "--suite", str(SUITE), "--system", f"oracle={system}", "--json", str(out),
                 "--resamples", "100", "--report", str(tmp_path / "report")]) == 0
    data = json.loads(out.read_text())["systems"]["oracle"]
    assert data["rougeLsum"]["f"] == pytest.approx(100.0) and data["bleu"]["f"] == pytest.approx(100.0)
    assert data["number_fidelity"]["f"] == pytest.approx(100.0)  # our references keep the source's numbers
    assert (tmp_path / "report" / "report.html").is_file()


@pytest.mark.parametrize("argv,message", [
    (["eval", "--system", "x=y.jsonl"], "--refs"),
    (["eval", "--refs", "REFS"], "--system"),
    (["eval", "--refs", "absent.jsonl", "--system", "x=GOOD"], "does not exist"),
    (["eval", "--refs", "REFS", "--system", "x=GOOD", "--metrics", "rouge,blue"], "unknown metric"),
    (["eval", "--refs", "REFS", "--system", "x=GOOD", "--system", "x=GOOD"], "two systems"),
    (["eval", "--refs", "REFS", "--system", "x=GOOD", "--metrics", "bertscore"], "ringkas[bertscore]"),
], ids=["no_refs", "no_system", "missing_refs_file", "unknown_metric", "duplicate_name", "missing_extra"])
def test_usage_errors_exit_2_with_a_message(files, capsys, argv, message):
    refs, good, _partial = files
    argv = [a.replace("REFS", str(refs)).replace("GOOD", str(good)) for a in argv]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_bad_reference_line_names_the_line(tmp_path, files, capsys):
    _refs, good, _partial = files
    refs = tmp_path / "bad.jsonl"
    refs.write_text('{"id": "a", "summary": "ok"}\n{"id": "b"}\n')
    assert main(["eval", "--refs", str(refs), "--system", f"g={good}"]) == 2
    assert "line 2" in capsys.readouterr().err


def test_lists_suites(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    assert main(["eval", "suites"]) == 0
    out = capsys.readouterr().out
    for name in ("ringkas-id-news", "xlsum-id", "crosssum-id-en", "flores200-ind-eng"):
        assert name in out


def test_eval_run_end_to_end_with_the_real_runner(tmp_path, tiny_model):
    """Two pipelines (tiny Marian + lead, tiny Marian + textrank) run by the job runner over the suite, scored
    together: the scores are those of the briefs the runner wrote, the times those of its manifests."""
    job = ('[input]\npath = "unused.jsonl"\n'
           f'[translate]\nmodel = "{tiny_model("marian")}"\ndevice = "cpu"\nmax_new_tokens = 12\nnum_beams = 1\n'
           'options = { retry_degenerate = false }\n'
           '[summarise]\nmethod = "METHOD"\n[output]\ndir = "unused"\n')
    jobs = []
    for method in ("lead", "textrank"):
        path = tmp_path / f"{method}.toml"
        path.write_text(job.replace("METHOD", method))
        jobs += ["--job", str(path)]
    runs, scores, report = tmp_path / "runs", tmp_path / "scores.json", tmp_path / "report"
    argv = ["eval", "run", str(SUITE), *jobs, "--limit", "6", "--out", str(runs), "--json", str(scores),
            "--report", str(report), "--resamples", "100"]
    assert main(argv) == 0
    data = json.loads(scores.read_text())["systems"]
    refs = {row["id"]: row for row in map(json.loads, (REPO / "eval/data/ringkas-id-news.jsonl").open())}
    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    for name in ("lead", "textrank"):
        system = data[name]
        assert system["n"] == 6 and system["missing"] == 0
        briefs = [json.loads(line) for line in (runs / name / "briefs.jsonl").open()]
        assert len(briefs) == 6 and all(b["text_en"] and b["brief"] for b in briefs)
        expected = sum(scorer.score("\n".join(split_sentences(refs[b["id"]]["summary"])),
                                    "\n".join(split_sentences(b["brief"])))["rouge1"].fmeasure for b in briefs) / 6
        assert system["rouge1"]["f"] == pytest.approx(expected * 100, abs=1e-6)
        # The tiny model's English is gibberish, so ROUGE is ~0; chrF++ on text_en is not, and must be sacrebleu's.
        chrf = sacrebleu.corpus_chrf([b["text_en"] for b in briefs], [[refs[b["id"]]["translation"] for b in briefs]],
                                     word_order=2).score
        assert chrf > 0 and system["chrf++"]["f"] == pytest.approx(chrf, abs=1e-6)
        manifest = json.loads((runs / name / "manifest.json").read_text())
        stage_seconds = sum(stage["seconds"] for stage in manifest["timings"].values())
        assert system["seconds"] == pytest.approx(stage_seconds, abs=1e-3) and system["seconds"] > 0
    assert "lead" in (report / "report.html").read_text() and "textrank" in (report / "report.md").read_text()
    # A second call resumes: both jobs are already complete, and the scores are the same.
    first = data
    assert main(argv) == 0
    again = json.loads(scores.read_text())["systems"]
    assert again["lead"]["rouge1"] == first["lead"]["rouge1"] and again["lead"]["seconds"] == first["lead"]["seconds"]


def test_a_system_whose_ids_match_no_reference_is_exit_2(files, tmp_path, capsys, caplog):
    refs, good, partial = files
    other = write_jsonl(tmp_path / "other.jsonl", [{"id": "zz", "brief": "Something else.", "text_en": "x"}])
    assert main(["eval", "--refs", str(refs), "--system", f"good={good}", "--system", f"other={other}",
                 "--metrics", "rouge", "--resamples", "100"]) == 2
    err = capsys.readouterr().err
    assert "system 'other': none of its 1 ids matches a reference id" in err and "'zz'" in err
    caplog.set_level("WARNING", logger="ringkas.evaluate.references")
    assert main(["eval", "--refs", str(refs), "--system", f"partial={partial}", "--metrics", "rouge",
                 "--resamples", "100"]) == 0  # a partial match scores, with a warning
    assert any("no output for 1 of 2 references" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("option,value,message", [
    ("--resamples", "1", "must be at least 100"),
    ("--resamples", "99", "must be at least 100"),
    ("--seed", "-5", "must be at least 0"),
    ("--json", "DIR", "is a folder: give a file name"),
    ("--report", "FILE", "is a file: give a folder"),
], ids=["resamples-1", "resamples-99", "negative-seed", "json-is-a-folder", "report-is-a-file"])
def test_bad_statistics_and_output_options_are_usage_errors(files, tmp_path, capsys, option, value, message):
    refs, good, _partial = files
    folder = tmp_path / "scores"
    folder.mkdir()
    value = value.replace("DIR", str(folder)).replace("FILE", str(refs))
    with pytest.raises(SystemExit) as stop:
        main(["eval", "--refs", str(refs), "--system", f"good={good}", option, value])
    assert stop.value.code == 2 and message in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.jsonl", "partial.jsonl", "refs.jsonl", "scores"]
    assert not any(folder.iterdir())  # no scores.tmp, nothing half-written


def test_json_over_an_input_is_refused(files, capsys):
    refs, good, _partial = files
    before = good.read_bytes()
    assert main(["eval", "--refs", str(refs), "--system", f"good={good}", "--json", str(good)]) == 2
    assert good.read_bytes() == before and "would destroy" in capsys.readouterr().err


def test_one_reference_is_n_too_small_not_a_zero_width_interval(tmp_path, capsys):
    refs = write_jsonl(tmp_path / "refs.jsonl", [{"id": "a", "summary": "Inflation rose to 2.1 percent."}])
    system = write_jsonl(tmp_path / "s.jsonl", [{"id": "a", "brief": "Inflation rose."}])
    other = write_jsonl(tmp_path / "o.jsonl", [{"id": "a", "brief": "Prices rose to 2.1 percent."}])
    out = tmp_path / "scores.json"
    assert main(["eval", "--refs", str(refs), "--system", f"s={system}", "--system", f"o={other}",
                 "--metrics", "rouge", "--json", str(out), "--resamples", "100"]) == 0
    printed = capsys.readouterr().out
    assert "n = 1 reference: n too small for intervals and significance tests" in printed
    assert "±" not in printed.splitlines()[1]
    data = json.loads(out.read_text())
    assert data["systems"]["s"]["rouge1"]["ci"] == [None, None] and data["systems"]["s"]["rouge1"]["f"] > 0
    assert all(c["p_paired_bootstrap"] is None for c in data["comparisons"])


def test_translation_only_references_count_their_translations(tmp_path, capsys):
    refs = write_jsonl(tmp_path / "refs.jsonl", [
        {"id": "a", "translation": "Inflation rose to 2.1 percent."},
        {"id": "b", "translation": "Floods displaced 15,720 people."},
        {"id": "c", "translation": "The bridge opened on Tuesday."}])
    system = write_jsonl(tmp_path / "s.jsonl", [
        {"id": "a", "text_en": "Inflation rose 2.1 percent."}, {"id": "b", "text_en": "Floods displaced people."},
        {"id": "c", "text_en": "A bridge opened Tuesday."}])
    out = tmp_path / "scores.json"
    assert main(["eval", "--refs", str(refs), "--system", f"s={system}", "--json", str(out),
                 "--resamples", "100"]) == 0
    printed = capsys.readouterr().out
    assert "n = 3 references with a translation" in printed and "n = 0" not in printed
    assert json.loads(out.read_text())["systems"]["s"]["n"] == 3
