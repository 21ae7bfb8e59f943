"""One brief per story: inside a model stage, a story's lead article goes through the stage's steps; the
story's other articles (``metadata["story"]["role"] == "member"``) only get their title translated, so the
digest can list them under the lead's brief, and no summary or body translation is spent on them.

The members' titles ride in the same translator call as the leads of their unit (one batch through the
model, one set of checks, and a text that occurs twice in the unit is translated once), with every other
field the translator would translate hidden from it for that call."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ringkas.record import Article


def is_member(article: Article) -> bool:
    return (article.metadata.get("story") or {}).get("role") == "member"


@contextmanager
def title_only(members: list[Article], fields: dict[str, str]) -> Iterator[None]:
    """While inside, ``members`` show a translator only their title: their other ``fields`` read as empty."""
    hidden = [(article, source, getattr(article, source)) for article in members for source in fields
              if source != "title"]
    for article, source, _ in hidden:
        setattr(article, source, None)
    try:
        yield
    finally:
        for article, source, value in hidden:
            setattr(article, source, value)
        for article in members:  # their provenance says what was translated for them
            info = article.metadata.get("provenance", {}).get("translate")
            if isinstance(info, dict) and isinstance(info.get("fields"), dict):
                article.metadata["provenance"]["translate"] = {
                    **info, "fields": {k: v for k, v in info["fields"].items() if k == "title"}}


class LeadsOnly:
    """Wraps the steps of one model stage: leads (and articles of no story) go through ``steps``; members go
    only through ``translator`` (one of ``steps``, the first), together with the leads, for their title.
    Records come out in the order they went in."""

    def __init__(self, steps: list[Any], translator: Any = None):
        self.steps, self.translator = steps, translator

    def __call__(self, articles: Iterable[Article]) -> Iterator[Article]:
        articles = list(articles)
        members = [a for a in articles if is_member(a)]
        steps = self.steps
        if self.translator is not None and members and "title" in self.translator.fields:
            with title_only(members, self.translator.fields):
                done = list(self.translator(articles))
            steps = [s for s in steps if s is not self.translator]
        else:
            done = articles
        by_id = {a.id: a for a in done}
        leads = [a for a in done if not is_member(a)]
        for step in steps:
            leads = list(step(leads)) if leads else leads
        by_id.update((a.id, a) for a in leads)
        return iter([by_id[a.id] for a in articles])

    def __getattr__(self, name: str) -> Any:  # provenance() and the like come from the stage's own steps
        for step in self.steps:
            if hasattr(step, name):
                return getattr(step, name)
        raise AttributeError(name)


def leads_only(name: str, steps: list[Any]) -> list[Any]:
    """``steps`` of stage ``name`` wrapped for a job that briefs per story."""
    from ringkas.translate.base import Translator

    first = steps[0] if name == "translate" and steps else None  # a stage's model step comes first
    return [LeadsOnly(steps, first if isinstance(first, Translator) else None)]
