"""The model runtime: device, precision and threads decided in one place, from a compute budget."""

from __future__ import annotations

import pytest

from ringkas.errors import ConfigError
from ringkas.models.runtime import (
    Budget,
    Runtime,
    check_device,
    check_request,
    cpu_thread_split,
    resolve_ct2,
    resolve_torch,
    usable_cpus,
)


def _has_cuda() -> bool:
    import torch

    return torch.cuda.is_available()


@pytest.mark.parametrize("device", ["auto", "cpu", "cuda", "cuda:1"])
def test_known_devices_pass(device):
    assert check_device(device) == device


@pytest.mark.parametrize("device", ["tpu", "gpu", "cuda:", "CPU", ""])
def test_unknown_devices_are_a_config_error(device):
    with pytest.raises(ConfigError, match="use auto, cpu, cuda or cuda:N"):
        check_device(device)


@pytest.mark.parametrize(
    ("device", "precision", "engine", "expected"),
    [
        ("cpu", "auto", "torch", ("cpu", "auto")),
        ("cpu", "fp32", "torch", ("cpu", "float32")),
        ("cuda", "fp16", "torch", ("cuda", "float16")),
        ("cuda:1", "bf16", "torch", ("cuda:1", "bfloat16")),
        ("cpu", "int8", "ctranslate2", ("cpu", "int8")),
        ("auto", "fp16", "ctranslate2", ("auto", "float16")),
    ],
    ids=["cpu-auto", "fp32-spelt-out", "fp16-on-cuda", "bf16-on-cuda-1", "ct2-int8-on-cpu", "half-decided-later"],
)
def test_possible_requests_pass_with_names_spelt_out(device, precision, engine, expected):
    assert check_request(device, precision, engine) == expected


@pytest.mark.parametrize(
    ("device", "precision", "engine", "budget", "message"),
    [
        ("cpu", "fp16", "torch", None, "dtype 'fp16' needs a GPU, but the device is the CPU"),
        ("cpu", "bfloat16", "torch", None, "dtype 'bfloat16' needs a GPU"),
        ("cpu", "float16", "ctranslate2", None, "compute_type 'float16' needs a GPU"),
        ("cpu", "int8_bfloat16", "ctranslate2", None, "compute_type 'int8_bfloat16' needs a GPU"),
        ("cpu", "int3", "torch", None, "dtype 'int3': use auto, float32, float16, bfloat16"),
        ("cpu", "int4", "ctranslate2", None, "compute_type 'int4': use auto, default, int8"),
        ("cuda", "auto", "torch", Budget(cpus=1, gpus=0), "compute budget has no GPU"),
        ("tpu", "auto", "torch", None, "use auto, cpu, cuda or cuda:N"),
    ],
    ids=["fp16-on-cpu", "bf16-on-cpu", "ct2-fp16-on-cpu", "ct2-int8-bf16-on-cpu", "unknown-dtype",
         "unknown-compute-type", "cuda-outside-budget", "unknown-device"],
)
def test_impossible_requests_are_a_config_error(device, precision, engine, budget, message):
    with pytest.raises(ConfigError, match=message):
        check_request(device, precision, engine, budget)


def test_messages_are_one_line():
    with pytest.raises(ConfigError) as caught:
        check_request("cpu", "fp16", "torch")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("budget", "cpus", "gpus"),
    [
        (Budget.share(0.5), 1, 0),
        (Budget.share(3.7, 0.25), 3, 1),
        (Budget(cpus=8).narrowed(2), 2, None),
        (Budget(cpus=2).narrowed(16), 2, None),
        (Budget(cpus=2).narrowed(None), 2, None),
    ],
    ids=["half-a-cpu-is-one-thread", "fractions-rounded", "threads-narrow", "threads-never-widen", "no-threads"],
)
def test_budgets(budget, cpus, gpus):
    assert (budget.cpus, budget.gpus) == (cpus, gpus)


@pytest.mark.parametrize("cpus", [0, -1, 1.5, True], ids=["zero", "negative", "fraction", "bool"])
def test_a_budget_without_a_whole_cpu_is_refused(cpus):
    with pytest.raises(ConfigError, match="at least 1 CPU"):
        Budget(cpus=cpus)


def test_the_machine_budget_is_every_usable_cpu():
    assert Budget.machine() == Budget(cpus=usable_cpus(), gpus=None)


@pytest.mark.parametrize(("cpus", "split"), [(1, (1, 1)), (2, (2, 1)), (4, (4, 1)), (8, (4, 2)), (16, (4, 4))],
                         ids=["1", "2", "4", "8", "16"])
def test_cpu_thread_split_uses_exactly_the_budget(cpus, split):
    inter, intra = cpu_thread_split(cpus)
    assert (inter, intra) == split and inter * intra == cpus


def test_torch_runtime_takes_the_budget():
    import torch

    before = torch.get_num_threads()
    try:
        runtime = resolve_torch("auto", "auto", Budget(cpus=1, gpus=0))
        assert (runtime.device, runtime.precision, runtime.intra_threads) == ("cpu", "float32", 1)
        assert torch.get_num_threads() == 1
        assert runtime.execution()["budget"] == {"cpus": 1, "gpus": 0}
    finally:
        torch.set_num_threads(before)


def test_ct2_runtime_takes_the_budget():
    pytest.importorskip("ctranslate2")
    runtime = resolve_ct2("auto", "auto", Budget(cpus=2, gpus=0))
    assert (runtime.device, runtime.precision) == ("cpu", "int8")
    assert (runtime.inter_threads, runtime.intra_threads) == (2, 1)
    assert runtime.provenance() == {"device": "cpu", "compute_type": "int8"}
    assert runtime.execution() == {"device": "cpu", "inter_threads": 2, "intra_threads": 1,
                                   "budget": {"cpus": 2, "gpus": 0}}


@pytest.mark.parametrize(("device", "recorded", "ran"), [("cpu", "cpu", "cpu"), ("cuda", "cuda", "cuda"),
                                                         ("cuda:1", "cuda", "cuda:1")],
                         ids=["cpu", "cuda", "cuda-1"])
def test_a_record_says_the_kind_of_device_and_the_manifest_which_one(device, recorded, ran):
    """Which GPU, the threads and the budget cannot change an output, so records leave them to the manifest
    and are the same bytes from any machine, engine or Ray actor; CPU against CUDA can, so records keep it."""
    precision = "float32" if device == "cpu" else "bfloat16"
    runtime = Runtime("torch", device, precision, Budget(cpus=3, gpus=2), intra_threads=3)
    assert runtime.provenance() == {"device": recorded, "dtype": precision}
    assert runtime.execution() == {"device": ran, "inter_threads": 1, "intra_threads": 3,
                                   "budget": {"cpus": 3, "gpus": 2}}


@pytest.mark.parametrize("resolve", [resolve_torch, resolve_ct2], ids=["torch", "ctranslate2"])
def test_auto_device_with_half_precision_on_a_cpu_machine_is_a_config_error(resolve):
    if resolve is resolve_ct2:
        pytest.importorskip("ctranslate2")
    with pytest.raises(ConfigError, match="needs a GPU"):
        resolve("auto", "float16", Budget(cpus=1, gpus=0))  # no GPU in the budget: auto means the CPU


@pytest.mark.parametrize("resolve", [resolve_torch, resolve_ct2], ids=["torch", "ctranslate2"])
def test_cuda_without_cuda_is_a_config_error(resolve):
    if resolve is resolve_ct2:
        pytest.importorskip("ctranslate2")
    if _has_cuda():  # pragma: no cover - GPU machines
        pytest.skip("this machine has a GPU")
    with pytest.raises(ConfigError, match="sees no CUDA device"):
        resolve("cuda", "auto")



@pytest.fixture
def four_gpus(monkeypatch: pytest.MonkeyPatch):
    """torch and CTranslate2 told they see 4 GPUs (no GPU here: the decision is what is tested)."""
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 4)
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    ctranslate2 = pytest.importorskip("ctranslate2")
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 4)
    monkeypatch.setattr(ctranslate2, "get_supported_compute_types",
                        lambda kind, index=0: {"float32", "int8", "float16", "bfloat16", "int8_float16"})
    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


GPU_CHOICES = [  # (device asked, the budget's GPU ids, the exact device it runs on)
    ("auto", None, "cuda:0"),
    ("cuda", None, "cuda:0"),
    ("cuda:3", None, "cuda:3"),
    ("auto", (2,), "cuda:2"),
    ("cuda", (2,), "cuda:2"),
    ("cuda:2", (2,), "cuda:2"),
    ("cuda:1", (0, 1), "cuda:1"),
]


@pytest.mark.parametrize("resolve", [resolve_torch, resolve_ct2], ids=["torch", "ctranslate2"])
@pytest.mark.parametrize("device, gpu_ids, exact", GPU_CHOICES,
                         ids=["auto-any", "cuda-any", "cuda-3-asked", "auto-budget-gpu-2", "cuda-budget-gpu-2",
                              "cuda-2-in-budget", "cuda-1-of-two"])
def test_the_budget_names_which_gpu(four_gpus, resolve, device, gpu_ids, exact):
    runtime = resolve(device, "auto", Budget(cpus=1, gpu_ids=gpu_ids))
    assert runtime.device == exact and runtime.device_index == int(exact[-1])  # open_ct2's device_index
    assert runtime.provenance()["device"] == "cuda" and runtime.execution()["device"] == exact


@pytest.mark.parametrize("resolve", [resolve_torch, resolve_ct2], ids=["torch", "ctranslate2"])
@pytest.mark.parametrize("device, gpu_ids, message", [
    ("cuda:1", (2,), r"budget holds cuda:2: use --device cuda"),
    ("cuda:4", None, r"sees 4 GPU\(s\) \(cuda:0 to cuda:3\)"),
], ids=["outside-the-budget", "past-the-last-gpu"])
def test_a_gpu_the_budget_or_the_library_lacks_is_a_config_error(four_gpus, resolve, device, gpu_ids, message):
    with pytest.raises(ConfigError, match=message):
        resolve(device, "auto", Budget(cpus=1, gpu_ids=gpu_ids))


@pytest.mark.parametrize("assigned, visible, indices", [
    ([3], "3", (0,)),
    ([1, 3], "1,3", (0, 1)),
    ([3], "2,3", (1,)),
    (["3"], None, (3,)),
    ([3], "", ()),
], ids=["ray-sets-visible", "two-gpus", "visible-wider", "nothing-set", "none-visible"])
def test_assigned_gpu_ids_become_this_process_cuda_indices(assigned, visible, indices, monkeypatch):
    from ringkas.models.runtime import process_gpu_indices

    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    assert process_gpu_indices(assigned, visible) == indices


def test_a_budget_of_named_gpus_counts_them_and_checks_them():
    assert Budget(cpus=2, gpu_ids=[1]).gpus == 1
    assert Budget.share(2.0, 0.5, (0,)) == Budget(cpus=2, gpus=1, gpu_ids=(0,))
    assert Budget(cpus=4, gpu_ids=(1,)).narrowed(2) == Budget(cpus=2, gpu_ids=(1,))
    assert Budget(cpus=1, gpu_ids=(1,)).as_dict() == {"cpus": 1, "gpus": 1, "gpu_ids": [1]}
    with pytest.raises(ConfigError, match="cannot name 2"):
        Budget(cpus=1, gpus=1, gpu_ids=(0, 1))
    with pytest.raises(ConfigError, match="CUDA indices"):
        Budget(cpus=1, gpu_ids=("GPU-1",))
    with pytest.raises(ConfigError, match="budget holds cuda:0"):
        check_request("cuda:1", "auto", "torch", Budget(cpus=1, gpu_ids=(0,)))
