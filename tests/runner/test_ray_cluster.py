"""The Ray engine on a cluster of three nodes on one machine, where no actor can read ``output.dir``.

The head node (where the driver runs) has no CPU, so every actor runs on one of two worker nodes, and a
worker set-up hook (``tests/runner/ray_guard.py``) fails any worker process that opens or lists a path
under the folder holding the jobs' outputs, as a node without the driver's disk would. Units reach the actors as data, and the briefs
are byte for byte the local engine's.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ringkas.runner import run_job
from tests.runner.conftest import REPO, fake_spec

pytestmark = pytest.mark.slow
NODE_MEMORY = 100 * 1024 * 1024  # object store per node: small, the machine is shared


@pytest.fixture(scope="module")
def cluster(ringkas_cache, tmp_path_factory: pytest.TempPathFactory):
    ray = pytest.importorskip("ray")
    from ray.cluster_utils import Cluster

    root = tmp_path_factory.mktemp("ray-cluster")
    outputs, guard_log = root / "outputs", root / "guard.log"
    outputs.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONPATH", os.pathsep.join([str(REPO / "src"), str(REPO), os.environ.get("PYTHONPATH", "")]))
        patch.setenv("RINGKAS_CACHE", str(ringkas_cache))
        patch.setenv("RINGKAS_FORBIDDEN_DIR", str(outputs))
        patch.setenv("RINGKAS_GUARD_LOG", str(guard_log))
        nodes = Cluster(initialize_head=True, head_node_args={"num_cpus": 0, "object_store_memory": NODE_MEMORY})
        for name in ("node-a", "node-b"):
            nodes.add_node(num_cpus=1, resources={name: 1}, object_store_memory=NODE_MEMORY)
        nodes.wait_for_nodes()
        ray.init(address=nodes.address, log_to_driver=False,
                 runtime_env={"worker_process_setup_hook": "tests.runner.ray_guard.forbid_output_dir"})
        try:
            yield {"outputs": outputs, "log": guard_log}
        finally:
            ray.shutdown()
            nodes.shutdown()


def guard_lines(log: Path, kind: str) -> list[str]:
    return [ln for ln in log.read_text(encoding="utf-8").splitlines() if ln.startswith(kind)] if log.exists() else []


def test_actors_on_other_nodes_never_open_output_dir(cluster, feed: Path) -> None:
    import ray

    assert len([n for n in ray.nodes() if n["Alive"]]) == 3
    outputs = cluster["outputs"]
    local = run_job(fake_spec(feed, outputs / "local"))
    distributed = run_job(fake_spec(feed, outputs / "ray"), engine="ray")
    for name in ("briefs.jsonl", "rejects.jsonl"):
        assert (distributed.out_dir / name).read_bytes() == (local.out_dir / name).read_bytes(), name
    assert distributed.manifest["units_by_engine"] == {"ray": local.units_run}
    setups = guard_lines(cluster["log"], "setup")
    assert setups, "the guard was not installed in the Ray workers"
    assert not guard_lines(cluster["log"], "opened")


def test_warc_archives_are_read_on_the_worker_nodes(cluster, tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    from tests.readers.warcs import write_warc
    from tests.runner.test_warc_job import warc_spec

    for n in (1, 2):
        write_warc(tmp_path / f"CC-NEWS-{n}.warc.gz")  # outside output.dir: every node reads it here
    pattern = str(tmp_path / "CC-NEWS-*.warc.gz")
    local = run_job(warc_spec(pattern, cluster["outputs"] / "warc-local"))
    distributed = run_job(warc_spec(pattern, cluster["outputs"] / "warc-ray"), engine="ray")
    for name in ("briefs.jsonl", "rejects.jsonl"):
        assert (distributed.out_dir / name).read_bytes() == (local.out_dir / name).read_bytes(), name
    assert not guard_lines(cluster["log"], "opened")
