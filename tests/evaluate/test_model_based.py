"""BERTScore and COMET need extras and local models: without them, a clear error at construction, never 0."""

from __future__ import annotations

import pytest

from ringkas.evaluate.metrics import METRICS
from ringkas.models import ModelNotFoundError
from ringkas.registry import MissingDependency


@pytest.mark.parametrize("name,module,extra", [("bertscore", "bert_score", "bertscore"),
                                               ("comet", "comet", "comet")], ids=["bertscore", "comet"])
def test_missing_package_names_the_extra(name, module, extra, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_such_module(target, *args, **kwargs):
        if target == module or target.startswith(module + "."):
            raise ImportError(f"No module named {module!r}")
        return real_import(target, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_such_module)
    with pytest.raises(MissingDependency, match=rf"pip install 'ringkas\[{extra}\]'"):
        METRICS.build(name)


def test_model_folder_lookup_refuses_to_download(hf_home):
    from ringkas.evaluate.metrics.model_based import local_model_folder

    with pytest.raises(ModelNotFoundError, match="ringkas models download Unbabel/wmt22-comet-da"):
        local_model_folder("Unbabel/wmt22-comet-da")


def test_model_folder_lookup_accepts_a_folder(tmp_path):
    from ringkas.evaluate.metrics.model_based import local_model_folder

    assert local_model_folder(str(tmp_path)) == tmp_path.resolve()
