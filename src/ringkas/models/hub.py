"""Load seq2seq/causal models and tokenizers from a hub id or a local folder through ``from_pretrained``.

Hub ids go through the Hugging Face cache, so ``HF_HOME`` and ``HF_HUB_OFFLINE`` are honoured by
huggingface_hub itself. A model that cannot be found becomes one :class:`ModelNotFoundError` that says how
to get it. Whether the hub may be used is :mod:`ringkas.hub_access`'s answer, the same for datasets: when
the hub cannot be reached, one short probe says so and the process goes offline, so loading does not sit
through huggingface_hub's retries (half a minute per file) before failing or falling back to the cache; :func:`check_models` checks all of a job's models in one pass. Loading is safe by default: ``trust_remote_code`` is off unless a job names it, safetensors
weights are preferred, and transformers loads any pickled ``.bin`` weights with ``weights_only=True``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ringkas.hub_access import hub_endpoint, hub_unreachable, offline, probe_result

# Weights files one of which a cached hub snapshot must hold (config.json alone is not a model).
WEIGHTS_FILES = ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin",
                 "pytorch_model.bin.index.json")


class ModelNotFoundError(RuntimeError):
    """A model id or folder that cannot be loaded here; the message says what to do.

    ``missing`` holds the hub models it is about, so that several can be reported together."""

    def __init__(self, message: str, missing: Iterable[ModelRef] = ()):
        super().__init__(message)
        self.missing = list(missing)


@dataclass(frozen=True)
class ModelRef:
    """What to load: a hub id (with an optional revision) or a local folder."""

    name: str
    revision: str | None = None
    trust_remote_code: bool = False

    @property
    def is_local(self) -> bool:
        return Path(self.name).expanduser().is_dir()

    @property
    def location(self) -> str:
        return str(Path(self.name).expanduser().resolve()) if self.is_local else self.name

    def load_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"trust_remote_code": self.trust_remote_code}
        if self.revision and not self.is_local:
            kwargs["revision"] = self.revision
        return kwargs


def resolve_model(name: str, revision: str | None = None, trust_remote_code: bool = False) -> ModelRef:
    """A local folder if ``name`` is one; a hub id (``ORG/NAME`` or ``NAME``) if it looks like one.

    A value that is on disk, or looks like a path (``./x``, ``~/x``, ``x/y/z``, or ``x/y`` where ``x`` is a
    folder here), is a path: when it is not a folder, that is said at once, without asking the hub."""
    ref = ModelRef(name=name, revision=revision, trust_remote_code=trust_remote_code)
    if ref.is_local:
        return ref
    if not name.strip():
        raise ModelNotFoundError("the model is empty: give a hub id (ORG/NAME) or a local model folder")
    path = Path(name).expanduser()
    if path.exists():
        raise ModelNotFoundError(f"model {name!r} is a file, not a model folder: pass the folder that holds "
                                 "config.json, or a hub id (ORG/NAME)")
    if looks_like_path(name):
        raise ModelNotFoundError(f"model folder {name!r} does not exist (no such folder here; a hub id is ORG/NAME)")
    return ref


def looks_like_path(name: str) -> bool:
    """``./x``, ``../x``, ``/x``, ``~/x``, ``x/y/z``, a backslash, or ``x/y`` whose ``x`` is a folder here."""
    if name.startswith((".", "/", "~")) or name.count("/") > 1 or "\\" in name:
        return True
    head, sep, _ = name.partition("/")
    return bool(sep) and Path(head).is_dir()


def _why_unavailable() -> str:
    cache = os.environ.get("HF_HOME") or "~/.cache/huggingface"
    if probe_result() is False:
        return f"the hub ({hub_endpoint()}) could not be reached and the Hugging Face cache ({cache}) does not hold"
    if offline():
        return f"HF_HUB_OFFLINE is set and the Hugging Face cache ({cache}) does not hold"
    return f"the Hugging Face cache ({cache}) does not hold, and the hub did not give,"


def _download_command(ref: ModelRef) -> str:
    return f"ringkas models download {ref.name}" + (f" --revision {ref.revision}" if ref.revision else "")


def missing_models_message(refs: list[ModelRef], labels: list[str] | None = None) -> str:
    """One message for every hub model that is missing, with one download command each."""
    names = [ref.name + (f" (revision {ref.revision})" if ref.revision else "") for ref in refs]
    if labels:
        names = [f"{label}: {name}" for label, name in zip(labels, names)]
    what = f"model {names[0]}" if len(names) == 1 else f"these {len(names)} models"
    lines = [f"{_why_unavailable()} {what}" + (":" if len(names) > 1 else ".")]
    lines += [f"  - {name}" for name in names] if len(names) > 1 else []
    lines.append("to fix: on a machine with internet access run")
    lines += [f"    {_download_command(ref)}" for ref in refs]
    lines.append("then copy that machine's HF_HOME folder here (or set HF_HOME to it), or pass the model's "
                 "local folder instead of the hub id.")
    return "\n".join(lines)


def missing_model_message(ref: ModelRef, cause: BaseException | None = None) -> str:
    lines = [f"model {ref.name!r} could not be loaded" + (f" at revision {ref.revision}" if ref.revision else "")]
    if ref.is_local:
        lines.append(f"the folder exists but does not hold a loadable model ({cause})")
        return "\n".join(lines)
    lines.append(missing_models_message([ref]))
    if cause is not None and not (offline() or hub_unreachable()):
        lines.append(f"(underlying error: {type(cause).__name__}: {str(cause).splitlines()[0] if str(cause) else ''})")
    return "\n".join(lines)


def is_available(ref: ModelRef) -> bool:
    """Whether ``ref`` can load without the network: a folder with a config, or a cached config and weights."""
    if ref.is_local:
        return (Path(ref.location) / "config.json").is_file()
    from huggingface_hub import try_to_load_from_cache

    def cached(filename: str) -> bool:
        return isinstance(try_to_load_from_cache(ref.name, filename, revision=ref.revision), str)

    return cached("config.json") and any(cached(name) for name in WEIGHTS_FILES)


def check_models(checks: Iterable[tuple[str, Callable[[], object]]]) -> None:
    """Run each ``(label, check)`` of a job's models and report every missing model in one error.

    A check is whatever builds or probes a stage without loading weights (it raises ModelNotFoundError
    for its model); the first unreachable-hub probe takes the process offline, so the rest are quick."""
    missing: list[tuple[str, ModelRef]] = []
    other: list[str] = []
    for label, check in checks:
        try:
            check()
        except ModelNotFoundError as exc:
            if exc.missing:
                missing += [(label, ref) for ref in exc.missing]
            else:
                other.append(f"{label}: {exc}")
    if not (missing or other):
        return
    parts = other + ([missing_models_message([ref for _, ref in missing], [label for label, _ in missing])]
                     if missing else [])
    raise ModelNotFoundError("\n".join(parts), missing=[ref for _, ref in missing])


def _preflight(ref: ModelRef) -> None:
    """Fail at once for a hub model that is neither cached nor reachable; called before transformers (and
    with it torch, seconds on a busy machine) is imported, so the message never waits for them."""
    if not ref.is_local and not is_available(ref):
        if offline() or hub_unreachable():
            raise ModelNotFoundError(missing_model_message(ref), missing=[ref])
    elif not ref.is_local:
        hub_unreachable()  # cached: when the hub is down, go offline so loading skips the retries


def _load(loader: Any, ref: ModelRef, **kwargs: Any) -> Any:
    _preflight(ref)
    try:
        return loader.from_pretrained(ref.location, **ref.load_kwargs(), **kwargs)
    except (OSError, ValueError) as exc:
        # OSError: not cached / not found / no network; ValueError: trust_remote_code refusals and similar.
        if isinstance(exc, ValueError) and "trust_remote_code" in str(exc):
            raise ModelNotFoundError(
                f"model {ref.name!r} needs custom code from its repository; ringkas does not run it unless the "
                "job spec sets trust_remote_code = true for this model"
            ) from exc
        raise ModelNotFoundError(missing_model_message(ref, exc), missing=[] if ref.is_local else [ref]) from exc


def load_tokenizer(ref: ModelRef, **kwargs: Any) -> Any:
    _preflight(ref)
    return _load(_tokenizer_class(ref), ref, **kwargs)


def _model_file(ref: ModelRef, filename: str) -> Path | None:
    """One small file of the model (a folder's, the cache's, else the hub's when online); None if it has none."""
    if ref.is_local:
        path = Path(ref.location) / filename
        return path if path.is_file() else None
    from huggingface_hub import try_to_load_from_cache

    cached = try_to_load_from_cache(ref.name, filename, revision=ref.revision)
    if isinstance(cached, str):
        return Path(cached)
    if offline() or hub_unreachable():
        return None
    from huggingface_hub import hf_hub_download

    try:
        return Path(hf_hub_download(ref.name, filename, revision=ref.revision))
    except Exception:  # not in the repository, or the hub refused: the caller decides what that means
        return None


def _tokenizer_class(ref: ModelRef) -> Any:
    """The tokenizer class the model's ``tokenizer_config.json`` names, imported on its own: AutoTokenizer
    reads the model's config through transformers' configuration module, which imports torch (seconds on a
    busy machine), and a CTranslate2 path needs only the tokenizer. AutoTokenizer when none is named, or
    when the model brings its own code (``auto_map``)."""
    import transformers

    path = _model_file(ref, "tokenizer_config.json")
    try:
        declared = json.loads(path.read_text("utf-8")) if path else {}
    except (OSError, ValueError):
        declared = {}
    name = declared.get("tokenizer_class") if isinstance(declared, dict) and "auto_map" not in declared else None
    try:
        found = getattr(transformers, name, None) if isinstance(name, str) and name.isidentifier() else None
    except Exception:  # a backend the class needs is missing: let AutoTokenizer say so
        found = None
    return found if found is not None else transformers.AutoTokenizer


def read_config(ref: ModelRef) -> SimpleNamespace:
    """The model's ``config.json`` as attributes, read without transformers (and so without torch): what
    a CTranslate2 path and a job's checks need (``model_type``, ``max_position_embeddings``, the hub
    commit as ``_commit_hash`` for :func:`model_revision`). A torch model uses :func:`load_config`."""
    _preflight(ref)
    path = _model_file(ref, "config.json")
    try:
        if path is None:
            raise FileNotFoundError("no config.json")
        values = json.loads(path.read_text("utf-8"))
        if not isinstance(values, dict):
            raise ValueError("config.json is not an object")
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(missing_model_message(ref, exc), missing=[] if ref.is_local else [ref]) from exc
    commit = path.parent.name if not ref.is_local and path.parent.parent.name == "snapshots" else None
    return SimpleNamespace(**{**values, "_commit_hash": commit})


def load_config(ref: ModelRef) -> Any:
    _preflight(ref)
    from transformers import AutoConfig

    return _load(AutoConfig, ref)


def load_generation_config(ref: ModelRef) -> Any:
    """The model's generation_config.json, or None where it has none (the config then says it all)."""
    _preflight(ref)
    from transformers import GenerationConfig

    try:
        return _load(GenerationConfig, ref)
    except ModelNotFoundError:
        return None


def load_seq2seq(ref: ModelRef, device: str = "cpu", dtype: str = "float32") -> Any:
    """``AutoModelForSeq2SeqLM`` on ``device`` in ``dtype``, in eval mode."""
    _preflight(ref)
    from transformers import AutoModelForSeq2SeqLM

    return _place(_load(AutoModelForSeq2SeqLM, ref, dtype=_torch_dtype(dtype)), device)


def load_causal_lm(ref: ModelRef, device: str = "cpu", dtype: str = "float32") -> Any:
    _preflight(ref)
    from transformers import AutoModelForCausalLM

    return _place(_load(AutoModelForCausalLM, ref, dtype=_torch_dtype(dtype)), device)


def _torch_dtype(dtype: str) -> Any:
    import torch

    return getattr(torch, dtype)


def _place(model: Any, device: str) -> Any:
    return model.to(device).eval()


def model_revision(ref: ModelRef, model_or_config: Any = None) -> str:
    """The revision to record in provenance: the hub commit, or a content hash of a local folder."""
    config = getattr(model_or_config, "config", model_or_config)
    commit = getattr(config, "_commit_hash", None) if config is not None else None
    if commit:
        return str(commit)
    if ref.is_local:
        return "local-" + folder_fingerprint(Path(ref.location))
    return ref.revision or "unknown"


def folder_fingerprint(folder: Path) -> str:
    """Hash of a model folder's file names, sizes and config contents (cheap; no weights read)."""
    digest = hashlib.sha1()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        digest.update(f"{rel}:{path.stat().st_size}\n".encode())
        if path.suffix == ".json":
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def download(name: str, revision: str | None = None, progress: bool = False) -> Path:
    """Fetch a hub model into the local cache (``ringkas models download``).

    Offline or with the hub unreachable this is a :class:`DownloadError` (exit 2) saying so, at once."""
    from huggingface_hub import snapshot_download

    ref = resolve_model(name, revision=revision)
    if ref.is_local:
        raise DownloadError(f"{name} is a local folder, not a hub id: there is nothing to download")
    if offline() or hub_unreachable():
        where = ("HF_HUB_OFFLINE is set" if probe_result() is None
                 else f"the hub ({hub_endpoint()}) could not be reached")
        raise DownloadError(f"cannot download {name}: {where}. Run `{_download_command(ref)}` on a machine "
                            "with internet access, then copy its HF_HOME folder (default ~/.cache/huggingface) "
                            "here, or set HF_HOME to it.")
    extra: dict[str, Any] = {}
    if progress:
        from tqdm.auto import tqdm

        extra["tqdm_class"] = tqdm
    try:
        return Path(snapshot_download(repo_id=name, revision=revision, **extra))
    except Exception as exc:  # not found, gated, no such revision, lost connection
        raise DownloadError(f"cannot download {name}" + (f" at revision {revision}" if revision else "")
                            + f": {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from exc


class DownloadError(ModelNotFoundError):
    """``ringkas models download`` could not fetch the model; the message says why and what to do."""
