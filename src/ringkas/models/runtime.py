"""The model runtime: which device, which precision and how many threads, decided in one place.

Every engine (transformers' torch, CTranslate2's translator, generator and encoder) is sized from an
explicit :class:`Budget`, the CPUs and GPUs its caller may use: the whole machine for a CLI command, an
actor's share under Ray. :func:`check_request` refuses what can never run (half precision on a CPU, a GPU
outside the budget) without importing anything heavy, so a settings object can call it at construction;
:func:`resolve_torch` and :func:`resolve_ct2` then decide ``auto`` against the installed library and
return a :class:`Runtime`, which goes into provenance. Every refusal is a :class:`ConfigError` (exit 2).
"""

from __future__ import annotations

import math
import os
import re
import sys
from dataclasses import dataclass
from typing import Any

from ringkas.errors import ConfigError

_DEVICE = re.compile(r"auto|cpu|cuda(:\d+)?")
TORCH_DTYPES = ("auto", "float32", "float16", "bfloat16")
CT2_COMPUTE_TYPES = ("auto", "default", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16",
                     "float16", "bfloat16", "float32")
# Short names people type for the same precisions.
_ALIASES = {"fp32": "float32", "fp16": "float16", "half": "float16", "bf16": "bfloat16"}
_HALF = ("float16", "bfloat16", "int8_float16", "int8_bfloat16")  # need a GPU here (no CPU kernels assumed)


def usable_cpus() -> int:
    """CPUs this process may run on (respects taskset/cgroups affinity, unlike os.cpu_count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Budget:
    """The compute one engine may use: ``cpus`` threads, and ``gpus`` devices (None: every GPU this
    process sees; 0: none, so ``auto`` means CPU and ``cuda`` is refused). ``gpu_ids`` names which, as
    this process's CUDA indices (a Ray actor's assigned GPUs, :func:`process_gpu_indices`): ``auto`` and
    ``cuda`` then run on the first of them, and a ``cuda:N`` outside them is refused. None: any GPU, and
    ``cuda`` is ``cuda:0``."""

    cpus: int
    gpus: int | None = None
    gpu_ids: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.cpus, int) or isinstance(self.cpus, bool) or self.cpus < 1:
            raise ConfigError(f"a compute budget needs at least 1 CPU, got {self.cpus!r}")
        if self.gpus is not None and (not isinstance(self.gpus, int) or self.gpus < 0):
            raise ConfigError(f"a compute budget's GPUs must be a whole number of at least 0, got {self.gpus!r}")
        if self.gpu_ids is not None:
            ids = tuple(self.gpu_ids)
            if not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in ids):
                raise ConfigError(f"a compute budget's GPU ids must be CUDA indices (0, 1, ...), got {ids!r}")
            if self.gpus is not None and self.gpus != len(ids):
                raise ConfigError(f"a compute budget of {self.gpus} GPU(s) cannot name {len(ids)}: {ids!r}")
            object.__setattr__(self, "gpu_ids", ids)
            object.__setattr__(self, "gpus", len(ids))

    @classmethod
    def machine(cls) -> Budget:
        """The whole machine: every usable CPU, every visible GPU (what a CLI command gets)."""
        return cls(cpus=usable_cpus())

    @classmethod
    def share(cls, cpus: float, gpus: float = 0, gpu_ids: tuple[int, ...] | None = None) -> Budget:
        """A scheduler's fractional share (Ray's ``num_cpus=0.5``): whole threads, at least one; any part of
        a GPU is that GPU. ``gpu_ids``: which GPUs, where the scheduler says (this process's indices)."""
        if gpu_ids is not None and gpus and len(gpu_ids) == math.ceil(gpus):
            return cls(cpus=max(1, int(cpus)), gpu_ids=tuple(gpu_ids))
        return cls(cpus=max(1, int(cpus)), gpus=math.ceil(gpus))

    def narrowed(self, cpus: int | None) -> Budget:
        """This budget with at most ``cpus`` CPUs (a ``threads`` setting); None leaves it as it is."""
        if cpus is None:
            return self
        return Budget(cpus=max(1, min(cpus, self.cpus)), gpus=self.gpus, gpu_ids=self.gpu_ids)

    def cuda_device(self, device: str) -> str:
        """The ``cuda:N`` that ``device`` (``cuda`` or ``cuda:N``) means in this budget: its first GPU for a
        bare ``cuda``; a ConfigError for a GPU it does not name."""
        index = device.partition(":")[2]
        if not index:
            return f"cuda:{self.gpu_ids[0]}" if self.gpu_ids else "cuda:0"
        if self.gpu_ids is not None and int(index) not in self.gpu_ids:
            named = ", ".join(f"cuda:{i}" for i in self.gpu_ids) or "none"
            raise ConfigError(f"device {device!r} was asked for, but this engine's compute budget holds "
                              f"{named}: use --device cuda (its first GPU) or auto")
        return device

    def as_dict(self) -> dict[str, Any]:
        named = {"gpu_ids": list(self.gpu_ids)} if self.gpu_ids else {}
        return {"cpus": self.cpus, "gpus": self.gpus, **named}


def process_gpu_indices(assigned: list[Any], visible: str | None = None) -> tuple[int, ...]:
    """This process's CUDA indices of the GPUs a scheduler assigned by id (Ray's ``get_gpu_ids()``).
    Where ``CUDA_VISIBLE_DEVICES`` is set (Ray sets it to an actor's GPUs), CUDA numbers the visible
    devices from 0 in its order, so assigned GPU 3 under ``CUDA_VISIBLE_DEVICES=3`` is ``cuda:0``."""
    visible = os.environ.get("CUDA_VISIBLE_DEVICES") if visible is None else visible
    ids = [str(i).strip() for i in assigned]
    if visible is None:
        return tuple(int(i) for i in ids if i.isdigit())
    order = [v.strip() for v in visible.split(",") if v.strip()]
    return tuple(order.index(i) for i in ids if i in order)


@dataclass(frozen=True)
class Runtime:
    """What an engine was opened with. ``precision`` is a torch dtype name for ``engine="torch"``, a
    CTranslate2 compute type for ``engine="ctranslate2"``."""

    engine: str
    device: str  # "cpu", "cuda", "cuda:1"
    precision: str
    budget: Budget
    inter_threads: int = 1  # batches decoded in parallel (CTranslate2 on CPU)
    intra_threads: int = 1  # threads inside one batch

    @property
    def is_cuda(self) -> bool:
        return self.device.startswith("cuda")

    @property
    def device_type(self) -> str:
        return "cuda" if self.is_cuda else "cpu"

    @property
    def device_index(self) -> int:
        return int(self.device.partition(":")[2] or 0)

    @property
    def precision_key(self) -> str:
        return "dtype" if self.engine == "torch" else "compute_type"

    def torch_dtype(self) -> Any:
        import torch

        return getattr(torch, self.precision)

    def provenance(self) -> dict[str, Any]:
        """What can change the output, for every record: the kind of device (CPU and CUDA kernels round
        differently) and the precision. Which GPU, the threads and the budget cannot: see :meth:`execution`."""
        return {"device": self.device_type, self.precision_key: self.precision}

    def execution(self) -> dict[str, Any]:
        """How this process ran the engine (the exact device, the thread split, the compute budget), for the
        run's manifest and logs: it differs between machines, engines and Ray actors, so a record that
        carried it would differ too."""
        return {"device": self.device, "inter_threads": self.inter_threads, "intra_threads": self.intra_threads,
                "budget": self.budget.as_dict()}


def check_device(device: str) -> str:
    """``device`` if it is one ringkas understands (auto, cpu, cuda, cuda:N), else a ConfigError (exit 2)."""
    if not isinstance(device, str) or not _DEVICE.fullmatch(device):
        raise ConfigError(f"device {device!r}: use auto, cpu, cuda or cuda:N")
    return device


def device_setting(**option: Any) -> Any:
    """The ``device`` field every model's settings declare (translator, summariser, encoder): one rule, one
    help; ``option`` adds to the declaration (``cli=False``)."""
    from ringkas.options import setting

    return setting("auto", check=_device_problem, help="auto (CUDA when present, else CPU), cpu, cuda or cuda:N",
                   **option)


def _device_problem(device: Any) -> str | None:
    try:
        check_device(device)
    except ConfigError as exc:
        return str(exc).split(": ", 1)[-1]
    return None


def check_request(device: str, precision: str, engine: str, budget: Budget | None = None) -> tuple[str, str]:
    """(device, precision) with short names spelt out (``fp16`` -> ``float16``), or a ConfigError for what
    can never run: an unknown name, half precision on ``cpu``, ``cuda`` in a budget without GPUs. Imports
    nothing heavy, so settings call it when they are built; ``auto`` is decided later, by the resolvers."""
    check_device(device)
    known = TORCH_DTYPES if engine == "torch" else CT2_COMPUTE_TYPES
    name = "dtype" if engine == "torch" else "compute_type"
    wanted = _ALIASES.get(precision, precision) if isinstance(precision, str) else precision
    if wanted not in known:
        raise ConfigError(f"{name} {precision!r}: use {', '.join(known)}")
    if device == "cpu":
        refuse_half_on_cpu(wanted, engine, precision)
    if device.startswith("cuda") and budget is not None and budget.gpus == 0:
        raise ConfigError(f"device {device!r} was asked for, but this engine's compute budget has no GPU: "
                          "use --device auto or cpu, or give it a GPU")
    if device.startswith("cuda:") and budget is not None:
        budget.cuda_device(device)  # a GPU the budget does not name
    return device, wanted


def refuse_half_on_cpu(precision: str, engine: str, asked: str | None = None) -> None:
    if precision not in _HALF:
        return
    name, instead = (("dtype", "auto or float32") if engine == "torch"
                     else ("compute_type", "auto (int8), int8_float32, int16 or float32"))
    raise ConfigError(f"{name} {asked or precision!r} needs a GPU, but the device is the CPU: use {name} "
                      f"{instead} on a CPU, or device cuda")


def no_cuda(device: str, library: str) -> ConfigError:
    return ConfigError(f"device {device!r} was asked for, but {library} sees no CUDA device (a CPU-only build, "
                       "or no GPU visible to this process): use --device auto or cpu")


def _pick(device: str, gpus_seen: int, library: str, budget: Budget) -> str:
    """``cpu`` or an exact ``cuda:N``: ``auto`` and ``cuda`` are the budget's first GPU (cuda:0 when it
    names none); a GPU index the library does not see is refused here, not on the first batch."""
    if device == "auto":
        device = "cuda" if gpus_seen else "cpu"
    if device == "cpu":
        return device
    if not gpus_seen:
        raise no_cuda(device, library)
    exact = budget.cuda_device(device)
    if int(exact.partition(":")[2]) >= gpus_seen:
        raise ConfigError(f"device {exact!r} was asked for, but {library} sees {gpus_seen} GPU(s) "
                          f"(cuda:0 to cuda:{gpus_seen - 1}): use one of them, or --device cuda")
    return exact


def resolve_torch(device: str = "auto", dtype: str = "auto", budget: Budget | None = None) -> Runtime:
    """The runtime of a transformers model: CUDA with bf16 (fp16 where bf16 is unsupported) when present
    and in the budget, else CPU fp32; torch's threads set to the budget's CPUs."""
    import torch

    budget = budget or Budget.machine()
    device, dtype = check_request(device, dtype, "torch", budget)
    device = _pick(device, torch.cuda.device_count() if budget.gpus != 0 and torch.cuda.is_available() else 0,
                   "torch", budget)
    if dtype == "auto":
        if device.startswith("cuda"):
            dtype = "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
        else:
            dtype = "float32"
    if device == "cpu":
        refuse_half_on_cpu(dtype, "torch")
    runtime = Runtime("torch", device, dtype, budget, inter_threads=1, intra_threads=budget.cpus)
    limit_torch_threads(budget)
    return runtime


def resolve_ct2(device: str = "auto", compute_type: str = "auto", budget: Budget | None = None) -> Runtime:
    """The runtime of a CTranslate2 model: CUDA when present and in the budget (bf16, else fp16), else CPU
    int8 with the budget's CPUs split by :func:`cpu_thread_split`; a compute type the device cannot run is
    a ConfigError here, not an error from the engine on the first batch."""
    import ctranslate2

    budget = budget or Budget.machine()
    device, compute_type = check_request(device, compute_type, "ctranslate2", budget)
    device = _pick(device, ctranslate2.get_cuda_device_count() if budget.gpus != 0 else 0, "CTranslate2", budget)
    device_type = "cuda" if device.startswith("cuda") else "cpu"
    index = int(device.partition(":")[2] or 0)
    supported = ctranslate2.get_supported_compute_types(device_type, index)
    if compute_type == "auto":
        if device_type == "cpu":
            compute_type = "int8" if "int8" in supported else "float32"
        else:
            compute_type = "bfloat16" if "bfloat16" in supported else "float16"
    if device_type == "cpu":
        refuse_half_on_cpu(compute_type, "ctranslate2")
    if compute_type != "default" and compute_type not in supported:
        raise ConfigError(f"compute_type {compute_type!r} does not run on this {device_type.upper()} "
                          f"(CTranslate2 supports {', '.join(sorted(supported))} here)")
    inter, intra = cpu_thread_split(budget.cpus) if device_type == "cpu" else (1, 1)
    limit_torch_threads(budget)  # conversion and tokenisers may use torch in this process
    return Runtime("ctranslate2", device, compute_type, budget, inter_threads=inter, intra_threads=intra)


def cpu_thread_split(cpus: int) -> tuple[int, int]:
    """(inter_threads, intra_threads) for CPU decoding: mostly parallel batches, few threads per batch.

    Measured on 2 cores with an opus-mt-sized model: 2 batches x 1 thread decode 1,773 tok/s, 1 batch x 2
    threads 1,069 tok/s; the per-step matrices are too small for intra-op threads to pay off.
    """
    intra = max(1, cpus // 4)
    return max(1, cpus // intra), intra


def visible_gpus() -> list[str]:
    """The CUDA devices this process sees, by name where known, without importing torch: torch's list where
    a model already loaded it, else CTranslate2's count (named by the NVIDIA driver where it can be)."""
    torch = sys.modules.get("torch")
    if torch is not None and hasattr(torch, "cuda"):
        return ([torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]
                if torch.cuda.is_available() else [])
    try:
        import ctranslate2
    except ImportError:
        return []
    count = ctranslate2.get_cuda_device_count()
    names = _driver_gpu_names()
    return names if len(names) == count else [f"cuda:{i}" for i in range(count)]


def _driver_gpu_names() -> list[str]:
    from pathlib import Path

    names = []
    for info in sorted(Path("/proc/driver/nvidia/gpus").glob("*/information")):
        try:
            model = next((line for line in info.read_text().splitlines() if line.startswith("Model:")), "")
        except OSError:
            continue
        names.append(model.partition(":")[2].strip() or "GPU")
    return names


def limit_torch_threads(budget: Budget) -> None:
    """torch's intra-op pool sized to the budget, if torch is loaded in this process (not imported here)."""
    torch = sys.modules.get("torch")
    if torch is not None and hasattr(torch, "set_num_threads"):
        torch.set_num_threads(budget.cpus)


def threads_in_use(runtime: Runtime, engine: Any = None) -> dict[str, int]:
    """The threads an opened engine runs with, read back from it where the library tells: CTranslate2's
    parallel workers (``num_translators``), torch's intra-op pool."""
    out = {"inter_threads": runtime.inter_threads, "intra_threads": runtime.intra_threads}
    workers = getattr(engine, "num_translators", None)
    if isinstance(workers, int):
        out["inter_threads"] = workers
    torch = sys.modules.get("torch")
    if torch is not None and hasattr(torch, "get_num_threads"):
        out["torch_threads"] = torch.get_num_threads()
        if runtime.engine == "torch":
            out["intra_threads"] = out["torch_threads"]
    return out
