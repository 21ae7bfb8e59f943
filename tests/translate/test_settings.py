"""Settings, caps and backend choice: the small pure pieces."""

from __future__ import annotations

import pytest

from ringkas.errors import ConfigError
from ringkas.translate.build import resolve_backend
from ringkas.translate.quality import degenerate_reason
from ringkas.translate.settings import TranslationSettings


@pytest.mark.parametrize(
    ("settings", "source_tokens", "window", "cap"),
    [
        (TranslationSettings(), 20, 512, 56),
        (TranslationSettings(max_new_tokens=10), 20, 512, 10),
        (TranslationSettings(max_new_tokens=900), 20, 512, 511),
        (TranslationSettings(), 400, 512, 511),
    ],
    ids=["scaled-default", "explicit-cap", "explicit-cap-bounded-by-window", "scaled-bounded-by-window"],
)
def test_new_token_cap(settings, source_tokens, window, cap):
    assert settings.new_token_cap(source_tokens, window) == cap


def test_unknown_setting_is_a_config_error():
    with pytest.raises(ConfigError, match="num_beam"):
        TranslationSettings.from_options({"num_beam": 4})


def test_output_settings_leave_out_batching():
    a = TranslationSettings(batch_tokens=1024).output_settings()
    assert a == TranslationSettings(batch_tokens=8192).output_settings()
    assert a != TranslationSettings(num_beams=2).output_settings()


@pytest.mark.parametrize(
    ("source", "output", "reason"),
    [
        ("Harga beras naik dua persen bulan ini.", "Rice prices rose two percent this month.", None),
        ("Harga beras naik dua persen bulan ini.", "", "empty"),
        ("Harga beras naik.", "the the the the price", "repeat_loop"),
        ("Harga beras naik dua persen bulan ini.", "rice rose, prices went up again this month", None),
        ("Harga beras naik dua persen bulan ini.", "Rice.", "length_ratio"),
        ("Harga beras naik dua persen bulan ini.", "Rice prices " * 20, "repeat_loop"),
        ("Ya.", "Yes, indeed.", None),
    ],
    ids=["fine", "empty", "word-loop", "no-loop", "too-short", "phrase-loop", "short-source-no-ratio"],
)
def test_degenerate_reason(source, output, reason):
    assert degenerate_reason(source, output, 0.3, 3.0) == reason


def test_auto_backend_is_ctranslate2_when_installed():
    pytest.importorskip("ctranslate2")
    assert resolve_backend("auto", "cpu") == "ctranslate2"
    assert resolve_backend("transformers", "cpu") == "transformers"
