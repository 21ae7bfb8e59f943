from __future__ import annotations

from types import SimpleNamespace

import pytest

from ringkas.models.window import model_window


@pytest.mark.parametrize(
    "positions, declared, expected",
    [
        (512, 512, 512),            # Marian
        (1024, 512, 512),           # tokenizer stricter than the model
        (512, 1024, 512),           # tokenizer saved with a longer limit than the position table
        (None, 512, 512),           # T5: relative positions, the tokenizer says
        (1024, int(1e30), 1024),    # tokenizer limit unset
        (None, int(1e30), None),    # nobody says
    ],
)
def test_model_window_is_the_smaller_stated_limit(positions, declared, expected):
    config = SimpleNamespace(max_position_embeddings=positions)
    tokenizer = SimpleNamespace(model_max_length=declared)
    assert model_window(config, tokenizer) == expected
