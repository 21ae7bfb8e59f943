"""Shared fixtures. Tests never download: the hub is switched off and models are built locally."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before any test imports huggingface_hub, so nothing can reach the network.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory):
    """``tiny_model(kind) -> Path``: build (once per session) and return a tiny model folder."""
    from ringkas.testing.tiny_models import build

    root = tmp_path_factory.mktemp("tiny-models")
    built: dict[str, Path] = {}

    def get(kind: str) -> Path:
        if kind not in built:
            built[kind] = build(kind, root / kind)
        return built[kind]

    return get


@pytest.fixture(scope="session")
def ringkas_cache(tmp_path_factory: pytest.TempPathFactory):
    """One ringkas cache folder (CTranslate2 conversions) for the whole session, so each converts once."""
    return tmp_path_factory.mktemp("ringkas-cache")


@pytest.fixture(autouse=True)
def _ringkas_cache_env(ringkas_cache, monkeypatch: pytest.MonkeyPatch):
    """Nothing a test does may write into the real ~/.cache/ringkas."""
    monkeypatch.setenv("RINGKAS_CACHE", str(ringkas_cache))


@pytest.fixture(autouse=True)
def _meaning_checks_off_unless_asked(monkeypatch: pytest.MonkeyPatch):
    """The tiny random models' output means nothing, so the meaning checks (which load an encoder) are off by
    default in tests, in worker processes too; the tests about them turn them on."""
    monkeypatch.setenv("RINGKAS_MEANING_CHECKS", "0")  # read by worker processes too


@pytest.fixture()
def hf_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Hugging Face cache, so a hub id cannot resolve to anything on this machine."""
    home = tmp_path / "hf-home"
    monkeypatch.setenv("HF_HOME", str(home))
    monkeypatch.setenv("HF_HUB_CACHE", str(home / "hub"))
    return home


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """One headless Chromium for the session (see ``tests/browser.py``). Without Chromium the test is skipped
    with how to install it, or fails where ``RINGKAS_REQUIRE_BROWSER=1`` (CI)."""
    from tests.browser import Browser, chromium_or_skip

    chromium = Browser(chromium_or_skip(), tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()
