"""A Ray actor's models get its share as their budget: the CPUs Ray gave it and the GPU it assigned, by
this process's CUDA index (Ray sets CUDA_VISIBLE_DEVICES to the actor's GPUs)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ringkas.models.runtime import Budget


@pytest.mark.parametrize("resources, gpu_ids, visible, expected", [
    ({"CPU": 2.0}, [], None, Budget(cpus=2, gpus=0)),
    ({"CPU": 4.0, "GPU": 1.0}, [3], "3", Budget(cpus=4, gpu_ids=(0,))),
    ({"CPU": 1.0, "GPU": 1.0}, [1], None, Budget(cpus=1, gpu_ids=(1,))),
    ({"CPU": 1.0, "GPU": 0.5}, [2], "0,2", Budget(cpus=1, gpu_ids=(1,))),
], ids=["cpu-actor", "gpu-3-seen-as-cuda-0", "nothing-hidden", "half-a-gpu"])
def test_an_actor_budget_names_its_gpu(resources, gpu_ids, visible, expected, monkeypatch):
    ray = pytest.importorskip("ray")
    from ringkas.runner.ray_engine import actor_budget

    monkeypatch.setattr(ray, "get_runtime_context",
                        lambda: SimpleNamespace(get_assigned_resources=lambda: resources))
    monkeypatch.setattr(ray, "get_gpu_ids", lambda: gpu_ids)
    if visible is None:
        monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    else:
        monkeypatch.setenv("CUDA_VISIBLE_DEVICES", visible)
    assert actor_budget() == expected
