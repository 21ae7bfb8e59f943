"""Story clustering settings: one validated object, built once (the job's ``[cluster]`` section)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ringkas._toml import tomllib
from ringkas.errors import ConfigError


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


@dataclass(frozen=True)
class StorySettings:
    """``threshold`` and ``window_hours`` default to the pair model file's; ``encoder`` holds
    :class:`~ringkas.encode.EncoderSettings` options; ``state`` is the file that carries recent stories to the
    next run (None: none)."""

    model: str | None = None
    threshold: float | None = None
    window_hours: float | None = None
    encoder: dict[str, Any] = field(default_factory=dict)
    state: str | None = None

    def __post_init__(self) -> None:
        pair = load_pair_model(self.model)
        threshold = pair["threshold"] if self.threshold is None else float(self.threshold)
        window = pair["window_hours"] if self.window_hours is None else float(self.window_hours)
        if not 0.0 < threshold < 1.0:
            raise ConfigError(f"cluster.threshold = {threshold} must be between 0 and 1 (exclusive)")
        if not 0.0 < window <= 24 * 14:
            raise ConfigError(f"cluster.window_hours = {window} must be above 0 and at most 336 (two weeks)")
        object.__setattr__(self, "threshold", threshold)
        object.__setattr__(self, "window_hours", window)

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
