"""One brief per story: inside a model stage, a story's lead article goes through the stage's steps; the
story's other articles (``metadata["story"]["role"] == "member"``) only get their title translated, so the
digest can list them under the lead's brief, and no summary or body translation is spent on them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ringkas.record import Article


def is_member(article: Article) -> bool:
    return (article.metadata.get("story") or {}).get("role") == "member"


class TitleOnly:
    """A translator step that translates only ``title`` (into ``title_en``) of the articles it is given."""

    def __init__(self, translator: Any):
        self.translator = translator

    def __call__(self, articles: Iterable[Article]) -> list[Article]:
        held = self.translator.fields
        self.translator.fields = {"title": "title_en"}
        try:
            return list(self.translator(list(articles)))
        finally:
            self.translator.fields = held


class LeadsOnly:
    """Wraps the steps of one model stage: leads (and articles of no story) through ``steps``, members
    through ``member_steps``; records come out in the order they went in."""

    def __init__(self, steps: list[Any], member_steps: list[Any]):
        self.steps, self.member_steps = steps, member_steps

    def __call__(self, articles: Iterable[Article]) -> Iterator[Article]:
        articles = list(articles)
        leads = [a for a in articles if not is_member(a)]
        members = [a for a in articles if is_member(a)]
        done: dict[str, Article] = {}
        for group, steps in ((leads, self.steps), (members, self.member_steps)):
            for step in steps:
                group = list(step(group)) if group else group
            done.update((a.id, a) for a in group)
        return iter([done[a.id] for a in articles])

    def __getattr__(self, name: str) -> Any:  # provenance() and the like come from the stage's own steps
        for step in self.steps:
            if hasattr(step, name):
                return getattr(step, name)
        raise AttributeError(name)


def leads_only(name: str, steps: list[Any]) -> list[Any]:
    """``steps`` of stage ``name`` wrapped for a job that briefs per story."""
    from ringkas.translate.base import Translator

    member_steps = [TitleOnly(s) for s in steps if isinstance(s, Translator)][:1] if name == "translate" else []
    return [LeadsOnly(steps, member_steps)]
