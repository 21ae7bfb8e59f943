"""Helper steps of the summarise stage that pipelines declare around the translator
(``data/summarise_pipelines.toml``): they keep a brief's bullets through a translator that joins lines,
and check a translated brief against its source."""

from __future__ import annotations

from ringkas.record import Article
from ringkas.step import Step
from ringkas.summarise.base import Brief, brief_points

_MARK = "brief_bullets_as_paragraphs"


class BulletsToParagraphs(Step):
    """The translator translates paragraph by paragraph and joins lines inside one, so each bullet of a
    brief goes to it as its own paragraph, without the marker; :class:`ParagraphsToBullets` undoes this."""

    name = "summarise"

    def process(self, article: Article) -> Article:
        points = brief_points(article.brief or "")
        if points is not None:
            article.brief = "\n\n".join(points)
            article.metadata[_MARK] = True
        return article


class ParagraphsToBullets(Step):
    name = "summarise"

    def process(self, article: Article) -> Article:
        if article.metadata.pop(_MARK, False) and article.brief:
            paragraphs = [p.strip() for p in article.brief.split("\n\n") if p.strip()]
            article.brief = "\n".join(f"- {p}" for p in paragraphs)
        return article


class CheckTranslatedBrief(Step):
    """summarise-then-translate: the guard checked the Indonesian brief, but the translator can still loop
    or turn "2,1 persen" into "21 percent", so the English brief is checked against the Indonesian source
    too. Flags only: an extractive fallback here would be Indonesian. The report goes into the summarise
    provenance as ``faithfulness_translated``."""

    name = "summarise"

    def __init__(self) -> None:
        from ringkas.summarise.faithfulness import FaithfulnessGuard

        self.guard = FaithfulnessGuard()

    def process(self, article: Article) -> Article:
        if not article.brief and not article.headline_en:
            return article
        _, report = self.guard.check(article.text or "", Brief(text=article.brief, headline=article.headline_en),
                                     title=article.title)
        for code in report["flags"]:
            article.flag(code)
        provenance = article.metadata.setdefault("provenance", {}).setdefault("summarise", {})
        provenance["faithfulness_translated"] = report
        return article
