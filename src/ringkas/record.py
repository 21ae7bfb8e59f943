"""The one record type that flows through every ringkas stage.

A reader makes an :class:`Article`; the cleaner fills ``text``/``title``/``lang``; the translator adds
``title_en``/``text_en``; the summariser adds ``brief``/``headline_en``; writers serialise it. Each stage
writes what it did into ``metadata["provenance"][stage]`` (the ringkas signature once, as
``metadata["provenance"]["ringkas"]``) and, when something looks wrong, appends a short
code to ``flags``. A stage that cannot handle a record marks it rejected (:meth:`Article.reject`) instead of
raising, and every later stage passes a rejected record through untouched so that writers can account for
every input.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

# Top-level keys in serialised form, in the order they are written.
_FIELD_ORDER = (
    "id",
    "title",
    "text",
    "lang",
    "url",
    "published",
    "source",
    "story",
    "title_en",
    "text_en",
    "headline_en",
    "brief",
    "flags",
    "metadata",
)


@dataclass
class Rejection:
    """Why a record did not make it through: the stage that refused it and a machine-readable reason."""

    stage: str
    reason: str
    detail: str = ""

    def to_dict(self) -> dict[str, str]:
        out = {"stage": self.stage, "reason": self.reason}
        if self.detail:
            out["detail"] = self.detail
        return out


@dataclass
class Article:
    id: str
    text: str = ""
    title: str | None = None
    html: str | None = None
    lang: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    title_en: str | None = None
    text_en: str | None = None
    headline_en: str | None = None
    brief: str | None = None
    flags: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    rejection: Rejection | None = None
    story: str | None = None  # the id of the story (event) it reports: see ringkas.stories

    # --- stage helpers -------------------------------------------------------------------------------
    @property
    def rejected(self) -> bool:
        return self.rejection is not None

    def reject(self, stage: str, reason: str, detail: str = "") -> Article:
        """Mark this record as refused by ``stage``; the first rejection wins."""
        if self.rejection is None:
            self.rejection = Rejection(stage=stage, reason=reason, detail=detail)
        return self

    def flag(self, code: str) -> None:
        if code not in self.flags:
            self.flags.append(code)

    def add_provenance(self, stage: str, info: dict[str, Any]) -> None:
        """Record what ``stage`` did. The ringkas signature in ``info`` (``info["ringkas"]``) is kept once per
        record, as ``provenance["ringkas"]``, not once per stage; a stage run by another ringkas than the
        earlier stages keeps its own signature in its entry."""
        provenance = self.metadata.setdefault("provenance", {})
        signature = info.get("ringkas")
        if isinstance(signature, dict) and provenance.get("ringkas", signature) == signature:
            provenance["ringkas"] = signature
            info = {k: v for k, v in info.items() if k != "ringkas"}
        provenance[stage] = info

    # --- serialisation -------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: fields that are set, in a stable order (``html`` is never written)."""
        out: dict[str, Any] = {}
        for name in _FIELD_ORDER:
            value = getattr(self, name)
            if value is None or (name in ("flags", "metadata") and not value):
                continue
            out[name] = value
        return out

    def rejection_dict(self) -> dict[str, Any]:
        """The line a rejects file gets for this record."""
        if self.rejection is None:
            raise ValueError(f"article {self.id!r} is not rejected")
        out: dict[str, Any] = {"id": self.id, **self.rejection.to_dict()}
        origin = self.metadata.get("origin")
        if origin:
            out.update(origin)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict`. Unknown top-level keys are kept under ``metadata["extra"]`` (a job's
        ``briefs.jsonl`` line is read back by :func:`ringkas.writers.schema.article_from_brief`).

        Raises TypeError for a field of the wrong type (a number as ``text``, a string as ``metadata``), so a
        reader can reject that record with the reason instead of a later stage failing on it.
        """
        known = {f.name for f in fields(cls)} - {"rejection"}
        kwargs = {k: v for k, v in data.items() if k in known}
        for name, value in kwargs.items():
            wanted = {"flags": list, "metadata": dict}.get(name, str)
            if value is not None and not isinstance(value, wanted):
                raise TypeError(f"field {name!r} must be a {wanted.__name__}, not {type(value).__name__}")
        if kwargs.get("text") is None:
            kwargs.pop("text", None)
        extra = {k: v for k, v in data.items() if k not in known}
        if "id" not in kwargs or not isinstance(kwargs["id"], str) or not kwargs["id"]:
            kwargs["id"] = content_id(str(kwargs.get("text") or kwargs.get("html") or ""))
        article = cls(**kwargs)
        article.flags = list(article.flags or [])
        article.metadata = dict(article.metadata or {})
        if extra:
            article.metadata.setdefault("extra", {}).update(extra)
        return article


def content_id(content: str) -> str:
    """A stable id for a record that arrived without one: a hash of its content."""
    return "sha1-" + hashlib.sha1(content.encode("utf-8", "surrogatepass")).hexdigest()[:16]
