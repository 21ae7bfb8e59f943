"""CTranslate2 conversion cache: converted once, reused, never used half-written, one converter at a time."""

from __future__ import annotations

import threading
import time

import pytest

from ringkas.models.hub import resolve_model
from ringkas.models import ct2_convert
from ringkas.models.ct2_convert import COMPLETE_MARKER, conversion_folder, ensure_converted, is_complete


@pytest.fixture()
def marian_ref(tiny_model):
    return resolve_model(str(tiny_model("marian")))


@pytest.fixture()
def conversions(monkeypatch):
    """Counts real conversions (and lets a test slow them down)."""
    calls = []
    real = ct2_convert._convert

    def counting(ref, out, quantization):
        calls.append(quantization)
        if getattr(counting, "delay", 0):
            time.sleep(counting.delay)
        real(ref, out, quantization)

    monkeypatch.setattr(ct2_convert, "_convert", counting)
    counting.calls = calls
    return counting


@pytest.mark.slow
def test_converted_once_then_reused(marian_ref, conversions, tmp_path):
    first = ensure_converted(marian_ref, "rev1", "int8", tmp_path)
    again = ensure_converted(marian_ref, "rev1", "int8", tmp_path)
    assert first == again and is_complete(first)
    assert conversions.calls == ["int8"]
    other = ensure_converted(marian_ref, "rev2", "int8", tmp_path)
    assert other != first and conversions.calls == ["int8", "int8"]
    assert list(tmp_path.glob(".*tmp-*")) == []


@pytest.mark.slow
def test_half_written_conversion_is_never_used(marian_ref, conversions, tmp_path):
    folder = conversion_folder(tmp_path, marian_ref, "rev1", "int8")
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(b"truncated")  # a crash mid-write, without the completion marker
    stale = folder.with_name(f".{folder.name}.tmp-99999")
    stale.mkdir()
    assert not is_complete(folder)
    out = ensure_converted(marian_ref, "rev1", "int8", tmp_path)
    assert out == folder and is_complete(out) and conversions.calls == ["int8"]
    assert (out / "model.bin").stat().st_size > 1000
    assert not stale.exists()


@pytest.mark.slow
def test_failed_conversion_leaves_nothing_usable(marian_ref, monkeypatch, tmp_path):
    def broken(ref, out, quantization):
        out.mkdir()
        (out / "model.bin").write_bytes(b"x")
        raise RuntimeError("disk full")

    monkeypatch.setattr(ct2_convert, "_convert", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        ensure_converted(marian_ref, "rev1", "int8", tmp_path)
    assert not is_complete(conversion_folder(tmp_path, marian_ref, "rev1", "int8"))


@pytest.mark.slow
def test_concurrent_callers_wait_for_one_conversion(marian_ref, conversions, tmp_path):
    conversions.delay = 0.5
    results = []
    threads = [threading.Thread(target=lambda: results.append(ensure_converted(marian_ref, "r", "int8", tmp_path)))
               for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert conversions.calls == ["int8"]
    assert len(set(results)) == 1 and (results[0] / COMPLETE_MARKER).is_file()


def test_cache_key_separates_model_revision_and_quantisation(tmp_path):
    a = resolve_model("Helsinki-NLP/opus-mt-id-en")
    b = resolve_model("facebook/nllb-200-distilled-600M")
    names = {
        conversion_folder(tmp_path, ref, rev, q)
        for ref in (a, b) for rev in ("main", "abc123") for q in ("int8", "float16")
    }
    assert len(names) == 8
    assert conversion_folder(tmp_path, a, "main", "int8").name.startswith("Helsinki-NLP--opus-mt-id-en-int8-")
