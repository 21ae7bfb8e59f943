"""The Ray engine: the same model stages on Ray Data, in actor pools.

Rows are units (the plan's files), so an actor sends a whole unit through its stages exactly as the local
engine does: same batches, same results. Each pool is a callable class built once per actor (a model loads
once per actor), in an ``ActorPoolStrategy`` pool sized to the cluster: one translator actor per GPU with
``num_gpus=1`` on GPU clusters, CPU actors sharing the cores otherwise; consecutive stages on the same
kind of device share a pool (a CPU-only job runs translate and summarise in the same actors). Each actor's share
is its models' compute budget (:mod:`ringkas.models.runtime`): its engines start as many threads as the
CPUs Ray gave it (at least one), a GPU actor uses its one GPU in bf16 (fp16 where bf16 is unsupported), and
the manifest's model provenance records the budget.

Units travel as data: the driver reads each unit's file under ``output.dir`` and puts it in the object
store as one Arrow block (one unit in the driver's memory at a time); actors get the articles in their
rows and never open anything under ``output.dir``, so no node but the driver's needs to see it. The
driver commits each unit as it comes back, so a killed Ray run resumes like a local one. A unit must fit
in one object of the driver node's object store (Ray's default: 30% of that node's memory); the largest
a job can make is ``run.unit_size`` x ``input.options.max_record_bytes`` (64 x 8 MiB = 512 MiB by default;
a real unit of 64 news articles is about 0.5 MiB).

An actor that cannot load its model (or meets an environment failure) does not reject the unit: it sends
the failure back, and the driver stops the run at once with that message and what every node needs.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ringkas.errors import ConfigError, RingkasError
from ringkas.runner.spec import JobSpec
from ringkas.runner.store import WorkDir, from_row, to_row

log = logging.getLogger(__name__)


class StageActor:
    """Model stages in a Ray actor: ``batch["rows"]`` holds units as JSONL text (one unit per row)."""

    def __init__(self, sections: dict[str, Any], source: str, names: list[str]):
        self.names, self.failure = list(names), ""
        building = "+".join(self.names)
        try:
            from ringkas.runner.spec import load_spec
            from ringkas.runner.stages import load_factory

            self.factory = load_factory(load_spec(sections), budget=actor_budget())
            self.factory.spec.source = source
            for building in self.names:  # load the models when the actor starts, not on its first unit
                self.factory.stage(building)
        except Exception as exc:  # any failure to load is the run's, said once by the driver
            self.failure = _failure(building, exc, sections)

    def threads(self) -> dict[str, dict[str, int]]:
        """Per stage, the threads its model runs with, read back from its engine (none: no model)."""
        keys = ("inter_threads", "intra_threads", "torch_threads")
        return {name: {k: v for k, v in ran.items() if k in keys}
                for name, ran in self.factory.execution().items() if ran}

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        from ringkas.jsonl import dumps
        from ringkas.runner.local import run_stages

        out: dict[str, list] = {"unit": [], "rows": [], "stats": [], "error": []}
        for i, unit in enumerate(batch["unit"]):
            articles = [from_row(json.loads(line)) for line in str(batch["rows"][i]).splitlines() if line]
            fresh = {"timings": {}, "models": {}, "load": {}, "runtime": {}}
            stats = json.loads(batch["stats"][i]) if batch["stats"][i] else fresh
            error = batch["error"][i] or self.failure  # an earlier stage's failure travels on
            if not error:
                try:
                    articles, timings = run_stages(self.factory, self.names, articles)  # as the local engine
                except RingkasError as exc:  # a stage failed on a whole unit for an environment reason
                    error = json.dumps({"kind": type(exc).__name__, "message": str(exc)})
                else:
                    stats["timings"].update(timings)
                    stats["models"].update(self.factory.provenance())
                    stats.setdefault("runtime", {}).update(self.factory.execution())
                    stats["load"].update(self.factory.take_load_seconds())
            out["unit"].append(int(unit))
            out["rows"].append("" if error else "".join(dumps(to_row(a)) + "\n" for a in articles))
            out["stats"].append(json.dumps(stats))
            out["error"].append(error)
        return out


def actor_budget() -> Any:
    """This actor's share of its node, as the models' compute budget: the CPUs Ray gave it (whole threads,
    at least one) and the GPU it assigned, by this process's CUDA index, so N actors on a node start N
    shares of threads, not N x the node's cores, and each model runs on its own actor's GPU."""
    import ray

    from ringkas.models.runtime import Budget, process_gpu_indices

    assigned = ray.get_runtime_context().get_assigned_resources()
    gpus = assigned.get("GPU", 0.0)
    return Budget.share(assigned.get("CPU", 1.0), gpus, process_gpu_indices(ray.get_gpu_ids()) if gpus else None)


def worker_needs(spec: JobSpec) -> list[str]:
    """What a node that runs model actors must hold: each model stage's model, by id and revision."""
    needs = []
    for name in ("translate", "summarise"):
        section = spec[name]
        model = section.get("model")
        if section.get("enabled", True) and model:
            revision = f" at revision {section['revision']}" if section.get("revision") else ""
            needs.append(f"{name}.model {model!r}{revision}")
    return needs


def _failure(name: str, exc: Exception, sections: dict[str, Any]) -> str:
    """The message a failed actor sends back: which node, what failed, what each node needs."""
    import ray

    from ringkas.runner.spec import load_spec

    node = ray.util.get_node_ip_address()
    needs = "; ".join(worker_needs(load_spec(sections))) or "the job's models"
    message = (f"a {name} actor on node {node} could not load its stage: {exc}\n"
               f"every Ray node that runs model actors needs {needs}, found through its own HF_HOME: mount "
               "one shared HF_HOME on every node, or run `ringkas models download MODEL` in the nodes' "
               "image or runtime_env (docs/cluster.md); a local model folder must exist at the same path "
               "on every node")
    kind = "ConfigError" if type(exc).__name__ in ("ModelNotFoundError", "MissingDependency", "ConfigError",
                                                   "ImportError", "ModuleNotFoundError", "OSError") else "StageFailed"
    return json.dumps({"kind": kind, "message": message})


def _pools(spec: JobSpec, names: list[str], uses_gpu: dict[str, bool]) -> list[tuple[list[str], int, dict]]:
    """The actor pools over the model stages: ``(stages, actors, per-actor resources)``.

    Consecutive stages on the same kind of device (and with the same ``run.*_actors``) share one pool, so
    a unit crosses the cluster once per pool and a pool's actors hold the whole machine's share as the
    local engine does. GPU pools: one actor per GPU, ``num_gpus=1``. CPU pools split the cluster's CPUs,
    an actor's share capped at the largest node's CPUs (it must fit on a node) and given in whole CPUs
    where there are enough: the share is its models' thread budget."""
    import ray

    resources = ray.cluster_resources()
    gpus, cpus = int(resources.get("GPU", 0)), max(1.0, float(resources.get("CPU", 1)))
    groups: list[tuple[list[str], bool, int]] = []
    for name in names:
        on_gpu, wanted = bool(gpus and uses_gpu[name]), spec["run"].get(f"{name}_actors", 0)
        if groups and groups[-1][1:] == (on_gpu, wanted):
            groups[-1][0].append(name)
        else:
            groups.append(([name], on_gpu, wanted))
    cpu_pools = max(1, sum(1 for _, on_gpu, _ in groups if not on_gpu))
    widest = _largest_node_cpus(ray) or cpus
    pools = []
    for stages, on_gpu, wanted in groups:
        if on_gpu:
            pools.append((stages, wanted or gpus, {"num_gpus": 1}))
            continue
        count = wanted or max(1, int(cpus // (2 * cpu_pools)))
        share = min(cpus / (count * cpu_pools), widest)
        if not wanted and share == widest:
            count = max(1, int(cpus // (share * cpu_pools)))  # more, smaller actors: one per node's CPUs
        pools.append((stages, count, {"num_cpus": float(int(share)) if share >= 1 else round(max(0.1, share), 2)}))
    return pools


def _largest_node_cpus(ray: Any) -> float:
    try:
        return max((float(n["Resources"].get("CPU", 0)) for n in ray.nodes() if n.get("Alive")), default=0.0)
    except (KeyError, TypeError, AttributeError):  # another Ray version's node records
        return 0.0


_connected_here: list[bool] = []  # whether connect() started this process's Ray session (then it ends it)


def connect(spec: JobSpec) -> None:
    """Join the cluster at ``run.ray_address`` (or start a local Ray instance) before any work is done.

    An address with no cluster behind it is a :class:`ConfigError` (exit 2) that says how to start one,
    raised before the plan, not after it. Ray's own logs stay quiet unless ``-v``."""
    from ringkas.errors import ConfigError
    from ringkas.registry import MissingDependency, require

    try:
        ray = require("ray", "the Ray engine", "pip install 'ringkas[ray]'")
    except MissingDependency as exc:
        raise ConfigError(str(exc)) from None
    if ray.is_initialized():
        return
    address = spec["run"].get("ray_address") or None
    from ringkas.console import library_level

    level = library_level()  # ERROR unless -v
    try:
        _check_reachable(address)  # ray.init waits minutes on an address where nothing listens
        ray.init(address=address, include_dashboard=False, log_to_driver=level < logging.ERROR,
                 logging_level=level)
    except (ConnectionError, ValueError) as exc:
        where = f"run.ray_address = {address!r}" if address else "RAY_ADDRESS"
        raise ConfigError(
            f"no Ray cluster to join at {where}: {str(exc).splitlines()[0]}\n"
            "start one on this machine with `ray start --head` (then --set run.ray_address=auto, or the "
            "address it prints), or leave run.ray_address unset and the job starts a local Ray instance "
            "for itself"
        ) from None
    _connected_here.append(True)


def _quiet_ray_data_console() -> None:
    """Ray Data's plan and timing notes go to its log file only (``-v`` shows them on the console).

    Ray Data re-applies its logging config for every dataset, so the config itself is changed."""
    try:
        from ray.data._internal import logging as ray_data_logging

        ray_data_logging.DEFAULT_CONFIG["handlers"]["console"]["level"] = "ERROR"
        ray_data_logging.configure_logging()
    except (ImportError, AttributeError, KeyError, TypeError):  # another Ray version: its notes show
        log.debug("could not quiet Ray Data's console logging", exc_info=True)


def _check_reachable(address: str | None, timeout: float = 3.0) -> None:
    """For ``host:port`` / ``ray://host:port`` addresses, that something listens there (ConnectionError)."""
    import socket

    if not address or address in ("auto", "local"):
        return  # ray finds (or starts) the instance itself, at once
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return  # not host:port: let ray judge it
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as exc:
        raise ConnectionError(f"nothing answers at {address} ({exc})") from None


def run_ray(spec: JobSpec, work: WorkDir, pending: list[int]) -> None:
    """Process ``pending`` units on Ray Data; commit each in the driver as it arrives."""
    import ray

    connect(spec)  # already done by the job's pre-flight; here for callers that come straight in
    try:
        _run_pools(ray, spec, work, pending)
    finally:
        if _connected_here:
            _connected_here.clear()
            ray.shutdown()


def _run_pools(ray: Any, spec: JobSpec, work: WorkDir, pending: list[int]) -> None:
    """Actor pools over the model stages for the pending units; the driver commits units as they return."""
    from ray.data import ActorPoolStrategy  # Ray 2.51+: compute=..., not the deprecated concurrency=

    from ringkas.runner.stages import load_factory

    ray.data.DataContext.get_current().enable_progress_bars = False
    from ringkas.console import library_level

    if library_level() >= logging.ERROR:
        _quiet_ray_data_console()
    factory = load_factory(spec)
    names = factory.model_stage_names()
    if not names:  # nothing to load or spread: the units pass through unchanged
        from ringkas.runner.local import run_local

        run_local(factory, work, pending)
        return
    log.info("ray: every node that runs model actors needs %s", "; ".join(worker_needs(spec)) or "no model")
    pools = _pools(spec, names, {n: factory.stage_uses_gpu(n) for n in names})
    dataset = ray.data.from_arrow_refs([_unit_block(ray, work, unit) for unit in pending])
    for stages, actors, resources in pools:
        log.debug("ray: %d %s actor(s), %s each", actors, "+".join(stages), resources)
        dataset = dataset.map_batches(
            StageActor, batch_size=1, compute=ActorPoolStrategy(size=actors),
            fn_constructor_kwargs={"sections": spec.to_dict(), "source": spec.source, "names": stages},
            **resources,
        )
    from ringkas.progress import progress
    from ringkas.runner.local import unit_sizes

    sizes = unit_sizes(work, pending)
    for row in progress(dataset.iter_rows(), desc="translate+summarise (ray)", total=sum(sizes.values()),
                        weight=lambda row: sizes[int(row["unit"])]):
        _commit(work, row)


def _unit_block(ray: Any, work: WorkDir, unit: int) -> Any:
    """One unit's articles as an Arrow block in the object store: the driver reads the file, actors get data."""
    import pyarrow as pa

    text = work.unit_path(unit).read_text(encoding="utf-8")
    table = pa.table({"unit": pa.array([unit], pa.int64()), "rows": pa.array([text], pa.large_string()),
                      "stats": pa.array([""], pa.string()), "error": pa.array([""], pa.string())})
    return ray.put(table)


def _commit(work: WorkDir, row: dict[str, Any]) -> None:
    from ringkas.runner.local import StageFailed, unit_stats

    if row["error"]:  # an actor could not work (its model, its node): stop now, with its message
        failure = json.loads(row["error"])
        raise (ConfigError if failure["kind"] == "ConfigError" else StageFailed)(failure["message"])
    unit = int(row["unit"])
    articles = [from_row(json.loads(line)) for line in row["rows"].splitlines() if line]
    stats = json.loads(row["stats"])
    work.commit_unit(unit, articles, unit_stats(unit, articles, stats["timings"], stats["models"], "ray",
                                                   stats["load"], stats.get("runtime")))
