"""Summarisers: English briefs (bullets or a paragraph) and headlines, with provenance and guards.

``build_summariser`` is the public entry the CLI and the batch runner call; ``pipeline_steps`` arranges the
translator and the summariser for a pipeline (translate-then-summarise, summarise-then-translate, direct).
"""

from __future__ import annotations

from typing import Any

from ringkas.registry import Registry
from ringkas.summarise.base import Brief, Summariser

METHODS = Registry(
    "summariser method",
    {
        "lead": "ringkas.summarise.extractive:LeadSummariser",
        "textrank": "ringkas.summarise.extractive:TextRankSummariser",
        "seq2seq": "ringkas.summarise.seq2seq:Seq2SeqSummariser",
        "direct": "ringkas.summarise.seq2seq:DirectSummariser",
        "instruct": "ringkas.summarise.instruct:InstructSummariser",
    },
)
EXTRACTIVE = ("lead", "textrank")


def build_summariser(
    method: str | None = None,
    model: str | None = None,
    prompt: str | None = None,
    device: str = "auto",
    revision: str | None = None,
    **settings: Any,
) -> Summariser:
    """Build a summariser.

    ``method`` is lead | textrank | seq2seq | instruct | direct. Without it: ``instruct`` when a prompt is
    named or the model is a causal LM, ``seq2seq`` for other models, ``lead`` when there is no model either.
    ``settings`` go to the method: ``sentences``; ``source_field`` (or ``pipeline``, which implies it);
    ``max_new_tokens`` and other generation settings; ``prompts_dir``, ``headline_prompt``, ``style``;
    ``fallback_extractive`` (a guard that replaces an unfaithful brief with the ``lead`` brief);
    ``check_faithfulness`` (default on for generated briefs). Models load here, so a missing model or
    package fails now, not mid-run.
    """
    from ringkas.errors import ConfigError
    from ringkas.models.device import check_device

    check_device(device)
    pipeline = settings.pop("pipeline", None)
    if pipeline:
        from ringkas.summarise.pipelines import source_field_for

        settings.setdefault("source_field", source_field_for(pipeline))
    method = method or infer_method(model, prompt, revision)
    if method not in METHODS:
        raise ConfigError(f"unknown summariser method {method!r} (known: {', '.join(METHODS.names())})")
    if method in EXTRACTIVE:
        if model or prompt:
            raise ConfigError(f"method {method!r} uses no model or prompt; drop --model/--prompt or pick another method")
        unused = sorted(k for k in settings if k not in ("sentences", "source_field", "batch_size"))
        if unused:
            raise ConfigError(f"method {method!r} takes only sentences and batch_size; not: {', '.join(unused)}")
        return METHODS.build(method, **settings)
    if method != "instruct":
        if settings.get("headline_prompt"):
            raise ConfigError("a headline prompt needs an instruction-following model (method instruct)")
        settings.pop("headline_prompt", None)
        settings.pop("prompts_dir", None)  # only prompts read it
    guard = _guard(settings)
    kwargs: dict[str, Any] = {"device": device, "revision": revision, "guard": guard, **settings}
    if model:
        kwargs["model"] = model
    if method == "instruct":
        kwargs["prompt"] = prompt
    elif prompt:
        raise ConfigError(f"--prompt needs an instruction-following model (method instruct), not {method!r}")
    return METHODS.build(method, **kwargs)


def preflight(method: str | None = None, model: str | None = None, prompt: str | None = None,
              revision: str | None = None, **settings: Any) -> None:
    """What :func:`build_summariser` would refuse, found without loading weights: an unknown method or
    option, a prompt that does not exist, a model (named or the method's default) missing from the cache.
    The batch runner calls this before it plans any work."""
    import inspect

    from ringkas.errors import ConfigError
    from ringkas.models import resolve_model
    from ringkas.models.hub import load_config

    settings.pop("pipeline", None)
    method = method or infer_method(model, prompt, revision)
    if method not in METHODS:
        raise ConfigError(f"unknown summariser method {method!r} (known: {', '.join(METHODS.names())})")
    if method in EXTRACTIVE:
        build_summariser(method, model=model, prompt=prompt, **settings)  # no weights: building is the check
        return
    for name in (prompt if method == "instruct" else None, settings.get("headline_prompt")):
        if name:
            from ringkas.summarise.prompts import load_prompt

            load_prompt(name, settings.get("prompts_dir"))
    cls = METHODS.get(method)
    default = inspect.signature(cls.__init__).parameters.get("model")
    model = model or (default.default if default is not None else None)
    if not isinstance(model, str):
        raise ConfigError(f"summariser method {method!r} needs a model")
    if method in ("seq2seq", "direct"):
        from ringkas.summarise.seq2seq import check_generation_settings

        named = set(inspect.signature(cls.__init__).parameters) | set(
            inspect.signature(METHODS.get("seq2seq").__init__).parameters)
        own = {"source_field", "guard", "batch_size", "fallback_extractive", "check_faithfulness"}
        check_generation_settings({k: v for k, v in settings.items() if k not in named | own})
    load_config(resolve_model(model, revision=revision))  # the config alone: kilobytes, no weights


def infer_method(model: str | None, prompt: str | None, revision: str | None = None) -> str:
    """The method a model implies: causal LMs and named prompts are ``instruct``, other models ``seq2seq``."""
    if prompt:
        return "instruct"
    if not model:
        return "lead"
    from ringkas.models import resolve_model
    from ringkas.models.hub import load_config

    config = load_config(resolve_model(model, revision=revision))
    return "seq2seq" if getattr(config, "is_encoder_decoder", False) else "instruct"


def _guard(settings: dict[str, Any]) -> Any:
    fallback = settings.pop("fallback_extractive", False)
    check = settings.pop("check_faithfulness", True)
    if not (check or fallback):
        return None
    from ringkas.summarise.faithfulness import FaithfulnessGuard

    return FaithfulnessGuard(fallback="lead" if fallback is True else fallback or None)


__all__ = ["Brief", "METHODS", "Summariser", "build_summariser", "infer_method", "preflight"]
