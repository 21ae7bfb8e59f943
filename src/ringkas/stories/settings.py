"""Story clustering settings: one validated object, built once (the job's ``[cluster]`` section)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ringkas._toml import tomllib
from ringkas.errors import ConfigError
from ringkas.options import check_fields, job_key, setting


@lru_cache(maxsize=4)
def load_pair_model(path: str | None = None) -> dict[str, Any]:
    """The pair model file (default: the packaged ``data/stories.toml``)."""
    try:
        if path is None:
            text = resources.files("ringkas.data").joinpath("stories.toml").read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data = tomllib.loads(text)
        return {"version": str(data.get("version", "")), "threshold": float(data["threshold"]),
                "window_hours": float(data["window_hours"]),
                "weights": {k: float(v) for k, v in data["weights"].items()}, "bias": float(data["bias"]["value"])}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"story model {path or 'data/stories.toml'} cannot be read: {exc}") from None


def _pair_default(name: str) -> str:
    return f"the pair model's ({load_pair_model()[name]:g})"


@dataclass(frozen=True)
class StorySettings:
    """``threshold`` and ``window_hours`` default to the pair model file's; ``encoder`` holds
    :class:`~ringkas.encode.EncoderSettings` options; ``state`` is the file that carries recent stories to the
    next run (None: none)."""

    model: str | None = setting(None, metavar="TOML", default_text="the packaged data/stories.toml",
                                help="pair model TOML (weights, threshold, window)")
    threshold: float | None = setting(None, min=0.01, max=0.99, default_text=lambda: _pair_default("threshold"),
                                      help="story score an article needs to join a story")
    window_hours: float | None = setting(None, min=1.0, max=336.0, default_text=lambda: _pair_default("window_hours"),
                                         help="compare articles published at most this many hours apart")
    encoder: dict[str, Any] = job_key(default_factory=dict, keys="ringkas.encode.settings:EncoderSettings",
                                      help="sentence encoder settings (the `cluster.encoder.*` keys below)")
    state: str | None = setting(None, job=False, metavar="FILE", default_text="none",  # a job's: ClusterJob
                                help="file of recent stories carried from run to run (read, then rewritten); "
                                "tomorrow's articles can join today's stories")

    def __post_init__(self) -> None:
        pair = load_pair_model(self.model)
        if self.threshold is None:  # the pair model's, held to the same bounds as a given one
            object.__setattr__(self, "threshold", pair["threshold"])
        if self.window_hours is None:
            object.__setattr__(self, "window_hours", pair["window_hours"])
        check_fields(self, "cluster.")
        object.__setattr__(self, "threshold", float(self.threshold))
        object.__setattr__(self, "window_hours", float(self.window_hours))

    def pair_model(self) -> Any:
        from ringkas.stories.cluster import PairModel

        pair = load_pair_model(self.model)
        try:
            return PairModel(pair["weights"], pair["bias"])
        except ValueError as exc:
            raise ConfigError(f"story model {self.model or 'data/stories.toml'}: {exc}") from None

    def provenance(self) -> dict[str, Any]:
        pair = load_pair_model(self.model)
        return {"method": "online-average-link", "model": self.model or "data/stories.toml",
                "model_version": pair["version"], "threshold": self.threshold, "window_hours": self.window_hours}
