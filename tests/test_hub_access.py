"""One hub policy for models and datasets: HF_HUB_OFFLINE means what Hugging Face says, everywhere."""

from __future__ import annotations

import pytest

from ringkas import hub_access


@pytest.mark.parametrize(
    ("setting", "is_offline"),
    [(None, False), ("0", False), ("false", False), ("", False), ("1", True), ("true", True), ("YES", True),
     ("on", True)],
    ids=["unset", "zero", "false", "empty", "one", "true", "yes-upper", "on"],
)
def test_hf_hub_offline_values(setting, is_offline, monkeypatch):
    if setting is None:
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    else:
        monkeypatch.setenv("HF_HUB_OFFLINE", setting)
    assert hub_access.offline() is is_offline


@pytest.mark.parametrize(
    ("setting", "reachable", "allowed", "why"),
    [
        (None, True, True, None),
        (None, False, False, "could not be reached"),
        ("1", True, False, "HF_HUB_OFFLINE is set"),
    ],
    ids=["unset-and-answering", "unset-and-unreachable", "offline-set"],
)
def test_hub_allowed_is_the_setting_and_the_one_probe(setting, reachable, allowed, why, monkeypatch):
    if setting is None:
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    else:
        monkeypatch.setenv("HF_HUB_OFFLINE", setting)
    monkeypatch.setattr(hub_access, "_hub_probe", {hub_access.hub_endpoint(): reachable})  # probed already
    assert hub_access.hub_allowed() is allowed
    if why:
        assert why in hub_access.why_offline()


def test_models_and_datasets_ask_the_same_policy():
    from ringkas.models import hub
    from ringkas.readers import hf

    assert hub.hub_unreachable is hub_access.hub_unreachable and hub.offline is hub_access.offline
    assert hf.datasets_offline_unless_allowed is hub_access.datasets_offline_unless_allowed
