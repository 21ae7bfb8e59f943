"""Model loading shared by every role: hub ids and local folders, one path; one runtime (device, precision,
threads from a compute budget: :mod:`ringkas.models.runtime`); one CTranslate2 opener (:mod:`ringkas.models.ct2`)."""

from ringkas.models.hub import ModelNotFoundError, ModelRef, load_seq2seq, load_tokenizer, resolve_model
from ringkas.models.runtime import Budget, Runtime, resolve_ct2, resolve_torch

__all__ = [
    "Budget",
    "ModelNotFoundError",
    "ModelRef",
    "Runtime",
    "load_seq2seq",
    "load_tokenizer",
    "resolve_ct2",
    "resolve_model",
    "resolve_torch",
]
