"""The table of architectures CTranslate2 converts, read without torch, agrees with the installed libraries."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ringkas.models.architectures import ct2_architectures, ct2_converts, is_encoder_decoder

ROWS = sorted(ct2_architectures().items())


@pytest.mark.parametrize("model_type, entry", ROWS, ids=[t for t, _ in ROWS])
def test_every_row_names_the_config_class_ctranslate2_converts(model_type, entry):
    pytest.importorskip("ctranslate2")
    from ctranslate2.converters import transformers as loaders
    from transformers.models.auto.configuration_auto import CONFIG_MAPPING, CONFIG_MAPPING_NAMES

    assert CONFIG_MAPPING_NAMES[model_type] == entry["config"]
    assert entry["config"] in loaders._MODEL_LOADERS
    assert CONFIG_MAPPING[model_type]().is_encoder_decoder == (entry["kind"] == "encoder-decoder")


@pytest.mark.parametrize("config, converts, encoder_decoder", [
    (SimpleNamespace(model_type="bart", is_encoder_decoder=True), True, True),
    (SimpleNamespace(model_type="t5"), True, True),  # no is_encoder_decoder in the JSON: the table's kind
    (SimpleNamespace(model_type="qwen2"), True, False),
    (SimpleNamespace(model_type="bigbird_pegasus", is_encoder_decoder=True), False, True),
    (SimpleNamespace(), False, False),
], ids=["bart", "t5-without-flag", "qwen2", "not-in-the-table", "no-model-type"])
def test_a_config_read_as_json_is_told_apart(config, converts, encoder_decoder):
    pytest.importorskip("ctranslate2")
    assert ct2_converts(config) is converts
    assert is_encoder_decoder(config) is encoder_decoder
