"""One way to open a CTranslate2 model, whatever the role: translator, generator or encoder.

:func:`open_ct2` resolves the runtime from the request and the budget (:mod:`ringkas.models.runtime`),
converts the Hugging Face model once into the shared cache, and opens the engine with the budget's
threads. :meth:`CT2Model.worker_batch_size` is the split of one batch across ``inter_threads`` workers,
so every worker decodes a share of it in parallel.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ringkas.models.hub import ModelRef
from ringkas.models.runtime import Budget, Runtime, limit_torch_threads, resolve_ct2, threads_in_use

log = logging.getLogger(__name__)

ENGINES = {"translator": "Translator", "generator": "Generator", "encoder": "Encoder"}


@dataclass
class CT2Model:
    """An opened CTranslate2 engine with the runtime and the converted folder it came from."""

    engine: Any
    runtime: Runtime
    folder: Path

    def worker_batch_size(self, rows: int) -> int:
        """``max_batch_size`` for a batch of ``rows``: split once more so each ``inter_threads`` worker
        decodes a share of it in parallel (the caller already sized the batch by its token budget)."""
        return -(-rows // max(1, self.runtime.inter_threads))

    def threads(self) -> dict[str, int]:
        """The threads the engine runs with, read back from it."""
        return threads_in_use(self.runtime, self.engine)

    def provenance(self) -> dict[str, Any]:
        return self.runtime.provenance()


def open_ct2(kind: str, ref: ModelRef, revision: str, *, device: str = "auto", compute_type: str = "auto",
             budget: Budget | None = None, cache: str | Path | None = None) -> CT2Model:
    """Open ``ref`` (converted on first use, cached by revision and compute type) as a CTranslate2
    ``kind`` engine: ``translator`` (encoder-decoder), ``generator`` (causal LM) or ``encoder``."""
    import ctranslate2

    from ringkas.models.ct2_convert import ensure_converted

    engine_class = getattr(ctranslate2, ENGINES[kind])
    runtime = resolve_ct2(device, compute_type, budget)
    folder = ensure_converted(ref, revision, runtime.precision, Path(cache) if cache else None)
    limit_torch_threads(runtime.budget)  # a first conversion loads torch, whose pool starts machine-wide
    engine = engine_class(str(folder), device=runtime.device_type, device_index=runtime.device_index,
                          compute_type=runtime.precision, inter_threads=runtime.inter_threads,
                          intra_threads=runtime.intra_threads)
    log.debug("%s: %s with CTranslate2 on %s, %s, %d x %d threads", kind, ref.name, runtime.device,
              runtime.precision, runtime.inter_threads, runtime.intra_threads)
    return CT2Model(engine=engine, runtime=runtime, folder=folder)
