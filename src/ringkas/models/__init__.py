"""Model loading shared by the translator and the summariser: hub ids and local folders, one path."""

from ringkas.models.hub import ModelNotFoundError, ModelRef, load_seq2seq, load_tokenizer, resolve_model
from ringkas.models.device import DeviceChoice, pick_device

__all__ = [
    "DeviceChoice",
    "ModelNotFoundError",
    "ModelRef",
    "load_seq2seq",
    "load_tokenizer",
    "pick_device",
    "resolve_model",
]
