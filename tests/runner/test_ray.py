"""The Ray engine on a local Ray instance: same outputs as the local engine, resumable the same way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ringkas.runner import run_job
from ringkas.runner.job import _claim, _load_or_build_plan
from ringkas.runner.local import run_local
from ringkas.runner.spec import load_spec
from ringkas.runner.stages import load_factory
from ringkas.runner.store import WorkDir
from tests.runner.conftest import REPO, fake_spec

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray(ringkas_cache):
    ray = pytest.importorskip("ray")
    with pytest.MonkeyPatch.context() as patch:
        # Ray's workers are new processes: they find the test stand-ins (and src/) through PYTHONPATH, and
        # take the test session's ringkas cache, not ~/.cache/ringkas, from the environment at start-up.
        patch.setenv("PYTHONPATH", os.pathsep.join([str(REPO / "src"), str(REPO), os.environ.get("PYTHONPATH", "")]))
        patch.setenv("RINGKAS_CACHE", str(ringkas_cache))
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        yield ray
        ray.shutdown()


def test_ray_equals_local(local_ray, feed: Path, tmp_path: Path) -> None:
    local = run_job(fake_spec(feed, tmp_path / "local"))
    distributed = run_job(fake_spec(feed, tmp_path / "ray"), engine="ray")
    assert distributed.units_run == local.units_run == 5
    for name in ("briefs.jsonl", "rejects.jsonl"):
        assert (distributed.out_dir / name).read_bytes() == (local.out_dir / name).read_bytes(), name
    assert distributed.manifest["engine"] == "ray" and distributed.manifest["units_by_engine"] == {"ray": 5}
    assert distributed.manifest["counts"] == local.manifest["counts"]


def test_ray_resumes_a_local_run(local_ray, feed: Path, tmp_path: Path) -> None:
    reference = run_job(fake_spec(feed, tmp_path / "reference"))
    spec = load_spec(fake_spec(feed, tmp_path / "out"))
    work = WorkDir(tmp_path / "out")
    _claim(work, spec, None)
    plan = _load_or_build_plan(spec, work, None)
    run_local(load_factory(spec), work, [0, 1])  # a local run that stopped after two units
    resumed = run_job(spec, engine="ray")
    assert resumed.units_run == plan["units"] - 2
    assert resumed.manifest["units_by_engine"] == {"local": 2, "ray": plan["units"] - 2}
    assert resumed.briefs_path.read_bytes() == reference.briefs_path.read_bytes()


def test_ray_equals_local_with_real_stages(local_ray, tiny_model, tmp_path: Path) -> None:
    from tests.runner.feeds import make_feed
    from tests.runner.test_end_to_end import real_spec

    feed = tmp_path / "feed.jsonl"
    make_feed(feed, 48, duplicates={40: 2}, broken_at=(9,))
    marian = tiny_model("marian")
    # summarise-then-translate: the translator actor translates what the summariser actor wrote
    pipeline = {"pipeline": "summarise-then-translate"}
    # said in the spec: Ray's workers do not see the test session's patched default (meaning checks off)
    options = {"options": {"retry_degenerate": False, "check_meaning": False}}
    local = run_job(real_spec(feed, tmp_path / "local", marian, summarise=pipeline, translate=options))
    distributed = run_job(real_spec(feed, tmp_path / "ray", marian, summarise=pipeline, translate=options),
                          engine="ray")
    assert (distributed.out_dir / "rejects.jsonl").read_bytes() == (local.out_dir / "rejects.jsonl").read_bytes()
    # the same bytes: how each engine ran the model (the whole machine locally, an actor's share on Ray) is
    # the manifest's, not the briefs'
    assert distributed.briefs_path.read_bytes() == local.briefs_path.read_bytes()
    # one pool runs both stages on this 2-CPU instance: its actor holds both CPUs, for every unit
    [translate] = distributed.manifest["runtime"]["translate"]
    assert translate["budget"] == {"cpus": 2, "gpus": 0} and translate["units"] == distributed.units_run
    assert distributed.manifest["models"]["translate"]["model"] == str(marian)
    assert distributed.manifest["models"]["summarise"]["source_field"] == "text"


POOLS = [  # (cluster resources, CPUs of its largest node, run settings, expected pools)
    ({"CPU": 16.0, "GPU": 2.0}, 16.0, {},
     [(["translate"], 2, {"num_gpus": 1}), (["summarise"], 8, {"num_cpus": 2.0})]),
    ({"CPU": 2.0}, 2.0, {}, [(["translate", "summarise"], 1, {"num_cpus": 2.0})]),
    ({"CPU": 2.0}, 1.0, {}, [(["translate", "summarise"], 2, {"num_cpus": 1.0})]),
    ({"CPU": 32.0, "GPU": 4.0}, 16.0, {"translate_actors": 3},
     [(["translate"], 3, {"num_gpus": 1}), (["summarise"], 16, {"num_cpus": 2.0})]),
    ({"CPU": 16.0}, 16.0, {"translate_actors": 2},
     [(["translate"], 2, {"num_cpus": 4.0}), (["summarise"], 4, {"num_cpus": 2.0})]),
]


@pytest.mark.parametrize("cluster, widest, run, expected", POOLS,
                         ids=["2-gpus", "2-cpus", "two-1-cpu-nodes", "gpu-actors-set", "cpu-actors-set"])
def test_pools(cluster: dict, widest: float, run: dict, expected: list, monkeypatch: pytest.MonkeyPatch) -> None:
    """One translator actor per GPU, each with num_gpus=1; CPU stages share a pool and the cores, an actor
    no wider than a node."""
    ray = pytest.importorskip("ray")
    from ringkas.runner.ray_engine import _pools

    monkeypatch.setattr(ray, "cluster_resources", lambda: cluster)
    monkeypatch.setattr(ray, "nodes", lambda: [{"Alive": True, "Resources": {"CPU": widest}}])
    spec = load_spec({"input": {"path": "x.jsonl"}, "translate": {"model": "Helsinki-NLP/opus-mt-id-en"},
                      "summarise": {"method": "lead"}, "output": {"dir": "out"}, "run": run})
    assert _pools(spec, ["translate", "summarise"], {"translate": True, "summarise": False}) == expected


def test_an_address_with_no_cluster_is_a_message_before_the_plan(feed: Path, tmp_path: Path, monkeypatch) -> None:
    import socket

    from ringkas.errors import ConfigError

    ray = pytest.importorskip("ray")
    monkeypatch.setattr(ray, "is_initialized", lambda: False)  # as in a fresh process (another test's Ray runs)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens there once closed
    spec = fake_spec(feed, tmp_path / "out", run={"ray_address": f"127.0.0.1:{port}"})
    with pytest.raises(ConfigError, match=r"(?s)no Ray cluster to join at run.ray_address.*ray start --head"):
        run_job(spec, engine="ray")
    assert not WorkDir(tmp_path / "out").plan.exists()  # no work was done


def test_ray_reads_warc_archives_on_the_cluster_as_the_local_engine_does(local_ray, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("warcio")
    from ringkas.runner import ray_read

    from_cluster: list[str] = []  # the rows the read+clean actors sent (the driver read no archive)
    cluster_rows = ray_read._cluster_rows

    def counted(spec, paths, template=None):
        for row in cluster_rows(spec, paths, template):
            from_cluster.append(row["row"])
            yield row

    monkeypatch.setattr(ray_read, "_cluster_rows", counted)
    from tests.readers.warcs import INDONESIAN, page, write_warc
    from tests.runner.test_warc_job import warc_spec

    first = write_warc(tmp_path / "CC-NEWS-1.warc.gz")
    pages = [(f"https://news.example.id/berita-{n}", page(f"Berita {n}", f"Nomor {n}. {INDONESIAN}")) for n in range(5)]
    write_warc(tmp_path / "CC-NEWS-2.warc.gz", pages=pages + [("https://news.example.id/banjir-bandung",
                                                                 page("Banjir", INDONESIAN))])
    pattern = str(tmp_path / "CC-NEWS-*.warc.gz")
    local = run_job(warc_spec(pattern, tmp_path / "local"))
    distributed = run_job(warc_spec(pattern, tmp_path / "ray"), engine="ray")
    for name in ("briefs.jsonl", "rejects.jsonl"):
        assert (distributed.out_dir / name).read_bytes() == (local.out_dir / name).read_bytes(), name
    assert distributed.manifest["counts"] == local.manifest["counts"]
    # the page repeated in the second archive: a duplicate id, decided in input order across files
    assert local.manifest["counts"]["rejected_by_reason"]["clean/duplicate_id"] == 1
    assert len(from_cluster) == local.manifest["counts"]["read"] == 2 + 6
    assert first.exists()


def test_ray_learns_a_crawls_site_template_from_every_archive_as_the_local_engine_does(local_ray,
                                                                                      tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    import json

    from tests.runner.test_warc_job import template_archives, warc_spec

    pattern = template_archives(tmp_path)  # one host's pages over two archives: the counts are summed
    local = run_job(warc_spec(pattern, tmp_path / "local"))
    distributed = run_job(warc_spec(pattern, tmp_path / "ray"), engine="ray")
    for name in ("briefs.jsonl", "rejects.jsonl"):
        assert (distributed.out_dir / name).read_bytes() == (local.out_dir / name).read_bytes(), name
    briefs = [json.loads(line) for line in distributed.briefs_path.read_text(encoding="utf-8").splitlines()]
    assert len(briefs) == 4
    assert all(b["provenance"]["clean"]["site_template"] == {"hosts": 1, "pages": 4, "recurring": 5} for b in briefs)


def test_an_actor_that_cannot_load_its_model_stops_the_run(local_ray, feed: Path, tmp_path: Path) -> None:
    from ringkas.errors import ConfigError

    spec = fake_spec(feed, tmp_path / "out", translate={"model": "fake-mt-not-on-node"})
    with pytest.raises(ConfigError, match=r"(?s)a translate actor on node \S+ could not load its stage: model "
                                          r"'fake-translate' is not in.*translate.model 'fake-mt-not-on-node'.*HF_HOME"):
        run_job(spec, engine="ray")
    assert not list(WorkDir(tmp_path / "out").done.glob("*.jsonl"))  # no unit of rejects was committed


@pytest.mark.parametrize("cpus, expected", [
    (1, {"translate": {"inter_threads": 1, "intra_threads": 1}, "summarise": {"inter_threads": 1, "intra_threads": 1}}),
    (2, {"translate": {"inter_threads": 2, "intra_threads": 1}, "summarise": {"inter_threads": 1, "intra_threads": 2}}),
], ids=["1-cpu", "2-cpus"])
def test_an_actor_starts_as_many_threads_as_its_cpus(local_ray, tiny_model, tmp_path: Path, cpus: int,
                                                     expected: dict) -> None:
    """CTranslate2 (the translator, which runs without torch) and torch (the transformers summariser), read
    back from the engines."""
    from tests.runner.test_end_to_end import real_spec

    spec = load_spec(real_spec(tmp_path / "feed.jsonl", tmp_path / "out", tiny_model("marian"),
                               translate={"backend": "ctranslate2", "options": {"check_meaning": False}},
                               summarise={"method": "seq2seq", "model": str(tiny_model("bart")),
                                          "backend": "transformers", "device": "cpu"}))
    probe = local_ray.remote(num_cpus=cpus)(ThreadProbe).remote()
    seen = local_ray.get(probe.threads.remote(spec.to_dict(), ["translate", "summarise"]))
    # torch's pool: always loaded by the transformers summariser; by the translator only on a first conversion
    assert seen["threads"]["summarise"]["torch_threads"] == cpus
    assert {t.pop("torch_threads", cpus) for t in seen["threads"].values()} == {cpus}
    assert seen["threads"] == expected
    assert seen["budget"] == {name: {"cpus": cpus, "gpus": 0} for name in expected}  # what the manifest records


class ThreadProbe:
    """Builds the stages in one StageActor given this actor's share, and reads its engines' threads back."""

    def threads(self, sections: dict, names: list[str]) -> dict:
        from ringkas.runner.ray_engine import StageActor

        actor = StageActor(sections, "test", names)
        assert not actor.failure, actor.failure
        execution = actor.factory.execution()
        return {"threads": actor.threads(), "budget": {name: execution[name].get("budget") for name in names}}
