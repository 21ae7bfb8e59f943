"""Model-based metrics behind extras: BERTScore (``pip install 'ringkas[bertscore]'``) and COMET
(``pip install 'ringkas[comet]'``).

Both fail when they are built, before any scoring, with :class:`~ringkas.registry.MissingDependency` when the
package is absent or :class:`~ringkas.models.ModelNotFoundError` when the model is not in the local cache —
never a silent 0. Their per-article scores are x100 and averaged, like ROUGE.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ringkas.evaluate.metrics.base import Metric, Segment
from ringkas.registry import require


def local_model_folder(name: str) -> Path:
    """The folder holding model ``name``: itself when it is a folder, else its snapshot in the local HF cache.

    Raises ModelNotFoundError (with the `ringkas models download` hint) instead of downloading mid-run.
    """
    from ringkas.models import ModelNotFoundError, resolve_model
    from ringkas.models.hub import missing_model_message

    ref = resolve_model(name)
    if ref.is_local:
        return Path(ref.location)
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(repo_id=ref.name, local_files_only=True))
    except Exception as exc:  # LocalEntryNotFoundError and friends: not in the cache
        raise ModelNotFoundError(missing_model_message(ref, exc)) from exc


class _MeanScoreMetric(Metric):
    def figures_from_sums(self, sums: np.ndarray, count: np.ndarray) -> dict[str, np.ndarray]:
        return {self.figures[0]: sums[:, 0] / np.asarray(count, dtype=float)}


class BertScore(_MeanScoreMetric):
    """BERTScore F1 of the brief against the reference summary."""

    name = "bertscore"
    figures = ("bertscore",)
    target = "brief"

    def __init__(self, model: str = "roberta-large", device: str = "cpu", batch_size: int = 16):
        self._bert_score = require("bert_score", "the bertscore metric", "pip install 'ringkas[bertscore]'")
        self.folder = local_model_folder(model)
        self.model, self.device, self.batch_size = model, device, batch_size

    def segment_stats(self, segments: Sequence[Segment]) -> np.ndarray:
        _p, _r, f1 = self._bert_score.score(
            cands=[segment.hypothesis for segment in segments],
            refs=[segment.reference or "" for segment in segments],
            model_type=str(self.folder),
            num_layers=self._bert_score.utils.model2layers.get(self.model, 17),
            device=self.device,
            batch_size=self.batch_size,
        )
        return (f1.numpy().astype(float) * 100).reshape(-1, 1)

    def signature(self) -> dict[str, Any]:
        from importlib.metadata import version

        return {"implementation": f"bert-score {version('bert-score')}", "model": self.model, "score": "F1 x100"}


class Comet(_MeanScoreMetric):
    """COMET of the system translation (``text_en``) given the source and the reference translation."""

    name = "comet"
    figures = ("comet",)
    target = "translation"

    def __init__(self, model: str = "Unbabel/wmt22-comet-da", batch_size: int = 16, gpus: int = 0):
        self._comet = require("comet", "the comet metric", "pip install 'ringkas[comet]'")
        self.model, self.batch_size, self.gpus = model, batch_size, gpus
        self._checkpoint = self._find_checkpoint(model)

    @staticmethod
    def _find_checkpoint(model: str) -> Path:
        folder = local_model_folder(model)
        checkpoint = folder / "checkpoints" / "model.ckpt"
        if not checkpoint.is_file():
            from ringkas.models import ModelNotFoundError

            raise ModelNotFoundError(f"COMET model {model!r} has no checkpoints/model.ckpt in {folder}")
        return checkpoint

    def segment_stats(self, segments: Sequence[Segment]) -> np.ndarray:
        scorer = self._comet.load_from_checkpoint(str(self._checkpoint))
        data = [{"src": s.source or "", "mt": s.hypothesis, "ref": s.reference or ""} for s in segments]
        output = scorer.predict(data, batch_size=self.batch_size, gpus=self.gpus, progress_bar=False)
        return (np.asarray(output.scores, dtype=float) * 100).reshape(-1, 1)

    def signature(self) -> dict[str, Any]:
        from importlib.metadata import version

        return {"implementation": f"unbabel-comet {version('unbabel-comet')}", "model": self.model,
                "score": "x100"}
