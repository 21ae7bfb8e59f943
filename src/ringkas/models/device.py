"""Device and dtype choice: CUDA with bf16 (fp16 where bf16 is unsupported) when present, else CPU fp32."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ringkas.errors import ConfigError

_DEVICE = re.compile(r"auto|cpu|cuda(:\d+)?")


@dataclass(frozen=True)
class DeviceChoice:
    device: str  # "cuda", "cuda:1", "cpu"
    dtype: str  # "bfloat16", "float16", "float32"

    @property
    def is_cuda(self) -> bool:
        return self.device.startswith("cuda")

    def torch_dtype(self):  # -> torch.dtype
        import torch

        return getattr(torch, self.dtype)


def usable_cpus() -> int:
    """CPUs this process may run on (respects taskset/cgroups affinity, unlike os.cpu_count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def check_device(device: str) -> str:
    """``device`` if it is one ringkas understands (auto, cpu, cuda, cuda:N), else a ConfigError (exit 2)."""
    if not isinstance(device, str) or not _DEVICE.fullmatch(device):
        raise ConfigError(f"device {device!r}: use auto, cpu, cuda or cuda:N")
    return device


def no_cuda(device: str, library: str) -> ConfigError:
    return ConfigError(f"device {device!r} was asked for, but {library} sees no CUDA device (a CPU-only build, "
                       "or no GPU visible to this process): use --device auto or cpu")


def pick_device(device: str = "auto", dtype: str = "auto") -> DeviceChoice:
    """Resolve ``auto`` device/dtype. On CPU also sets torch's intra-op threads to the usable CPUs."""
    import torch

    check_device(device)
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise no_cuda(device, "torch")
    if dtype == "auto":
        if device.startswith("cuda"):
            dtype = "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
        else:
            dtype = "float32"
    if dtype not in ("bfloat16", "float16", "float32"):
        raise ValueError(f"unknown dtype {dtype!r}: use auto, bfloat16, float16 or float32")
    if device == "cpu":
        torch.set_num_threads(usable_cpus())
    return DeviceChoice(device=device, dtype=dtype)
