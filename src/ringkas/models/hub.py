"""Load seq2seq/causal models and tokenizers from a hub id or a local folder through ``from_pretrained``.

Hub ids go through the Hugging Face cache, so ``HF_HOME`` and ``HF_HUB_OFFLINE`` are honoured by
huggingface_hub itself. A model that cannot be found becomes one :class:`ModelNotFoundError` that says how
to get it. Loading is safe by default: ``trust_remote_code`` is off unless a job names it, safetensors
weights are preferred, and transformers loads any pickled ``.bin`` weights with ``weights_only=True``.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class ModelNotFoundError(RuntimeError):
    """A model id or folder that cannot be loaded here; the message says what to do."""


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
    """A local folder if ``name`` is one; a hub id if it looks like one; otherwise a clear error."""
    ref = ModelRef(name=name, revision=revision, trust_remote_code=trust_remote_code)
    if ref.is_local:
        return ref
    if name.startswith((".", "/", "~")) or name.count("/") > 1 or not name.strip():
        raise ModelNotFoundError(f"model folder {name!r} does not exist (and it is not a hub id)")
    return ref


def offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "0").lower() in ("1", "true", "yes", "on")


def missing_model_message(ref: ModelRef, cause: BaseException | None = None) -> str:
    cache = os.environ.get("HF_HOME") or "~/.cache/huggingface"
    lines = [f"model {ref.name!r} could not be loaded" + (f" at revision {ref.revision}" if ref.revision else "")]
    if ref.is_local:
        lines.append(f"the folder exists but does not hold a loadable model ({cause})")
        return "\n".join(lines)
    if offline():
        lines.append(f"HF_HUB_OFFLINE is set and it is not in the Hugging Face cache ({cache}).")
    else:
        lines.append(f"it is not in the Hugging Face cache ({cache}) and the hub could not be reached.")
    lines.append(
        "to fix: on a machine with internet access run\n"
        f"    ringkas models download {ref.name}" + (f" --revision {ref.revision}" if ref.revision else "") + "\n"
        "then copy that machine's HF_HOME folder here (or set HF_HOME to it), or pass the model's local "
        "folder instead of the hub id."
    )
    if cause is not None:
        lines.append(f"(underlying error: {type(cause).__name__}: {str(cause).splitlines()[0] if str(cause) else ''})")
    return "\n".join(lines)


def _load(loader: Any, ref: ModelRef, **kwargs: Any) -> Any:
    try:
        return loader.from_pretrained(ref.location, **ref.load_kwargs(), **kwargs)
    except (OSError, ValueError) as exc:
        # OSError: not cached / not found / no network; ValueError: trust_remote_code refusals and similar.
        if isinstance(exc, ValueError) and "trust_remote_code" in str(exc):
            raise ModelNotFoundError(
                f"model {ref.name!r} needs custom code from its repository; ringkas does not run it unless the "
                "job spec sets trust_remote_code = true for this model"
            ) from exc
        raise ModelNotFoundError(missing_model_message(ref, exc)) from exc


def load_tokenizer(ref: ModelRef, **kwargs: Any) -> Any:
    from transformers import AutoTokenizer

    return _load(AutoTokenizer, ref, **kwargs)


def load_config(ref: ModelRef) -> Any:
    from transformers import AutoConfig

    return _load(AutoConfig, ref)


def load_seq2seq(ref: ModelRef, device: str = "cpu", dtype: str = "float32") -> Any:
    """``AutoModelForSeq2SeqLM`` on ``device`` in ``dtype``, in eval mode."""
    from transformers import AutoModelForSeq2SeqLM

    return _place(_load(AutoModelForSeq2SeqLM, ref, dtype=_torch_dtype(dtype)), device)


def load_causal_lm(ref: ModelRef, device: str = "cpu", dtype: str = "float32") -> Any:
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


def download(name: str, revision: str | None = None) -> Path:
    """Fetch a hub model into the local cache (``ringkas models download``)."""
    from huggingface_hub import snapshot_download

    return Path(snapshot_download(repo_id=name, revision=revision))
