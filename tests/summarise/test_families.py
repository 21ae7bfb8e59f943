from __future__ import annotations

from types import SimpleNamespace

import pytest

from ringkas.summarise.families import conventions, family_of, family_table
from ringkas.summarise.settings import Generation

UNSET = int(1e30)  # what transformers puts in model_max_length when a tokenizer states none


@pytest.mark.parametrize(
    "model_type, family",
    [("bart", "bart"), ("pegasus", "pegasus"), ("t5", "t5"), ("mt5", "mt5"), ("led", "default")],
    ids=["bart", "pegasus", "t5", "mt5", "unknown"],
)
def test_family_of(model_type: str, family: str) -> None:
    assert family_of(model_type) == family


def test_table_only_for_a_bare_t5() -> None:
    found = conventions(SimpleNamespace(model_type="t5"), SimpleNamespace(model_max_length=UNSET))
    assert found.prefix == "summarize: "
    assert found.max_input_tokens == family_table()["t5"]["max_input_tokens"]
    assert found.generation == Generation(**family_table()["t5"]["generation"])


def test_model_config_beats_table_and_job_beats_both() -> None:
    config = SimpleNamespace(
        model_type="bart", max_position_embeddings=1024,
        task_specific_params={"summarization": {"prefix": "", "max_length": 142, "min_length": 56,
                                                "no_repeat_ngram_size": 3, "length_penalty": 2.0, "num_beams": 4}},
    )
    found = conventions(config, SimpleNamespace(model_max_length=UNSET))
    assert found.max_input_tokens == 1024
    assert (found.generation.max_new_tokens, found.generation.min_new_tokens) == (142, 56)
    job = conventions(config, SimpleNamespace(model_max_length=600), {"max_new_tokens": 40, "num_beams": 2})
    assert job.max_input_tokens == 600  # the tokenizer's stated window
    assert job.generation.num_beams == 2
    # a job that asks for briefs shorter than the family minimum gets them
    assert (job.generation.max_new_tokens, job.generation.min_new_tokens) == (40, 40)
