"""Whether ringkas may use the Hugging Face hub: one answer for models and datasets alike.

``HF_HUB_OFFLINE`` means what Hugging Face says it means, everywhere in ringkas: set to 1 (true, yes, on),
the hub is never contacted and everything comes from the cache (``HF_HOME``); unset or 0, the hub may be
used. Before the first use, one probe of at most 3 s checks that the hub answers; when it does not, the
process goes offline (the cache only), so nothing sits through huggingface_hub's retries (half a minute
per file) before failing or falling back to the cache. Model loading (:mod:`ringkas.models.hub`), the
dataset reader (:mod:`ringkas.readers.hf`) and eval suites (:mod:`ringkas.evaluate.suites`) all ask
:func:`hub_allowed`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

HUB_PROBE_SECONDS = 3.0
_OFFLINE_VALUES = ("1", "true", "yes", "on")

_hub_probe: dict[str, bool] = {}  # endpoint -> reachable, probed once per process


def offline() -> bool:
    """Whether the user (or an earlier probe) set ``HF_HUB_OFFLINE``: the cache only, no network."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in _OFFLINE_VALUES


def hub_endpoint() -> str:
    return os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")


def probe_result() -> bool | None:
    """What this process's probe found: True reachable, False unreachable, None not probed."""
    return _hub_probe.get(hub_endpoint())


def hub_unreachable() -> bool:
    """True when this process found the hub unreachable (and went offline); probes once, at most 3 s.

    False under ``HF_HUB_OFFLINE`` (nothing is probed: the user chose offline)."""
    endpoint = hub_endpoint()
    if endpoint in _hub_probe:
        return not _hub_probe[endpoint]
    if offline():
        return False
    from huggingface_hub.utils import get_session

    try:  # any HTTP answer means reachable; only a network failure counts
        get_session().head(endpoint, timeout=HUB_PROBE_SECONDS)
        _hub_probe[endpoint] = True
    except Exception:  # DNS, refused, timeout, proxy: no retries, no warnings
        _hub_probe[endpoint] = False
        go_offline()
    return not _hub_probe[endpoint]


def hub_allowed() -> bool:
    """Whether the hub may be used now: ``HF_HUB_OFFLINE`` is not set and the hub answers (probed once)."""
    return not offline() and not hub_unreachable()


def go_offline() -> None:
    """Load from the cache only, in this process and the workers it starts, instead of retrying the hub."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    import huggingface_hub.constants

    huggingface_hub.constants.HF_HUB_OFFLINE = True


def why_offline() -> str:
    """Why the hub was not used, for messages: the user's setting or the failed probe."""
    if probe_result() is False:
        return f"the hub ({hub_endpoint()}) could not be reached"
    return "HF_HUB_OFFLINE is set"


@contextlib.contextmanager
def datasets_offline_unless_allowed(datasets: Any) -> Iterator[bool]:
    """Around a ``datasets`` call: offline (the cache only) unless :func:`hub_allowed`; yields whether the
    hub is allowed. ``datasets`` and ``huggingface_hub`` read the setting once, at import, so it is set on
    both for the call and put back after it."""
    if hub_allowed():
        yield True
        return
    import huggingface_hub.constants as hub_constants

    saved = datasets.config.HF_HUB_OFFLINE, hub_constants.HF_HUB_OFFLINE
    datasets.config.HF_HUB_OFFLINE = hub_constants.HF_HUB_OFFLINE = True
    try:
        yield False
    finally:
        datasets.config.HF_HUB_OFFLINE, hub_constants.HF_HUB_OFFLINE = saved
