from __future__ import annotations

import sys

from ringkas.progress import progress


def test_log_lines_carry_rate_eta_and_the_callers_figure(caplog, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    caplog.set_level("DEBUG", logger="ringkas.progress")
    items = list(progress(range(3), "translate", total=3, log_every_s=0, postfix=lambda s: "42 tok/s"))
    assert items == [0, 1, 2]
    lines = [r.getMessage() for r in caplog.records]
    assert lines[0].startswith("translate: 1/3 articles, ") and "ETA" in lines[0] and lines[0].endswith("42 tok/s")
    assert lines[-1].startswith("translate: 3 articles in ") and lines[-1].endswith(", 42 tok/s")
    # the periodic lines are INFO (cron logs); the closing one only -v shows: the summary line says it
    assert [r.levelname for r in caplog.records] == ["INFO", "INFO", "INFO", "DEBUG"]


def test_quiet_shows_no_bar_and_logs_nothing(capsys, caplog, monkeypatch):
    from ringkas.console import configured

    caplog.set_level("DEBUG", logger="ringkas.progress")
    for tty in (True, False):
        monkeypatch.setattr(sys.stderr, "isatty", lambda: tty, raising=False)
        with configured(quiet=True):
            assert list(progress(range(2), "translate", total=2, log_every_s=0)) == [0, 1]
    assert capsys.readouterr().err == "" and caplog.records == []


def test_terminal_bar_shows_the_callers_figure(capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert list(progress(range(2), "translate", total=2, postfix=lambda s: "7 tok/s")) == [0, 1]
    err = capsys.readouterr().err
    assert "translate" in err and "2/2" in err and "7 tok/s" in err
