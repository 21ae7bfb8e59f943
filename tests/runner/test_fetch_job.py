"""A job with ``[input] feeds``: fetch first (from a portal on 127.0.0.1), then plan, clean and the rest."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ringkas.errors import ConfigError
from ringkas.runner import run_job
from ringkas.runner.spec import load_spec
from ringkas.runner.stages import RingkasStages
from tests.fetch.conftest import PARAGRAPHS, feed_reply, news, page_html, rss  # noqa: F401 - news is a fixture
from tests.fetch.server import Reply
from tests.runner.conftest import subprocess_env, write_spec
from tests.runner.doubles import FakeStages


class RealReadAndClean(FakeStages):
    """The real reader and cleaner (pages are HTML), the stand-in model stages."""

    read = RingkasStages.read
    clean_steps = RingkasStages.clean_steps


STAGES = "tests.runner.test_fetch_job:RealReadAndClean"


def _stories(n: int) -> list[str]:
    words = ["banjir", "beras", "pemilu", "kereta", "pasar", "sekolah", "gempa", "pajak", "jalan", "listrik"]
    return [f"Warga melaporkan masalah {words[i % len(words)]} nomor {i} kepada pemerintah daerah setempat pada "
            f"Senin pagi, dan petugas segera turun ke lokasi untuk memeriksa keadaan." for i in range(n)]


def _portal(news, count: int = 4) -> None:  # noqa: F811 - the fixture's name
    news.routes["/rss"] = feed_reply(rss("Portal Berita", [(f"Berita {n}", news.url(f"/berita/{n}"))
                                                           for n in range(count)]))
    for n, story in enumerate(_stories(count)):
        news.routes[f"/berita/{n}"] = Reply(body=page_html(f"Berita {n}", [story, *PARAGRAPHS[n % 3:]]))


def _spec(news, out: Path, state: Path, **fetch) -> dict:  # noqa: F811
    return {
        "input": {"feeds": [news.url("/rss")], "fetch": {"state": str(state), "delay": 0.02,
                                                         "allow_private": True, **fetch}},
        "translate": {"model": "fake-mt"},
        "summarise": {"method": "lead"},
        "dedupe": {"enabled": False},
        "cluster": {"enabled": False},  # every page briefed
        "output": {"dir": str(out)},
        "run": {"stages": STAGES, "unit_size": 2},
    }


def _briefs(out: Path) -> list[dict]:
    path = out / "briefs.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_a_job_fetches_then_cleans_translates_and_summarises(news, tmp_path):  # noqa: F811
    _portal(news)
    result = run_job(_spec(news, tmp_path / "day1", tmp_path / "state.sqlite"))
    briefs = _briefs(result.out_dir)
    assert len(briefs) == 4 and result.counts["accepted"] == 4
    assert all("tanggul" in b["text_en"] for b in briefs)  # the full page, not the feed's teaser
    assert briefs[0]["provenance"]["fetch"]["feed"] == news.url("/rss")
    assert briefs[0]["provenance"]["fetch"]["user_agent"].startswith("ringkas/")
    fetch = result.manifest["fetch"]
    assert (fetch["fetched"], fetch["not_modified"], fetch["robots_disallowed"], fetch["pages"]) == (4, 0, 0, 4)
    assert list(result.manifest["timings"])[0] == "fetch" and result.manifest["timings"]["fetch"]["articles"] == 4
    assert (result.out_dir / "pages.jsonl").exists()


def test_a_second_run_the_same_day_is_an_empty_day(news, tmp_path):  # noqa: F811
    _portal(news)
    run_job(_spec(news, tmp_path / "day1", tmp_path / "state.sqlite"))
    second = run_job(_spec(news, tmp_path / "day1b", tmp_path / "state.sqlite"))
    assert second.status == "complete" and second.counts["accepted"] == 0 and _briefs(second.out_dir) == []
    assert second.manifest["fetch"]["not_modified"] == 1 and second.manifest["fetch"]["fetched"] == 0
    assert all(news.count(f"/berita/{n}") == 1 for n in range(4))


def test_force_reprocesses_the_folders_pages(news, tmp_path):  # noqa: F811
    _portal(news)
    spec = _spec(news, tmp_path / "day1", tmp_path / "state.sqlite")
    run_job(spec)
    again = run_job(spec, force=True)
    assert again.counts["accepted"] == 4 and again.manifest["fetch"]["fetched"] == 0
    assert all(news.count(f"/berita/{n}") == 1 for n in range(4))


def test_failures_and_robots_are_counted_in_the_manifest(news, tmp_path):  # noqa: F811
    _portal(news)
    news.routes["/robots.txt"] = Reply(body="User-agent: *\nDisallow: /berita/3\n", content_type="text/plain")
    news.routes["/berita/2"] = Reply(404)
    result = run_job(_spec(news, tmp_path / "day1", tmp_path / "state.sqlite"))
    fetch = result.manifest["fetch"]
    assert fetch["fetched"] == 2 and fetch["robots_disallowed"] == 1
    assert fetch["rejected_by_reason"] == {"http_error": 1, "robots_disallowed": 1}
    reasons = [json.loads(line)["reason"] for line in (result.out_dir / "pages.rejects.jsonl").read_text().splitlines()]
    assert sorted(reasons) == ["http_error", "robots_disallowed"]


def test_the_state_defaults_to_one_per_job_spec(news, tmp_path, ringkas_cache):  # noqa: F811
    _portal(news, 1)
    spec = _spec(news, tmp_path / "out", tmp_path / "unused")
    del spec["input"]["fetch"]["state"]
    path = write_spec(tmp_path / "morning.toml", spec)
    run_job(path)
    assert len(list((ringkas_cache / "fetch").glob("morning-*.sqlite"))) == 1


def test_two_specs_named_alike_in_different_folders_keep_their_own_fetch_state(news, tmp_path):  # noqa: F811
    _portal(news, 2)
    briefs = []
    for folder in ("a", "b"):
        spec = _spec(news, tmp_path / folder / "out", tmp_path / "unused")
        del spec["input"]["fetch"]["state"]
        (tmp_path / folder).mkdir()
        briefs.append(len(_briefs(run_job(write_spec(tmp_path / folder / "daily.toml", spec)).out_dir)))
    assert briefs == [2, 2]  # one shared state would have given b nothing new to fetch


def test_a_job_keeps_the_fetch_state_of_its_name_only_file_from_before(news, tmp_path, ringkas_cache):  # noqa: F811
    """Earlier versions kept ``fetch/<spec name>.sqlite``: an upgraded job's first run starts from a copy."""
    _portal(news, 2)
    old = ringkas_cache / "fetch" / "upgraded.sqlite"
    run_job(_spec(news, tmp_path / "day1", old))
    spec = _spec(news, tmp_path / "day2", tmp_path / "unused")
    del spec["input"]["fetch"]["state"]
    second = run_job(write_spec(tmp_path / "upgraded.toml", spec))
    assert _briefs(second.out_dir) == [] and second.manifest["fetch"]["fetched"] == 0
    assert old.exists() and len(list((ringkas_cache / "fetch").glob("upgraded-*.sqlite"))) == 1


@pytest.mark.parametrize("change, message", [
    ({"path": "x.jsonl"}, "both set"),
    ({"feeds": []}, "must not be empty"),
    ({"fetch": {"delay": -2}}, "input.fetch: delay"),
    ({"fetch": {"speed": 3}}, "unknown fetch setting"),
    ({"format": "csv"}, "input.format does not apply"),
    ({"feeds": ["feeds/missing.opml"]}, "neither a URL nor an existing file"),
], ids=["path-and-feeds", "no-feeds", "negative-delay", "unknown-key", "format", "missing-opml"])
def test_spec_mistakes(change, message, tmp_path):
    spec = {"input": {"feeds": ["https://portal.example/rss"]}, "translate": {"model": "fake-mt"},
            "summarise": {"method": "lead"}, "output": {"dir": str(tmp_path)}, "run": {"stages": STAGES}}
    spec["input"].update(change)
    with pytest.raises(ConfigError, match=message):
        load_spec(spec)


def test_neither_path_nor_feeds(tmp_path):
    with pytest.raises(ConfigError, match="missing input.path"):
        load_spec({"summarise": {"method": "lead"}, "translate": {"enabled": False}, "output": {"dir": "x"}})


def test_a_sharded_job_cannot_fetch(news, tmp_path):  # noqa: F811
    with pytest.raises(ConfigError, match="sharded"):
        run_job(_spec(news, tmp_path / "out", tmp_path / "state.sqlite"), shard="1/2")
    assert news.hits == []


@pytest.mark.slow
def test_killed_mid_fetch_the_job_resumes_without_fetching_twice(news, tmp_path):  # noqa: F811
    _portal(news, 10)
    spec = _spec(news, tmp_path / "out", tmp_path / "state.sqlite", delay=0.15)
    path = write_spec(tmp_path / "job.toml", spec)
    code = "import sys; from ringkas.runner import run_job; run_job(sys.argv[1])"
    process = subprocess.Popen([sys.executable, "-c", code, str(path)], env=subprocess_env(), cwd=tmp_path)
    pages = tmp_path / "out" / "pages.jsonl"
    deadline = time.monotonic() + 60
    while not (pages.exists() and pages.read_bytes().count(b"\n") >= 3) and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert pages.read_bytes().count(b"\n") < 10
    result = run_job(path)
    assert result.counts["accepted"] == 10 and len(_briefs(result.out_dir)) == 10
    hits = [news.count(f"/berita/{n}") for n in range(10)]
    assert min(hits) == 1 and sum(hits) <= 11


def test_shipped_daily_job_and_opml_example(monkeypatch):
    from ringkas.fetch.sources import expand_sources

    repo = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(repo)
    spec = load_spec(repo / "jobs" / "daily.toml")
    feeds = spec["input"]["feeds"]
    assert 5 <= len(feeds) <= 10 and all(f.startswith("https://") for f in feeds)
    opml = expand_sources(["examples/feeds/portals.opml"])
    assert opml.feeds == feeds  # one list of portals, two ways to give it


def test_ringkas_run_prints_what_was_fetched(news, tmp_path, capsys):  # noqa: F811
    from ringkas.cli import main

    _portal(news, 2)
    path = write_spec(tmp_path / "job.toml", _spec(news, tmp_path / "out", tmp_path / "state.sqlite"))
    assert main(["-q", "run", str(path)]) == 0
    assert "fetched 2 new pages from 1 feed (0 not modified), 2 pages to process" in capsys.readouterr().out


def _dead_feed() -> str:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/rss"  # nothing listens there once it is closed


def test_a_daily_job_whose_feeds_cannot_be_reached_fails_and_says_why(news, tmp_path, capsys):  # noqa: F811
    from ringkas.cli import main

    spec = _spec(news, tmp_path / "day1", tmp_path / "state.sqlite")
    spec["input"]["feeds"] = [_dead_feed(), _dead_feed()]
    assert main(["run", str(write_spec(tmp_path / "daily.toml", spec))]) == 1
    err = capsys.readouterr().err
    assert "nothing could be fetched: 2 of 2 feeds (connection_error 2)" in err and "robots_disallowed" not in err
    digest = (tmp_path / "day1" / "digest.md").read_text("utf-8").splitlines()
    assert digest[4].startswith("> ⚠ Sources failed, nothing could be fetched: 2 of 2 feeds (connection\\_error 2)")
    assert "Sources failed" in (tmp_path / "day1" / "digest.html").read_text("utf-8")


def test_a_day_whose_feeds_could_not_be_reached_is_fetched_again_on_the_rerun(news, tmp_path, capsys):  # noqa: F811
    from ringkas.cli import main

    spec = write_spec(tmp_path / "daily.toml", _spec(news, tmp_path / "day1", tmp_path / "state.sqlite"))
    news.routes["/rss"] = Reply(status=503, body=b"down")  # the portal is down at 05:30
    assert main(["run", str(spec)]) == 1
    _portal(news, 2)  # and back by the rerun: the same spec
    capsys.readouterr()
    assert main(["run", str(spec)]) == 0
    out = capsys.readouterr().out
    assert "job already finished" not in out and "2 briefs" in out
    assert [b["title"] for b in _briefs(tmp_path / "day1")] == ["Berita 0", "Berita 1"]


def test_a_daily_job_with_some_feeds_down_warns_once_and_exits_0(news, tmp_path, capsys):  # noqa: F811
    from ringkas.cli import main

    _portal(news, 2)
    spec = _spec(news, tmp_path / "day1", tmp_path / "state.sqlite")
    spec["input"]["feeds"] = [news.url("/rss"), _dead_feed()]
    assert main(["run", str(write_spec(tmp_path / "daily.toml", spec))]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert warnings == ["ringkas run: warning: some sources failed: 1 of 2 feeds (connection_error 1) "
                        "(details in the rejects file)"]
    assert "Some sources failed: 1 of 2 feeds" in (tmp_path / "day1" / "digest.md").read_text("utf-8")
