"""One cache root for every cache, read when asked (so RINGKAS_CACHE set by a test or a job moves them all)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.paths import ringkas_cache_root


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"RINGKAS_CACHE": "/data/rk", "XDG_CACHE_HOME": "/xdg"}, Path("/data/rk")),
        ({"XDG_CACHE_HOME": "/xdg"}, Path("/xdg/ringkas")),
        ({"HOME": "/home/ani"}, Path("/home/ani/.cache/ringkas")),
    ],
    ids=["ringkas-cache-wins", "xdg-cache-home", "home"],
)
def test_cache_root(env, expected, monkeypatch):
    for name in ("RINGKAS_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert ringkas_cache_root() == expected


def test_every_cache_lives_under_the_root(tmp_path, monkeypatch):
    from ringkas.encode.cache import default_vector_cache
    from ringkas.fetch.settings import default_state_path
    from ringkas.models.ct2_convert import default_ct2_cache
    from ringkas.translate.cache import default_translation_cache

    monkeypatch.setenv("RINGKAS_CACHE", str(tmp_path))
    for path in (default_translation_cache(), default_ct2_cache(), default_vector_cache(), default_state_path("x")):
        assert path.is_relative_to(tmp_path)
